import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/app-error";
import type { ErrorCode } from "@/lib/errors/table";
import { formatBytes, formatSpan } from "@/lib/format";
import type { SniffedImage } from "@/lib/images/sniff";
import { Semaphore } from "@/lib/lab/semaphore";
import { consume } from "@/lib/security/data/rate-limit";

/** An upload the lab will not take: the message says why and what to do. */
export class ImageRejectedError extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
  }
}

// Uploads cost CPU (decoding), disk and memory, so each is bounded: decodes share one process-wide
// queue, and each student has an hourly allowance and a quota of stored bytes, both checked before
// anything is decoded. Shipped samples are small and shared: they count against neither.

/** How many uploads may wait for a decode slot; past that they are refused at once (503). */
export const DECODE_QUEUE_LIMIT = 20;

/**
 * `entered` counts every decode holding or waiting for a slot, changed synchronously on the way in
 * and out (so a burst arriving in one tick is counted right); `running` counts the work actually
 * running, which is what the limit is about.
 */
type DecodeGate = { limit: number; semaphore: Semaphore; entered: number; running: number; peak: number; decodes: number };

// On globalThis, like the database client: Next bundles each route separately, and a module-level
// gate would be one per bundle.
const shared = globalThis as unknown as { lessonLabDecodeGate?: DecodeGate };

export function decodeGate(): DecodeGate {
  const limit = env.LAB_DECODE_CONCURRENCY;
  let gate = shared.lessonLabDecodeGate;
  // A changed limit (tests) takes effect once the gate is idle.
  if (!gate || (gate.limit !== limit && gate.entered === 0)) {
    gate = shared.lessonLabDecodeGate = { limit, semaphore: new Semaphore(limit), entered: 0, running: 0, peak: 0, decodes: 0 };
  }
  return gate;
}

const waitingIn = (gate: DecodeGate) => Math.max(0, gate.entered - gate.limit);

export function assertDecodeQueueOpen(gate: DecodeGate): void {
  if (waitingIn(gate) >= DECODE_QUEUE_LIMIT) {
    throw new ImageRejectedError("BUSY", "The server is busy preparing other screenshots; try again in a moment.");
  }
}

/** Runs `work` (a decode) in one of the LAB_DECODE_CONCURRENCY slots; waits in order, or is refused when the queue is full. */
export async function withDecodeSlot<T>(work: () => Promise<T>): Promise<T> {
  const gate = decodeGate();
  assertDecodeQueueOpen(gate);
  gate.entered++;
  try {
    const release = await gate.semaphore.acquire();
    gate.running++;
    gate.decodes++;
    gate.peak = Math.max(gate.peak, gate.running);
    try {
      return await work();
    } finally {
      gate.running--;
      release();
    }
  } finally {
    gate.entered--;
  }
}

/**
 * Decodes running and waiting now, the most that ran at once (`resetPeak` starts it again) and how
 * many ran in all, for tests and diagnostics.
 */
export function decodeStats({ resetPeak = false } = {}): { limit: number; active: number; waiting: number; peak: number; decodes: number } {
  const gate = decodeGate();
  const stats = { limit: gate.limit, active: gate.running, waiting: waitingIn(gate), peak: gate.peak, decodes: gate.decodes };
  if (resetPeak) gate.peak = gate.running;
  return stats;
}

/** Bytes of the owner's stored uploads (samples excluded), as the quota counts them. */
export async function storedUploadBytes(ownerId: string): Promise<number> {
  const sum = await db.labImage.aggregate({ where: { ownerId, sampleId: null }, _sum: { bytes: true } });
  return sum._sum.bytes ?? 0;
}

export function quotaError(used: number): ImageRejectedError {
  const quota = env.LAB_UPLOAD_QUOTA_MB * 1_000_000;
  return new ImageRejectedError(
    "QUOTA_EXCEEDED",
    `You have stored ${formatBytes(used)} of screenshots and this one would pass the ${formatBytes(quota)} limit. ` +
      `Run one you have already uploaded or pick a sample: screenshots no run or submission uses are cleared ` +
      `${env.LAB_UPLOAD_RETENTION_HOURS} hours after upload, and the ones your runs use are kept.`,
  );
}

/** Before decoding: refuses an upload that would pass the quota, taking its file size as its size. */
export async function assertQuotaBeforeDecoding(ownerId: string, bytes: number, sniffed: SniffedImage): Promise<void> {
  const used = await storedUploadBytes(ownerId);
  if (used + bytes <= env.LAB_UPLOAD_QUOTA_MB * 1_000_000) return;
  // Probably a screenshot the student already has (same original size and dimensions): it costs no
  // quota if so, and the check after decoding, on the real content hash, decides.
  const sameOriginal = await db.labImage.findFirst({
    where: { ownerId, originalBytes: bytes, originalWidth: sniffed.width, originalHeight: sniffed.height, originalFormat: sniffed.format },
    select: { id: true },
  });
  if (!sameOriginal) throw quotaError(used);
}

export async function assertUploadAllowance(ownerId: string): Promise<void> {
  const limit = env.LAB_UPLOADS_PER_HOUR;
  const result = await consume(`upload:${ownerId}`, limit, 3_600_000);
  if (result.allowed) return;
  throw new ImageRejectedError(
    "RATE_LIMITED",
    `You have uploaded ${limit} screenshots in the last hour, the limit. Run one you have already uploaded or pick a ` +
      `sample, or upload again in ${formatSpan(result.retryAfterSeconds * 1000)}.`,
  );
}
