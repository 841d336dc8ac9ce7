import type { LabJob, QueuedJob } from "@/lib/lab/jobs/types";

// What the lab needs of a job queue. Two implementations: pg-boss on PostgreSQL (durable, shared by
// every app instance: lib/lab/jobs/data/pg-queue.ts) and an in-process queue for the embedded SQLite
// default (one instance; a sweep at start-up rebuilds it from the cells: lib/lab/jobs/server/memory-queue.ts).

export type JobContext = { queue: string; jobId: string };

/** "done": the job is over (whatever became of its cell); "handback": put it back for another worker. */
export type JobOutcome = "done" | "handback";

export type JobHandler = (job: LabJob, context: JobContext) => Promise<JobOutcome>;

/** The database client of an open transaction, as far as a queue needs it (raw SQL). */
export type QueueTx = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };

export interface LabQueue {
  readonly kind: "pg-boss" | "memory";
  /** Makes sure the queues exist; call before the transaction that sends to them. */
  prepare(jobs: readonly QueuedJob[]): Promise<void>;
  /** Records the jobs inside the caller's transaction (PostgreSQL); the in-process queue records nothing here. */
  sendInTransaction(tx: QueueTx, jobs: readonly QueuedJob[]): Promise<void>;
  /** After the transaction committed: wakes the workers (and, in process, queues the jobs). */
  afterCommit(jobs: readonly QueuedJob[]): Promise<void>;
  /** Sends outside any transaction (a reroute, a measurement, a dead cell's bookkeeping). */
  send(jobs: readonly QueuedJob[]): Promise<void>;
  /** Starts taking jobs from every lab queue with this handler. */
  startWorking(handler: JobHandler): Promise<void>;
  /** Stops taking new jobs; the ones in hand go on. */
  stopTaking(): Promise<void>;
  /** Gives a job in hand back to the queue at once; false when there was no such job in hand. */
  handBack(context: JobContext): Promise<boolean>;
  /**
   * Jobs taken from the queue more than olderThanMs ago that no worker holds a lease on: the
   * worker died between taking the job and writing its lease. None in process.
   */
  unleasedJobs(olderThanMs: number): Promise<JobContext[]>;
  close(): Promise<void>;
}
