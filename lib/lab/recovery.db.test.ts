import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createUser } from "@/lib/auth/data/users";
import { storeLabImage } from "@/lib/lab/data/image-store";
import { DEAD_AFTER_MS, cellJobsToResume, reapDeadWorkers, resumeInterruptedRuns } from "@/lib/lab/jobs/data/recovery";
import { queueFor, type LabJob } from "@/lib/lab/jobs/types";
import { ensureLabWorkers, labQueue, noteRunSent, waitForIdleRuns } from "@/lib/lab/jobs/data/worker";

// What a crash leaves behind, resumed: cells that were waiting or running when the process died
// run again (a new attempt), finished cells are left as they are, and the run ends DONE.

const prompts = JSON.stringify({ easy: "What is on the screen?", task: "Which setting is off?", failure: "What is hidden?" });

async function crashedRun(
  cells: { column: string; promptKind: string; status: string; model?: string | null; workerId?: string }[],
  options: { measureCold?: boolean } = {},
) {
  const user = await createUser({
    name: "Crash",
    email: `crash-${randomUUID().slice(0, 8)}@example.test`,
    password: "correct horse battery",
  });
  const image = await storeLabImage(user, { sampleId: "settings-screen" });
  const run = await db.labRun.create({
    data: {
      userId: user.id,
      imageId: image.id,
      lessonSlug: "local-qwen-vl",
      textModel: "llama3.2:3b",
      visionModel: "qwen2.5vl:3b",
      prompts,
      measureCold: options.measureCold ?? false,
      status: "RUNNING",
      cells: {
        create: cells.map((c) => ({
          column: c.column,
          promptKind: c.promptKind,
          model: c.model === undefined ? (c.column === "TEXT" ? "llama3.2:3b" : c.column === "VISION" ? "qwen2.5vl:3b" : null) : c.model,
          host: c.column === "OCR" ? null : env.OLLAMA_HOST,
          status: c.status,
          output: c.status === "DONE" ? "kept from before the crash" : c.status === "RUNNING" ? "half an ans" : "",
          attempts: c.status === "PENDING" ? 0 : 1,
          workerId: c.status === "RUNNING" ? (c.workerId ?? "gone-with-the-crash") : null,
        })),
      },
    },
    include: { cells: true },
  });
  return run;
}

describe("resuming what a crash left", () => {
  it("sends again every waiting or running cell of a live run, the vision lane of a cold-start run after its text lane", async () => {
    const run = await crashedRun([
      { column: "TEXT", promptKind: "easy", status: "DONE" },
      { column: "TEXT", promptKind: "task", status: "RUNNING" },
      { column: "TEXT", promptKind: "failure", status: "PENDING" },
      { column: "VISION", promptKind: "easy", status: "PENDING" },
      { column: "OCR", promptKind: "ocr", status: "DONE" },
    ]);
    const cold = await crashedRun(
      [
        { column: "TEXT", promptKind: "easy", status: "RUNNING" },
        { column: "VISION", promptKind: "easy", status: "PENDING" },
      ],
      { measureCold: true },
    );
    const jobs = await cellJobsToResume();
    const ours = (runId: string) => jobs.filter((j) => j.job.runId === runId).map((j) => j.job.kind === "cell" && j.job.cellId);
    const id = (r: typeof run, column: string, kind: string) => r.cells.find((c) => c.column === column && c.promptKind === kind)!.id;
    expect(ours(run.id).sort()).toEqual([id(run, "TEXT", "task"), id(run, "TEXT", "failure"), id(run, "VISION", "easy")].sort());
    expect(ours(cold.id)).toEqual([id(cold, "TEXT", "easy")]);
    await db.labRun.updateMany({ where: { id: { in: [run.id, cold.id] } }, data: { status: "CANCELLED" } });
  });

  it("a run interrupted mid-cell ends DONE after the start-up sweep; finished cells are not run again", async () => {
    const run = await crashedRun([
      { column: "TEXT", promptKind: "easy", status: "DONE" },
      { column: "TEXT", promptKind: "task", status: "RUNNING" },
      { column: "TEXT", promptKind: "failure", status: "PENDING" },
      { column: "OCR", promptKind: "ocr", status: "PENDING" },
    ]);
    await ensureLabWorkers();
    noteRunSent(run.id);
    if (labQueue().kind === "memory") expect(await resumeInterruptedRuns(labQueue())).toBeGreaterThanOrEqual(3);
    else expect(await reapDeadWorkers(labQueue())).toBeGreaterThanOrEqual(1);
    if (labQueue().kind !== "memory") {
      // On PostgreSQL the waiting cells had jobs all along; here they were made by hand, so send them.
      await labQueue().send(
        (await cellJobsToResume()).filter(
          (j) =>
            j.job.runId === run.id &&
            j.job.kind === "cell" &&
            run.cells.find((c) => c.id === (j.job as { cellId: string }).cellId)?.status === "PENDING",
        ),
      );
    }
    await waitForIdleRuns(60_000, [run.id]);
    const after = await db.labRun.findUniqueOrThrow({ where: { id: run.id }, include: { cells: true } });
    expect(after.status).toBe("DONE");
    const byKind = (kind: string) => after.cells.find((c) => c.promptKind === kind)!;
    expect(byKind("easy")).toMatchObject({ status: "DONE", output: "kept from before the crash", attempts: 1 });
    expect(byKind("task")).toMatchObject({ status: "DONE", attempts: 2 });
    expect(byKind("task").output).not.toBe("half an ans");
    expect(byKind("failure")).toMatchObject({ status: "DONE", attempts: 1 });
    expect(byKind("ocr").status).toBe("DONE");
  });

  it("the reaper hands on a cell whose worker's heartbeat stopped, once", async () => {
    const run = await crashedRun([{ column: "TEXT", promptKind: "easy", status: "RUNNING", workerId: "a-worker-that-died" }]);
    await ensureLabWorkers();
    noteRunSent(run.id);
    const reaped = await Promise.all([reapDeadWorkers(labQueue()), reapDeadWorkers(labQueue())]);
    expect(reaped.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    await waitForIdleRuns(60_000, [run.id]);
    const cell = await db.labCell.findFirstOrThrow({ where: { runId: run.id } });
    expect(cell).toMatchObject({ status: "DONE", attempts: 2 });
  });

  it("a job a worker took and died before leasing goes back to the queue at once (PostgreSQL); in process there is none", async () => {
    const queue = labQueue();
    if (queue.kind === "memory") {
      expect(await queue.unleasedJobs(0)).toEqual([]);
      return;
    }
    const run = await crashedRun([{ column: "TEXT", promptKind: "easy", status: "PENDING" }]);
    const cell = run.cells[0]!;
    const job: LabJob = { kind: "cell", cellId: cell.id, runId: run.id, host: cell.host, model: cell.model };
    const name = queueFor(job, env.LAB_MODEL_CONCURRENCY);
    await ensureLabWorkers();
    await queue.prepare([{ queue: name, job }]);
    // What pg-boss leaves when the instance dies right after fetching: active, started, no lease.
    const [inserted] = await db.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO "${env.LAB_QUEUE_SCHEMA}".job (name, data, state, started_on, retry_limit, retry_delay, expire_in, policy)
       VALUES ($1, $2::jsonb, 'active', now() - interval '1 minute', 6, 1, interval '10 minutes', 'singleton') RETURNING id::text AS id`,
      name,
      JSON.stringify(job),
    );
    const id = inserted!.id;
    expect(await queue.unleasedJobs(DEAD_AFTER_MS)).toContainEqual({ queue: name, jobId: id });
    noteRunSent(run.id);
    expect(await reapDeadWorkers(queue)).toBeGreaterThanOrEqual(1);
    await waitForIdleRuns(60_000, [run.id]);
    expect(await db.labCell.findUniqueOrThrow({ where: { id: cell.id } })).toMatchObject({ status: "DONE", attempts: 1 });
    expect(await queue.unleasedJobs(0)).not.toContainEqual({ queue: name, jobId: id });
  });
});
