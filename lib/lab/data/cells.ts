import "server-only";
import { db } from "@/lib/db";

// Writes to a lab cell, fenced. A worker that claims a cell raises its attempt number; every later
// write names that number (and the RUNNING status) in its WHERE, so a worker that lost the cell (it
// was presumed dead and the cell ran elsewhere, or the run was cancelled) changes nothing. The run
// ends with one conditional update, made by whichever cell ends last.

export type Fence = { cellId: string; attempt: number };

export const LIVE_CELL_STATUSES = ["PENDING", "RUNNING"] as const;
export const LIVE_RUN_STATUSES = ["QUEUED", "RUNNING"] as const;

export type ClaimedCell = NonNullable<Awaited<ReturnType<typeof loadCell>>> & { attempts: number };

function loadCell(cellId: string) {
  return db.labCell.findUnique({ where: { id: cellId }, include: { run: { select: { status: true } } } });
}

/**
 * Takes the cell for this worker, if it is still to be run (PENDING, or RUNNING under a worker that
 * is gone) and its run is live. Null when there is nothing to do.
 */
export async function claimCell(
  cellId: string,
  by: { workerId: string; jobId: string; host: string | null },
): Promise<{ cell: ClaimedCell; fence: Fence } | null> {
  const cell = await loadCell(cellId);
  if (!cell || !LIVE_CELL_STATUSES.includes(cell.status as never) || !LIVE_RUN_STATUSES.includes(cell.run.status as never)) return null;
  const now = new Date();
  const claimed = await db.labCell.updateMany({
    where: { id: cellId, attempts: cell.attempts, status: { in: [...LIVE_CELL_STATUSES] } },
    data: {
      status: "RUNNING",
      attempts: { increment: 1 },
      startedAt: now,
      finishedAt: null,
      workerId: by.workerId,
      jobId: by.jobId,
      ...(by.host ? { host: by.host } : {}),
      output: "",
      thinking: "",
      error: null,
      errorCode: null,
    },
  });
  if (claimed.count !== 1) return null;
  await db.labRun.updateMany({ where: { id: cell.runId, status: "QUEUED" }, data: { status: "RUNNING", startedAt: now } });
  return { cell: { ...cell, attempts: cell.attempts + 1, host: by.host ?? cell.host }, fence: { cellId, attempt: cell.attempts + 1 } };
}

type CellData = Parameters<typeof db.labCell.updateMany>[0]["data"];

/** A write by the cell's current holder; false when it holds the cell no more (nothing was written). */
export async function writeCell(fence: Fence, data: CellData): Promise<boolean> {
  const result = await db.labCell.updateMany({ where: { id: fence.cellId, attempts: fence.attempt, status: "RUNNING" }, data });
  return result.count === 1;
}

/** A finished cell's later addition (the image-token measurement), only if it is still that attempt's result. */
export async function amendFinishedCell(fence: Fence, data: CellData): Promise<boolean> {
  const result = await db.labCell.updateMany({ where: { id: fence.cellId, attempts: fence.attempt, status: "DONE" }, data });
  return result.count === 1;
}

/** Gives the cell back to be run again (the instance is stopping, or its host moved): PENDING, same fence number. */
export async function releaseCell(fence: Fence, data: CellData = {}): Promise<boolean> {
  return writeCell(fence, { status: "PENDING", workerId: null, jobId: null, startedAt: null, ...data });
}

/** DONE once no cell of the run is waiting or running: one statement, whichever cell ends last. */
export async function finishRunIfDone(runId: string): Promise<boolean> {
  const changed = await db.$executeRaw`
    UPDATE "LabRun" SET "status" = 'DONE'
    WHERE "id" = ${runId} AND "status" IN ('QUEUED', 'RUNNING')
      AND NOT EXISTS (SELECT 1 FROM "LabCell" WHERE "runId" = ${runId} AND "status" IN ('PENDING', 'RUNNING'))`;
  if (changed !== 1) return false;
  await db.labRun.update({ where: { id: runId }, data: { finishedAt: new Date() } });
  return true;
}
