import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { finishRunIfDone, LIVE_CELL_STATUSES } from "@/lib/lab/data/cells";
import { notifyRunChanged, onCancel } from "@/lib/lab/server/events";
import { MemoryQueue } from "@/lib/lab/jobs/server/memory-queue";
import { PgBossQueue } from "@/lib/lab/jobs/data/pg-queue";
import type { JobContext, JobOutcome, LabQueue } from "@/lib/lab/jobs/queue";
import { DEAD_QUEUE, type LabJob, type QueuedJob } from "@/lib/lab/jobs/types";
import { executeJob } from "@/lib/lab/data/runner";

// This instance's part in running lab jobs: the queue (pg-boss on PostgreSQL, in process on
// SQLite), the jobs in hand (so a cancel from any instance, or a shutdown, reaches them), and the
// worker's identity that its cells carry (so other instances can tell when it is gone).

type InHand = { runId: string; controller: AbortController; handingBack: boolean; done: Promise<unknown> };

type Shared = {
  queue: LabQueue | null;
  workerId: string;
  working: Promise<void> | null;
  draining: boolean;
  inHand: Map<string, InHand>;
  stopCancel: (() => Promise<void>) | null;
  /** runs this process started or retried (what waitForIdleRuns waits for) */
  sentRuns: Set<string>;
};

const shared = globalThis as unknown as { lessonLabWorker?: Shared };
const state = (shared.lessonLabWorker ??= {
  queue: null,
  workerId: `${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`,
  working: null,
  draining: false,
  inHand: new Map(),
  stopCancel: null,
  sentRuns: new Set(),
});

export function noteRunSent(runId: string): void {
  state.sentRuns.add(runId);
}

export function labQueue(): LabQueue {
  state.queue ??= env.DATABASE_PROVIDER === "postgresql" ? new PgBossQueue(state.workerId) : new MemoryQueue();
  return state.queue;
}

export function workerId(): string {
  return state.workerId;
}

export function isDraining(): boolean {
  return state.draining;
}

/** Jobs this instance holds now. */
export function jobsInHand(): number {
  return state.inHand.size;
}

async function handle(job: LabJob, context: JobContext): Promise<JobOutcome> {
  if (context.queue === DEAD_QUEUE) {
    await failDeadJob(job);
    return "done";
  }
  const controller = new AbortController();
  const entry: InHand = { runId: job.runId, controller, handingBack: false, done: Promise.resolve() };
  let finish: () => void = () => undefined;
  entry.done = new Promise<void>((resolve) => (finish = resolve));
  state.inHand.set(context.jobId, entry);
  try {
    // A job fetched just as the instance began to stop goes straight back.
    if (state.draining) return "handback";
    return await executeJob(job, {
      workerId: state.workerId,
      jobId: context.jobId,
      signal: controller.signal,
      isHandingBack: () => entry.handingBack,
      send: (jobs: QueuedJob[]) => labQueue().send(jobs),
    });
  } finally {
    state.inHand.delete(context.jobId);
    finish();
  }
}

/** A job whose retries ran out (its workers kept dying): its cell fails with a reason, never waits forever. */
async function failDeadJob(job: LabJob): Promise<void> {
  await db.labCell.updateMany({
    where: { id: job.cellId, status: { in: [...LIVE_CELL_STATUSES] } },
    data: {
      status: "FAILED",
      errorCode: "WORKER_LOST",
      error: "This cell could not be finished: the servers running it stopped several times in a row. Retry it.",
      finishedAt: new Date(),
      workerId: null,
    },
  });
  await finishRunIfDone(job.runId);
  notifyRunChanged(job.runId);
}

/**
 * Starts taking lab jobs in this process (once). The app starts it at boot (instrumentation.ts);
 * scripts and tests that start runs start it on first use. LAB_WORKERS=false: this instance only
 * sends jobs.
 */
export function ensureLabWorkers({ resume = false }: { resume?: boolean } = {}): Promise<void> {
  if (!env.LAB_WORKERS) return Promise.resolve();
  state.working ??= (async () => {
    state.draining = false;
    const queue = labQueue();
    state.stopCancel = await onCancel((runId) => {
      for (const entry of state.inHand.values()) if (entry.runId === runId) entry.controller.abort();
    });
    const { startRecovery } = await import("@/lib/lab/jobs/data/recovery");
    await startRecovery(queue, state.workerId);
    await queue.startWorking(handle);
    // The embedded default keeps its queue in memory: what a crash left undone is sent again.
    if (resume && queue.kind === "memory") await (await import("@/lib/lab/jobs/data/recovery")).resumeInterruptedRuns(queue);
  })().catch((error: unknown) => {
    state.working = null;
    console.error("[lab] workers did not start:", error);
  });
  return state.working;
}

/**
 * SIGTERM: take no new job; let the jobs in hand finish for up to `windowMs`; hand back what is
 * still running (its cell goes back to waiting, its job back to the queue for another instance);
 * then let go of the queue.
 */
export async function drainLabWorkers(windowMs: number): Promise<{ finished: number; handedBack: number }> {
  state.draining = true;
  const queue = state.queue;
  const before = state.inHand.size;
  if (!queue) return { finished: 0, handedBack: 0 };
  await queue.stopTaking().catch((error: unknown) => console.error("[lab] stop taking", error));
  const deadline = Date.now() + windowMs;
  while (state.inHand.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const left = [...state.inHand.values()];
  for (const entry of left) {
    entry.handingBack = true;
    entry.controller.abort();
  }
  await Promise.race([Promise.all(left.map((e) => e.done)), new Promise((r) => setTimeout(r, 5000))]);
  const { stopRecovery } = await import("@/lib/lab/jobs/data/recovery");
  await stopRecovery(state.workerId);
  await state.stopCancel?.();
  await queue.close().catch((error: unknown) => console.error("[lab] closing the queue", error));
  state.queue = null;
  state.working = null;
  return { finished: before - left.length, handedBack: left.length };
}

/** For tests and scripts: resolves once none of these runs (default: those this process sent) is waiting or running. */
export async function waitForIdleRuns(timeoutMs = 30_000, runIds: readonly string[] = [...state.sentRuns]): Promise<void> {
  const started = Date.now();
  const where = { status: { in: ["QUEUED", "RUNNING"] }, id: { in: [...runIds] } };
  while (Date.now() - started < timeoutMs) {
    if (state.inHand.size === 0 && (await db.labRun.count({ where })) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
