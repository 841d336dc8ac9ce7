import "server-only";
import { randomUUID } from "node:crypto";
import { DEAD_QUEUE, isLaneQueue, type LabJob, type QueuedJob } from "@/lib/lab/jobs/types";
import type { JobContext, JobHandler, LabQueue } from "@/lib/lab/jobs/queue";

// The embedded default's queue (SQLite, one app instance): jobs wait in memory, one at a time per
// lane queue (one chat per model per host), OCR two at a time. Nothing here survives the process:
// the cells do, and the start-up sweep (lib/lab/jobs/data/recovery.ts) sends their jobs again.

type Entry = { id: string; job: LabJob };

export class MemoryQueue implements LabQueue {
  readonly kind = "memory" as const;
  private readonly waiting = new Map<string, Entry[]>();
  private readonly active = new Map<string, number>();
  private handler: JobHandler | null = null;
  private taking = false;
  private readonly inHand = new Map<string, { queue: string; entry: Entry }>();

  constructor(private readonly limits: { ocr: number } = { ocr: 2 }) {}

  async prepare(): Promise<void> {}

  async sendInTransaction(): Promise<void> {}

  async afterCommit(jobs: readonly QueuedJob[]): Promise<void> {
    return this.send(jobs);
  }

  async send(jobs: readonly QueuedJob[]): Promise<void> {
    for (const { queue, job } of jobs) {
      const list = this.waiting.get(queue) ?? [];
      // The same cell waiting twice (a sweep racing a send) runs once: the fence would refuse the second anyway.
      if (job.kind === "cell" && list.some((e) => e.job.kind === "cell" && e.job.cellId === job.cellId)) continue;
      list.push({ id: randomUUID(), job });
      this.waiting.set(queue, list);
    }
    this.pump();
  }

  async startWorking(handler: JobHandler): Promise<void> {
    this.handler = handler;
    this.taking = true;
    this.pump();
  }

  async stopTaking(): Promise<void> {
    this.taking = false;
  }

  async unleasedJobs(): Promise<JobContext[]> {
    // One process: a job in hand dies with the queue itself, and the start-up sweep sends it again.
    return [];
  }

  async handBack(context: JobContext): Promise<boolean> {
    const held = this.inHand.get(context.jobId);
    if (!held) return false;
    const list = this.waiting.get(held.queue) ?? [];
    list.unshift(held.entry);
    this.waiting.set(held.queue, list);
    return true;
  }

  async close(): Promise<void> {
    this.taking = false;
    this.waiting.clear();
  }

  /** Jobs waiting or in hand (for tests and shutdown). */
  size(): number {
    let n = this.inHand.size;
    for (const list of this.waiting.values()) n += list.length;
    return n;
  }

  private limitOf(queue: string): number {
    return isLaneQueue(queue) ? 1 : queue === DEAD_QUEUE ? 1 : this.limits.ocr;
  }

  private pump(): void {
    if (!this.taking || !this.handler) return;
    for (const [queue, list] of this.waiting) {
      while (list.length && (this.active.get(queue) ?? 0) < this.limitOf(queue)) {
        const entry = list.shift()!;
        this.active.set(queue, (this.active.get(queue) ?? 0) + 1);
        void this.run(queue, entry);
      }
    }
  }

  private async run(queue: string, entry: Entry): Promise<void> {
    const context: JobContext = { queue, jobId: entry.id };
    this.inHand.set(entry.id, { queue, entry });
    try {
      if ((await this.handler!(entry.job, context)) === "handback") await this.handBack(context);
    } catch (error) {
      console.error("[lab] job failed", queue, error);
    } finally {
      this.inHand.delete(entry.id);
      this.active.set(queue, (this.active.get(queue) ?? 1) - 1);
      this.pump();
    }
  }
}
