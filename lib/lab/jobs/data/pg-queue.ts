import "server-only";
import PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DEAD_QUEUE, OCR_QUEUE, isLaneQueue, orderedJobId, type QueuedJob } from "@/lib/lab/jobs/types";
import type { JobContext, JobHandler, LabQueue, QueueTx } from "@/lib/lab/jobs/queue";
import { listen, notify } from "@/lib/lab/data/pg-notify";

// The lab's queue on PostgreSQL: pg-boss 10 (the last line that runs on Node 20; see
// docs/lab-queue.md). Jobs are rows in pg-boss's schema, inserted in the same transaction as the
// run and its cells. Lane queues use pg-boss's "singleton" policy: at most one active job per
// queue across every instance. A job whose worker died comes back when its heartbeat stops
// (lib/lab/jobs/data/recovery.ts fails it, so pg-boss retries it at once) or, as a last resort, when
// pg-boss expires it. Retries that run out send the job to lab.dead.

const WAKE_CHANNEL = "lab_jobs";

export function laneQueueOptions(): PgBoss.Queue {
  return {
    name: "",
    policy: "singleton",
    retryLimit: 6,
    retryDelay: 1,
    // A cell is bounded by its own timeout; a measurement by three of them.
    expireInSeconds: env.LAB_CELL_TIMEOUT_S * 3 + 120,
    deadLetter: DEAD_QUEUE,
  };
}

export class PgBossQueue implements LabQueue {
  readonly kind = "pg-boss" as const;
  private started: Promise<PgBoss> | null = null;
  private readonly known = new Set<string>();
  private handler: JobHandler | null = null;
  /** queue name -> pg-boss worker id */
  private readonly workers = new Map<string, string>();
  private discovery: NodeJS.Timeout | null = null;
  private stopWake: (() => Promise<void>) | null = null;
  private taking = false;

  constructor(
    private readonly workerId: string,
    private readonly schema = env.LAB_QUEUE_SCHEMA,
  ) {}

  private boss(): Promise<PgBoss> {
    this.started ??= (async () => {
      const boss = new PgBoss({
        connectionString: env.DATABASE_URL,
        schema: this.schema,
        max: 6,
        application_name: "lesson-lab-queue",
        // Expired jobs are found and retried within this many seconds (the last-resort recovery).
        maintenanceIntervalSeconds: 15,
        schedule: false,
      });
      boss.on("error", (error) => console.error("[lab queue]", error));
      await boss.start();
      for (const queue of await boss.getQueues()) this.known.add(queue.name);
      // The dead-letter queue first: the others name it.
      for (const name of [DEAD_QUEUE, OCR_QUEUE]) await this.ensure(boss, name);
      return boss;
    })();
    this.started.catch(() => (this.started = null));
    return this.started;
  }

  /** Queue creations, one at a time in this process. */
  private creating: Promise<void> = Promise.resolve();

  /**
   * Creates the queue unless it exists. pg-boss's create_queue adds a partition and a foreign key,
   * and two of them at once deadlock (PostgreSQL then cancels one): creations here go one at a
   * time, and one that loses to another instance's is retried.
   */
  private ensure(boss: PgBoss, name: string): Promise<void> {
    if (this.known.has(name)) return Promise.resolve();
    const created = this.creating.then(async () => {
      for (let attempt = 1; ; attempt++) {
        if (this.known.has(name) || (await boss.getQueue(name))) break;
        try {
          await boss.createQueue(name, this.queueOptions(name));
          break;
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (attempt >= 10 || !["40P01", "23505", "42P07", "42710"].includes(code ?? "")) throw error;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 300 * attempt));
        }
      }
      this.known.add(name);
    });
    this.creating = created.catch(() => undefined);
    return created;
  }

  private queueOptions(name: string): PgBoss.Queue {
    if (isLaneQueue(name)) return { ...laneQueueOptions(), name };
    if (name === DEAD_QUEUE) return { name, policy: "standard", retryLimit: 10, retryDelay: 5 };
    return { name, policy: "standard", retryLimit: 6, retryDelay: 1, expireInSeconds: 600, deadLetter: DEAD_QUEUE };
  }

  async prepare(jobs: readonly QueuedJob[]): Promise<void> {
    const boss = await this.boss();
    for (const name of new Set(jobs.map((j) => j.queue))) await this.ensure(boss, name);
  }

  private rows(jobs: readonly QueuedJob[]): PgBoss.JobInsert[] {
    return jobs.map(({ queue, job }) => ({ id: orderedJobId(), name: queue, data: job }));
  }

  async sendInTransaction(tx: QueueTx, jobs: readonly QueuedJob[]): Promise<void> {
    if (!jobs.length) return;
    const boss = await this.boss();
    // pg-boss writes through the transaction's own connection: the jobs exist only if the run does.
    const db: PgBoss.Db = { executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) };
    await boss.insert(this.rows(jobs), { db });
  }

  async afterCommit(jobs: readonly QueuedJob[]): Promise<void> {
    await this.wake(jobs);
  }

  async send(jobs: readonly QueuedJob[]): Promise<void> {
    if (!jobs.length) return;
    await this.prepare(jobs);
    await (await this.boss()).insert(this.rows(jobs));
    await this.wake(jobs);
  }

  /** Every instance's worker for these queues fetches now instead of at its next poll. */
  private async wake(jobs: readonly QueuedJob[]): Promise<void> {
    for (const name of new Set(jobs.map((j) => j.queue))) await notify(WAKE_CHANNEL, name).catch(() => undefined);
  }

  async startWorking(handler: JobHandler): Promise<void> {
    this.handler = handler;
    this.taking = true;
    await this.discover();
    this.discovery = setInterval(() => void this.discover().catch((e: unknown) => console.error("[lab queue] discovery", e)), 5000);
    this.discovery.unref();
    this.stopWake = await listen(WAKE_CHANNEL, (queue) => {
      if (!this.taking) return;
      const worker = this.workers.get(queue);
      if (worker) void this.boss().then((boss) => boss.notifyWorker(worker));
      else void this.discover();
    });
  }

  /** Works every lab queue that exists (new lanes appear as students pick models). */
  private async discover(): Promise<void> {
    if (!this.taking || !this.handler) return;
    const boss = await this.boss();
    for (const queue of await boss.getQueues()) {
      const name = queue.name;
      if (this.workers.has(name) || !(isLaneQueue(name) || name === OCR_QUEUE || name === DEAD_QUEUE)) continue;
      this.known.add(name);
      const id = await boss.work<QueuedJob["job"]>(
        name,
        { batchSize: 1, pollingIntervalSeconds: name === DEAD_QUEUE ? 5 : 0.5 },
        async ([job]) => {
          if (!job) return;
          const context = { queue: name, jobId: job.id };
          // The job is this worker's while its heartbeat goes on (lib/lab/jobs/data/recovery.ts).
          await db.labJobLease.create({ data: { jobId: job.id, queue: name, workerId: this.workerId } });
          try {
            // Handed back: failed at once, so it is retried; pg-boss's own "complete" then finds it no longer active.
            if ((await this.handler!(job.data, context)) === "handback") await this.handBack(context);
            else {
              // Completed here (pg-boss would do it without waiting, after this returns): the queue's
              // next job can then be fetched at once instead of after a poll interval, which a
              // singleton queue would otherwise refuse while this job still counts as active.
              await boss.complete(name, job.id);
              const worker = this.workers.get(name);
              if (worker) boss.notifyWorker(worker);
            }
          } finally {
            await db.labJobLease.deleteMany({ where: { jobId: job.id, workerId: this.workerId } });
          }
        },
      );
      this.workers.set(name, id);
    }
  }

  async stopTaking(): Promise<void> {
    this.taking = false;
    if (this.discovery) clearInterval(this.discovery);
    this.discovery = null;
    const boss = await this.boss();
    await Promise.all([...this.workers.keys()].map((name) => boss.offWork(name)));
    this.workers.clear();
    await this.stopWake?.();
    this.stopWake = null;
  }

  async handBack(context: JobContext): Promise<boolean> {
    // Back to "retry" at once: another worker fetches it within a second.
    const result = (await (await this.boss()).fail(context.queue, context.jobId, { reason: "handed back" })) as unknown as
      { affected?: number } | undefined;
    return (result?.affected ?? 0) > 0;
  }

  async unleasedJobs(olderThanMs: number): Promise<JobContext[]> {
    // pg-boss marks a job active when a worker fetches it; the worker writes its lease a moment
    // later. An instance killed in between leaves an active job nobody holds, and on a singleton
    // lane queue it blocks the whole lane until pg-boss expires it (minutes). The schema name is
    // checked by env (a plain identifier), so it can be quoted into the statement.
    const rows = await db.$queryRawUnsafe<{ id: string; name: string }[]>(
      `SELECT j.id::text AS id, j.name FROM "${this.schema}".job j
        WHERE j.state = 'active' AND j.started_on < now() - make_interval(secs => $1::double precision)
          AND NOT EXISTS (SELECT 1 FROM "LabJobLease" l WHERE l."jobId" = j.id::text)
        LIMIT 200`,
      olderThanMs / 1000,
    );
    return rows.map((r) => ({ queue: r.name, jobId: r.id }));
  }

  async close(): Promise<void> {
    if (!this.started) return;
    const boss = await this.started;
    await boss.stop({ graceful: false, close: true });
    this.started = null;
  }
}
