import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { claimCell, finishRunIfDone, releaseCell, writeCell, type ClaimedCell, type Fence } from "@/lib/lab/data/cells";
import { fencedWriter, runModelCell, runOcrCell } from "@/lib/lab/data/cell-execution";
import { checkLanesFit, waitsForTextLane } from "@/lib/lab/data/lane-fit";
import { loadContext } from "@/lib/lab/data/run-context";
import { notifyRunChanged } from "@/lib/lab/server/events";
import type { LabJob, QueuedJob } from "@/lib/lab/jobs/types";
import { queueFor } from "@/lib/lab/jobs/types";
import { getOllamaStatus } from "@/lib/ollama/server/client";
import { OllamaError } from "@/lib/ollama/errors";
import { isHostUp, recordHostFailure } from "@/lib/ollama/data/hosts";
import { chooseHostFor } from "@/lib/ollama/data/pool";

// Executes one lab job: a cell, one prompt through one model on the host its lane was sent to (the
// vision lane's last cell also measures the image's token cost of the whole lane), or the OCR
// baseline. Whatever instance runs it, every write is fenced (lib/lab/data/cells.ts), so a cell's result
// is written once as far as anyone can see.
// This file is the job's side (claim, hand back, fail over, settle the run); cell-execution.ts runs
// the cell itself and lane-measurement.ts measures the image's cost.

/** What the worker layer gives a job: who runs it, how to stop it, how to send follow-up jobs. */
export type JobRun = {
  workerId: string;
  jobId: string;
  /** aborted when the run is cancelled or the instance hands its jobs back */
  signal: AbortSignal;
  /** true once the abort means "hand the cell back" (the instance is stopping), not "cancelled" */
  isHandingBack: () => boolean;
  send: (jobs: QueuedJob[]) => Promise<void>;
};

export type JobResult = "done" | "handback";

export async function executeJob(job: LabJob, run: JobRun): Promise<JobResult> {
  return executeCell(job, run);
}

async function executeCell(job: Extract<LabJob, { kind: "cell" }>, run: JobRun): Promise<JobResult> {
  // A lane sent to a host that has since stopped answering goes to another host before it starts.
  if (job.host && job.model && !(await isHostUp(job.host))) {
    if (await moveToAnotherHost(job, job.host, run, null)) return "done";
  }
  // A run going lane by lane holds its vision lane back until the text lane is over.
  if (job.model && (await waitsForTextLane(job.cellId))) return "done";
  const claim = await claimCell(job.cellId, { workerId: run.workerId, jobId: run.jobId, host: job.host });
  if (!claim) {
    // Nothing to run (finished, cancelled, or taken over); a job retried after its cell ended still
    // settles the run, in case its worker died between the two.
    await finishRunIfDone(job.runId).catch(() => undefined);
    return "done";
  }
  const { cell, fence } = claim;
  notifyRunChanged(cell.runId);
  const writer = fencedWriter(cell.runId, fence, run.signal);
  try {
    const ctx = await loadContext(cell.runId, cell.host, run.signal);
    if (cell.column === "OCR") await runOcrCell(cell, fence, ctx);
    else await runModelCell(cell, fence, ctx, writer);
    return "done";
  } catch (error) {
    await writer.close();
    if (run.isHandingBack()) {
      // The instance is stopping: the cell waits again for the next worker, its output reset then.
      await releaseCell(fence);
      return "handback";
    }
    if (cell.host && cell.model && (await hostStoppedAnswering(cell.host, error))) {
      if (cell.failovers < 1 && (await moveToAnotherHost({ ...job, host: cell.host, model: cell.model }, cell.host, run, fence)))
        return "done";
    }
    await recordCellFailure(fence, run.signal, error);
    return "done";
  } finally {
    await afterCell(cell, run);
  }
}

/**
 * After any end of a cell: the run may be over; its lanes may turn out not to fit in memory
 * together (then they go one after the other); a lane-by-lane run's vision lane may start.
 */
async function afterCell(cell: ClaimedCell, run: JobRun): Promise<void> {
  await finishRunIfDone(cell.runId).catch((error: unknown) => console.error("[lab] finishing run", cell.runId, error));
  if (cell.model) await checkLanesFit(cell.runId).catch((error: unknown) => console.error("[lab] lane memory check", cell.runId, error));
  notifyRunChanged(cell.runId);
  if (cell.column === "TEXT") await startVisionLaneAfterText(cell.runId, run);
}

/**
 * A run that goes lane by lane (measuring a cold start: two cold models loaded at once would put
 * one's load into the other's load_duration; or lanes that did not fit in memory together) sends
 * its vision lane's jobs when the text lane is over. Sent at most once: only while the vision cells
 * have never been claimed.
 */
async function startVisionLaneAfterText(runId: string, run: JobRun): Promise<void> {
  const runRow = await db.labRun.findUnique({ where: { id: runId }, select: { measureCold: true, laneNote: true, status: true } });
  if (!runRow || !(runRow.measureCold || runRow.laneNote) || runRow.status === "CANCELLED") return;
  const textLeft = await db.labCell.count({ where: { runId, column: "TEXT", status: { in: ["PENDING", "RUNNING"] } } });
  if (textLeft > 0) return;
  const vision = await db.labCell.findMany({ where: { runId, column: "VISION", status: "PENDING", attempts: 0, jobId: null } });
  // Mark them sent (a job id of their own), so a second text cell ending at the same moment sends nothing.
  const jobs: QueuedJob[] = [];
  for (const cell of vision) {
    const marked = await db.labCell.updateMany({ where: { id: cell.id, jobId: null, status: "PENDING" }, data: { jobId: "sent" } });
    if (marked.count !== 1) continue;
    const job: LabJob = { kind: "cell", cellId: cell.id, runId, host: cell.host, model: cell.model };
    jobs.push({ queue: queueFor(job, env.LAB_MODEL_CONCURRENCY), job });
  }
  if (jobs.length) await run.send(jobs);
}

/** Whether the host stopped answering (not merely this request failing): asked again before failing over. */
async function hostStoppedAnswering(host: string, error: unknown): Promise<boolean> {
  if (!(error instanceof OllamaError) || !["UNREACHABLE", "STREAM_FAILED", "TIMEOUT"].includes(error.code)) return false;
  const status = await getOllamaStatus({ host, timeoutMs: 1500 });
  if (status.reachable) return false;
  await recordHostFailure(host, status.error);
  return true;
}

/**
 * Sends the cell to another host that has the model (its lane's host stopped answering). With a
 * fence, the claimed cell is handed over (once: `failovers`); without, it was never started here.
 */
async function moveToAnotherHost(job: Extract<LabJob, { kind: "cell" }>, from: string, run: JobRun, fence: Fence | null): Promise<boolean> {
  const model = job.model!;
  const to = await chooseHostFor(model, { exclude: [from] });
  if (!to) return false;
  const moved = fence
    ? await releaseCell(fence, { host: to, failovers: { increment: 1 } })
    : (await db.labCell.updateMany({ where: { id: job.cellId, status: "PENDING", host: from }, data: { host: to } })).count === 1;
  if (!moved) return false;
  const next: LabJob = { ...job, host: to };
  await run.send([{ queue: queueFor(next, env.LAB_MODEL_CONCURRENCY), job: next }]);
  notifyRunChanged(job.runId);
  return true;
}

async function recordCellFailure(fence: Fence, signal: AbortSignal, error: unknown): Promise<void> {
  const e = error instanceof OllamaError ? error : null;
  const cancelled = signal.aborted || e?.code === "ABORTED";
  if (!e && !cancelled) console.error("[lab] cell failed", fence.cellId, error);
  await writeCell(fence, {
    status: cancelled ? "CANCELLED" : "FAILED",
    // What arrived before the failure is kept.
    ...(e?.partialText ? { output: e.partialText } : {}),
    ...(e?.partialThinking ? { thinking: e.partialThinking } : {}),
    errorCode: cancelled ? "ABORTED" : (e?.code ?? "INTERNAL"),
    error: cancelled ? "Cancelled." : (e?.message ?? "This cell failed on the server. Retry it."),
    finishedAt: new Date(),
  });
}
