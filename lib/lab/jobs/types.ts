import { createHash } from "node:crypto";

// The lab's jobs and the queues they wait in. Pure: both queue implementations and the tests use it.
//
// One queue per Ollama host, model and slot (LAB_MODEL_CONCURRENCY slots, one by default), with at
// most one job active in it across every app instance: "one chat per model per GPU" holds by
// construction. A job is one cell, so a dead worker's job comes back within one cell's time (a
// vision lane's last cell also measures the lane's image-token cost). The OCR baseline runs in any
// instance (its own queue).

export type LabJob = { kind: "cell"; cellId: string; runId: string; host: string | null; model: string | null };

export type QueuedJob = { queue: string; job: LabJob };

export const LANE_PREFIX = "lab.lane.";
export const OCR_QUEUE = "lab.ocr";
/** jobs whose retries ran out: their cells are marked failed, never left waiting */
export const DEAD_QUEUE = "lab.dead";

/** The queue of one host, model and slot: a stable name pg-boss accepts (letters, digits, dots). */
export function laneQueue(host: string, model: string, slot = 0): string {
  const hash = createHash("sha256").update(`${host}\n${model}`).digest("hex").slice(0, 24);
  return `${LANE_PREFIX}${hash}.${slot}`;
}

export function isLaneQueue(name: string): boolean {
  return name.startsWith(LANE_PREFIX);
}

/** Which slot a cell's job uses when a model may serve `slots` requests at once on one host. */
export function slotFor(key: string, slots: number): number {
  if (slots <= 1) return 0;
  return Number.parseInt(createHash("sha256").update(key).digest("hex").slice(0, 8), 16) % slots;
}

/** The queue a job belongs in. */
export function queueFor(job: LabJob, slots: number): string {
  if (!job.host || !job.model) return OCR_QUEUE;
  return laneQueue(job.host, job.model, slotFor(job.cellId, slots));
}

let lastMs = 0;
let sequence = 0;

/**
 * A time-ordered UUID (version 7 layout, a counter within the millisecond): jobs sent in one
 * transaction share its timestamp, and the queue then orders them by id, so a run's prompts run in
 * the order they were sent.
 */
export function orderedJobId(now = Date.now()): string {
  if (now <= lastMs) sequence += 1;
  else {
    lastMs = now;
    sequence = 0;
  }
  const ms = lastMs.toString(16).padStart(12, "0").slice(-12);
  const seq = (sequence & 0xfff).toString(16).padStart(3, "0");
  const random = createHash("sha256").update(`${process.pid}:${Math.random()}:${sequence}`).digest("hex");
  const variant = ((Number.parseInt(random.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${seq}-${variant}${random.slice(1, 4)}-${random.slice(4, 16)}`;
}
