import { startSampleRun } from "@/test/lab-runs";
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { getLabProgress, labActivity, NO_LAB_PROGRESS } from "@/lib/lab/data/progress";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";

// getLabProgress on the configured database. Rows are written directly where a test needs a
// state a real run cannot be held in (a crash, a failed cell); one real run covers liveness.

const LESSON = "local-qwen-vl";

const student = () =>
  createUser({ name: "Progress Student", email: `progress-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" });

const imageOf = (ownerId: string) =>
  db.labImage.create({
    data: {
      ownerId,
      sha256: randomBytes(32).toString("hex"),
      format: "png",
      width: 100,
      height: 100,
      bytes: 100,
      originalFormat: "png",
      originalWidth: 100,
      originalHeight: 100,
      originalBytes: 100,
    },
  });

const SEVEN = ["TEXT:easy", "TEXT:task", "TEXT:failure", "VISION:easy", "VISION:task", "VISION:failure", "OCR:ocr"];

/** A stored run: `cells` are statuses (or [status, errorCode]) in SEVEN's order. */
async function storedRun(
  userId: string,
  options: { status: string; cells: (string | [string, string])[]; minutesAgo: number; lesson?: string },
): Promise<string> {
  const image = await imageOf(userId);
  const run = await db.labRun.create({
    data: {
      userId,
      imageId: image.id,
      lessonSlug: options.lesson ?? LESSON,
      textModel: "llama3.2:3b",
      visionModel: "qwen2.5vl:3b",
      prompts: "{}",
      status: options.status,
      createdAt: new Date(Date.now() - options.minutesAgo * 60_000),
      cells: {
        create: options.cells.map((cell, i) => {
          const [status, errorCode] = typeof cell === "string" ? [cell, null] : cell;
          const [column, promptKind] = SEVEN[i]!.split(":") as [string, string];
          return { column, promptKind, model: column === "OCR" ? null : "m", status, errorCode };
        }),
      },
    },
  });
  return run.id;
}

const allDone = Array<string>(7).fill("DONE");

afterEach(() => waitForIdleRuns());

describe("getLabProgress", () => {
  it("is empty for a student who has not opened the lab, and for an unknown user", async () => {
    const user = await student();
    expect(await getLabProgress(user.id, LESSON)).toEqual(NO_LAB_PROGRESS);
    expect(await getLabProgress("no-such-user", LESSON)).toEqual(NO_LAB_PROGRESS);
    expect(labActivity(NO_LAB_PROGRESS)).toEqual({ lab: false, writeUp: false });
  });

  it("reads the latest run with its cells, models and outcome", async () => {
    const user = await student();
    await storedRun(user.id, { status: "DONE", cells: allDone, minutesAgo: 30 });
    const latest = await storedRun(user.id, {
      status: "DONE",
      cells: ["DONE", "FAILED", "DONE", ["DONE", "EMPTY_ANSWER"], "DONE", "DONE", "DONE"],
      minutesAgo: 5,
    });
    const progress = await getLabProgress(user.id, LESSON);
    expect(progress.latestRun).toEqual({
      id: latest,
      outcome: "done-with-failures",
      // an empty answer is a failure of its cell, as the lab page counts it
      cells: { total: 7, finished: 7, failed: 2 },
      createdAt: expect.any(String),
      models: { text: "llama3.2:3b", vision: "qwen2.5vl:3b" },
    });
    expect(progress.finishedRuns).toBe(2);
    expect(labActivity(progress).lab).toBe(true);
  });

  it("a run a crash left running still reads as running (it resumes), and an earlier finished run keeps the lab step", async () => {
    const user = await student();
    await storedRun(user.id, { status: "DONE", cells: allDone, minutesAgo: 60 });
    const crashed = await storedRun(user.id, {
      status: "RUNNING",
      cells: ["DONE", "DONE", "RUNNING", "DONE", "PENDING", "PENDING", "DONE"],
      minutesAgo: 1,
    });
    const progress = await getLabProgress(user.id, LESSON);
    expect(progress.latestRun).toMatchObject({ id: crashed, outcome: "running", cells: { total: 7, finished: 4, failed: 0 } });
    expect(progress.finishedRuns).toBe(1);
    expect(labActivity(progress).lab).toBe(true);
  });

  it("does not count a cancelled run, another lesson's run or another student's run", async () => {
    const user = await student();
    const other = await student();
    await storedRun(user.id, {
      status: "CANCELLED",
      cells: ["DONE", "CANCELLED", "CANCELLED", "DONE", "CANCELLED", "CANCELLED", "DONE"],
      minutesAgo: 3,
    });
    await storedRun(user.id, { status: "DONE", cells: allDone, minutesAgo: 1, lesson: "vision-model-selection" });
    await storedRun(other.id, { status: "DONE", cells: allDone, minutesAgo: 1 });
    const progress = await getLabProgress(user.id, LESSON);
    expect(progress.latestRun).toMatchObject({ outcome: "cancelled", cells: { total: 7, finished: 7, failed: 0 } });
    expect(progress.finishedRuns).toBe(0);
    expect(labActivity(progress)).toEqual({ lab: false, writeUp: false });
  });

  it("follows a real run: running while it runs, then finished", async () => {
    const user = await student();
    const runId = await startSampleRun(user);
    const during = await getLabProgress(user.id, LESSON);
    // Waiting for a worker, or already with one.
    expect(during.latestRun).toMatchObject({ id: runId, outcome: expect.stringMatching(/^(queued|running)$/), cells: { total: 7 } });
    expect(during.latestRun!.cells.finished).toBeLessThan(7);
    expect(labActivity(during).lab).toBe(false);

    await waitForIdleRuns();
    const after = await getLabProgress(user.id, LESSON);
    // Other test files steer the shared Ollama double, so a cell may fail here: either way it finished.
    expect(["done", "done-with-failures"]).toContain(after.latestRun!.outcome);
    expect(after.latestRun!.cells.finished).toBe(7);
    expect(after.finishedRuns).toBe(1);
    expect(labActivity(after).lab).toBe(true);
  });

  it("reads the write-up: a draft or a returned one is not done, a submission is", async () => {
    const user = await student();
    const submission = await db.labSubmission.create({ data: { userId: user.id, lessonSlug: LESSON, draft: "{}" } });
    let progress = await getLabProgress(user.id, LESSON);
    expect(progress.writeUp).toEqual({ submissionId: submission.id, state: "DRAFT", submittedAt: null });
    expect(labActivity(progress).writeUp).toBe(false);

    const submittedAt = new Date("2026-11-20T10:00:00.000Z");
    for (const state of ["SUBMITTED", "IN_REVIEW", "RETURNED", "COMPLETED"]) {
      await db.labSubmission.update({ where: { id: submission.id }, data: { state, submittedAt, currentVersion: 1 } });
      progress = await getLabProgress(user.id, LESSON);
      expect(progress.writeUp).toEqual({ submissionId: submission.id, state, submittedAt: submittedAt.toISOString() });
      expect(labActivity(progress).writeUp).toBe(state !== "RETURNED");
    }
    expect(progress.latestRun).toBeNull();
  });
});
