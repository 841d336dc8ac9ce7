import "server-only";
import { hostname } from "node:os";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { LIVE_CELL_STATUSES, LIVE_RUN_STATUSES } from "@/lib/lab/data/cells";
import { notifyRunChanged } from "@/lib/lab/server/events";
import type { LabQueue } from "@/lib/lab/jobs/queue";
import { queueFor, type LabJob, type QueuedJob } from "@/lib/lab/jobs/types";
import { probeDueHosts } from "@/lib/ollama/data/hosts";

// What keeps lab runs going when an instance dies:
// - every instance writes a heartbeat every HEARTBEAT_MS; on PostgreSQL, any instance that sees a
//   running cell whose worker's heartbeat is older than DEAD_AFTER_MS fails that cell's job, so
//   pg-boss hands it to a live worker at once (pg-boss's own expiry is the backstop);
// - on the embedded SQLite default (one instance), the start-up sweep sends again every cell a
//   crash left waiting or running (cellJobsToResume);
// - every instance probes the Ollama hosts that are due (lib/ollama/data/hosts.ts).

export const HEARTBEAT_MS = 5_000;
export const DEAD_AFTER_MS = 20_000;
const REAP_MS = 5_000;

type Timers = { heartbeat: NodeJS.Timeout; probe: NodeJS.Timeout; reaper: NodeJS.Timeout | null };
const shared = globalThis as unknown as { lessonLabRecovery?: Timers | null };

const every = (ms: number, task: () => Promise<unknown>, label: string) => {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    task()
      .catch((error: unknown) => console.error(`[lab] ${label}:`, (error as Error).message))
      .finally(() => (busy = false));
  }, ms);
  timer.unref();
  return timer;
};

export async function beat(workerId: string): Promise<void> {
  await db.labWorker.upsert({
    where: { id: workerId },
    create: { id: workerId, label: `${hostname()} pid ${process.pid}` },
    update: { heartbeatAt: new Date() },
  });
}

export async function startRecovery(queue: LabQueue, workerId: string): Promise<void> {
  if (shared.lessonLabRecovery) return;
  await beat(workerId);
  shared.lessonLabRecovery = {
    heartbeat: every(HEARTBEAT_MS, () => beat(workerId), "heartbeat"),
    probe: every(3_000, () => probeDueHosts(), "host health"),
    reaper: queue.kind === "pg-boss" ? every(REAP_MS, () => reapDeadWorkers(queue), "reaper") : null,
  };
}

export async function stopRecovery(workerId: string): Promise<void> {
  const timers = shared.lessonLabRecovery;
  if (timers) for (const t of [timers.heartbeat, timers.probe, timers.reaper]) if (t) clearInterval(t);
  shared.lessonLabRecovery = null;
  await db.labWorker.deleteMany({ where: { id: workerId } }).catch(() => undefined);
}

/**
 * Jobs held, and cells running, under a worker whose heartbeat stopped: the jobs are failed so
 * pg-boss retries them now. Taking the lease or clearing the cell's worker first (a conditional
 * statement) makes sure only one instance does it. Returns how many were handed on.
 */
export async function reapDeadWorkers(queue: LabQueue, now = Date.now()): Promise<number> {
  const alive = await db.labWorker.findMany({ where: { heartbeatAt: { gt: new Date(now - DEAD_AFTER_MS) } }, select: { id: true } });
  const aliveIds = alive.map((w) => w.id);
  let reaped = 0;
  // Jobs a dead worker held, whatever they were doing (a measurement has no cell): back to the queue.
  const leases = await db.labJobLease.findMany({ where: { workerId: { notIn: aliveIds } }, take: 200 });
  for (const lease of leases) {
    const taken = await db.labJobLease.deleteMany({ where: { jobId: lease.jobId, workerId: lease.workerId } });
    if (taken.count === 1 && (await queue.handBack({ queue: lease.queue, jobId: lease.jobId }))) reaped += 1;
  }
  // Jobs a worker took and died before leasing (the moment between pg-boss's fetch and the lease).
  for (const job of await queue.unleasedJobs(DEAD_AFTER_MS)) if (await queue.handBack(job)) reaped += 1;
  const orphans = await db.labCell.findMany({
    where: { status: "RUNNING", workerId: { notIn: aliveIds }, run: { status: { in: [...LIVE_RUN_STATUSES] } } },
    select: { id: true, runId: true, workerId: true, jobId: true, host: true, model: true },
    take: 200,
  });
  const leased = new Set(
    (await db.labJobLease.findMany({ where: { workerId: { in: aliveIds } }, select: { jobId: true } })).map((l) => l.jobId),
  );
  for (const cell of orphans) {
    // Its job is already in a live worker's hands (fetched again a moment ago): that worker takes the cell over.
    if (cell.jobId && leased.has(cell.jobId)) continue;
    const taken = await db.labCell.updateMany({
      where: { id: cell.id, status: "RUNNING", workerId: cell.workerId },
      data: { workerId: null },
    });
    if (taken.count !== 1) continue;
    const job: LabJob = { kind: "cell", cellId: cell.id, runId: cell.runId, host: cell.host, model: cell.model };
    if (cell.jobId && queue.kind === "pg-boss")
      await queue.handBack({ queue: queueFor(job, env.LAB_MODEL_CONCURRENCY), jobId: cell.jobId });
    else await queue.send([{ queue: queueFor(job, env.LAB_MODEL_CONCURRENCY), job }]);
    reaped += 1;
    notifyRunChanged(cell.runId);
  }
  await db.labWorker.deleteMany({ where: { heartbeatAt: { lt: new Date(now - 10 * 60_000) } } });
  return reaped;
}

/**
 * The jobs a crash left undone on the embedded default: every waiting or running cell of a live
 * run (the vision lane of a run going lane by lane only once its text lane is over).
 */
export async function cellJobsToResume(): Promise<QueuedJob[]> {
  const cells = await db.labCell.findMany({
    where: { status: { in: [...LIVE_CELL_STATUSES] }, run: { status: { in: [...LIVE_RUN_STATUSES] } } },
    select: { id: true, runId: true, column: true, host: true, model: true, run: { select: { measureCold: true, laneNote: true } } },
    orderBy: [{ runId: "asc" }, { id: "asc" }],
  });
  const textLive = new Set(cells.filter((c) => c.column === "TEXT").map((c) => c.runId));
  return cells
    .filter((c) => !((c.run.measureCold || c.run.laneNote) && c.column === "VISION" && textLive.has(c.runId)))
    .map((c) => {
      const job: LabJob = {
        kind: "cell",
        cellId: c.id,
        runId: c.runId,
        host: c.model ? (c.host ?? env.OLLAMA_HOST) : null,
        model: c.model,
      };
      return { queue: queueFor(job, env.LAB_MODEL_CONCURRENCY), job };
    });
}

/** The start-up sweep of the embedded default. Returns how many cells were sent again. */
export async function resumeInterruptedRuns(queue: LabQueue): Promise<number> {
  const jobs = await cellJobsToResume();
  if (jobs.length) {
    await queue.send(jobs);
    console.log(
      `[lab] resumed ${jobs.length} cell(s) of ${new Set(jobs.map((j) => j.job.runId)).size} run(s) left unfinished by the last stop`,
    );
  }
  return jobs.length;
}
