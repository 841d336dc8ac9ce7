import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/auth/data/users";
import { amendFinishedCell, claimCell, finishRunIfDone, releaseCell, writeCell } from "@/lib/lab/data/cells";
import { storeLabImage } from "@/lib/lab/data/image-store";

// The fencing rules, at the data layer: whoever holds a cell's latest attempt is the only one whose
// writes land; the run ends once, by whichever cell ends last.

async function run(cells: string[] = ["PENDING", "PENDING"]) {
  const user = await createUser({
    name: "Fence",
    email: `fence-${randomUUID().slice(0, 8)}@example.test`,
    password: "correct horse battery",
  });
  const image = await storeLabImage(user, { sampleId: "settings-screen" });
  const created = await db.labRun.create({
    data: {
      userId: user.id,
      imageId: image.id,
      lessonSlug: "local-qwen-vl",
      textModel: "llama3.2:3b",
      visionModel: null,
      prompts: JSON.stringify({ easy: "a", task: "b", failure: "c" }),
      cells: {
        create: cells.map((status, i) => ({ column: "TEXT", promptKind: ["easy", "task", "failure"][i]!, model: "llama3.2:3b", status })),
      },
    },
    include: { cells: { orderBy: { promptKind: "asc" } } },
  });
  return { runId: created.id, cellIds: created.cells.map((c) => c.id) };
}

const by = (workerId: string) => ({ workerId, jobId: `job-${workerId}`, host: "http://gpu-1:11434" });

describe("fenced cell writes", () => {
  it("a worker presumed dead writes nothing once another worker took its cell over", async () => {
    const { cellIds } = await run();
    const first = (await claimCell(cellIds[0]!, by("a")))!;
    expect(first.fence.attempt).toBe(1);
    // Worker a stops answering; its cell (still RUNNING) is taken over by b.
    const second = (await claimCell(cellIds[0]!, by("b")))!;
    expect(second.fence.attempt).toBe(2);
    expect(await writeCell(first.fence, { output: "late text from a" })).toBe(false);
    expect(await writeCell(second.fence, { output: "b's answer so far" })).toBe(true);
    expect(await writeCell(second.fence, { status: "DONE", output: "b's answer" })).toBe(true);
    expect(await writeCell(first.fence, { status: "FAILED", error: "a timed out" })).toBe(false);
    const cell = await db.labCell.findUniqueOrThrow({ where: { id: cellIds[0]! } });
    expect(cell).toMatchObject({ status: "DONE", output: "b's answer", attempts: 2, workerId: "b", host: "http://gpu-1:11434" });
    // A finished cell is not claimed again.
    expect(await claimCell(cellIds[0]!, by("c"))).toBeNull();
  });

  it("two workers claiming the same waiting cell at once: exactly one gets it", async () => {
    const { cellIds } = await run();
    const claims = await Promise.all(["a", "b", "c", "d"].map((w) => claimCell(cellIds[0]!, by(w))));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await db.labCell.findUniqueOrThrow({ where: { id: cellIds[0]! } })).attempts).toBe(1);
  });

  it("a cancelled run's cells take no more writes and are never claimed", async () => {
    const { runId, cellIds } = await run();
    const held = (await claimCell(cellIds[0]!, by("a")))!;
    await db.labRun.update({ where: { id: runId }, data: { status: "CANCELLED" } });
    await db.labCell.updateMany({ where: { runId, status: { in: ["PENDING", "RUNNING"] } }, data: { status: "CANCELLED" } });
    expect(await writeCell(held.fence, { status: "DONE", output: "too late" })).toBe(false);
    expect(await claimCell(cellIds[1]!, by("b"))).toBeNull();
    expect((await db.labCell.findUniqueOrThrow({ where: { id: cellIds[0]! } })).status).toBe("CANCELLED");
  });

  it("a handed-back cell waits again and its next claim is a new attempt", async () => {
    const { cellIds } = await run();
    const held = (await claimCell(cellIds[0]!, by("a")))!;
    expect(await releaseCell(held.fence)).toBe(true);
    expect(await db.labCell.findUniqueOrThrow({ where: { id: cellIds[0]! } })).toMatchObject({ status: "PENDING", workerId: null });
    expect(await writeCell(held.fence, { output: "x" })).toBe(false);
    expect((await claimCell(cellIds[0]!, by("b")))!.fence.attempt).toBe(2);
  });

  it("a finished cell is amended only for the attempt that was measured", async () => {
    const { cellIds } = await run();
    const held = (await claimCell(cellIds[0]!, by("a")))!;
    await writeCell(held.fence, { status: "DONE", metrics: "{}" });
    expect(await amendFinishedCell({ cellId: cellIds[0]!, attempt: 0 }, { metrics: '{"stale":true}' })).toBe(false);
    expect(await amendFinishedCell(held.fence, { metrics: '{"measured":true}' })).toBe(true);
  });

  it("the run ends once, when its last cell ends, whichever that is", async () => {
    const { runId, cellIds } = await run();
    const [a, b] = [(await claimCell(cellIds[0]!, by("a")))!, (await claimCell(cellIds[1]!, by("b")))!];
    expect((await db.labRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("RUNNING");
    await writeCell(a.fence, { status: "DONE" });
    expect(await finishRunIfDone(runId)).toBe(false);
    await writeCell(b.fence, { status: "FAILED" });
    const ends = await Promise.all([finishRunIfDone(runId), finishRunIfDone(runId), finishRunIfDone(runId)]);
    expect(ends.filter(Boolean)).toHaveLength(1);
    const done = await db.labRun.findUniqueOrThrow({ where: { id: runId } });
    expect(done.status).toBe("DONE");
    expect(done.finishedAt).toBeInstanceOf(Date);
  });
});
