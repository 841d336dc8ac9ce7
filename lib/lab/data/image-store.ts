import "server-only";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/server/session";
import { formatBytes, formatSpan } from "@/lib/format";
import { normaliseImage, type NormalisedImage } from "@/lib/images/server/normalise";
import type { SniffedImage } from "@/lib/images/sniff";
import { expectedImageTokens, VISION_FAMILIES, type VisionFamily } from "@/lib/images/tokens";
import { checkUpload } from "@/lib/images/validate";
import { getSample, readSampleImage } from "@/lib/lab/server/samples";
import { Semaphore } from "@/lib/lab/semaphore";
import { consume } from "@/lib/security/data/rate-limit";
import { AppError } from "@/lib/app-error";
import type { ErrorCode } from "@/lib/errors/table";
import type { LabImageView } from "@/lib/lab/types";

/** An upload the lab will not take: the message says why and what to do. */
export class ImageRejectedError extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
  }
}

const uploadsDir = () => path.join(env.DATA_DIR, "uploads");
/** Where the normalised bytes of a content hash live: one file per content, shared by every owner's row. */
export const fileFor = (sha256: string, format: string) =>
  path.join(uploadsDir(), sha256.slice(0, 2), `${sha256}.${format === "jpeg" ? "jpg" : "png"}`);

export function toImageView(row: {
  id: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  originalFormat: string;
  originalWidth: number;
  originalHeight: number;
  originalBytes: number;
  sampleId: string | null;
  fileName: string | null;
}): LabImageView {
  return {
    id: row.id,
    url: `/api/lab/images/${row.id}`,
    format: row.format,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    original: { format: row.originalFormat, width: row.originalWidth, height: row.originalHeight, bytes: row.originalBytes },
    sampleId: row.sampleId,
    fileName: row.fileName,
    expectedTokens: (["llama-server", "go", "go-1mp"] as const).flatMap((engine) =>
      (Object.keys(VISION_FAMILIES) as VisionFamily[])
        // Qwen3-VL arrived after the 1 MP era.
        .filter((family) => engine !== "go-1mp" || family === "qwen2.5-vl")
        .map((family) => ({
          family,
          label: VISION_FAMILIES[family].label,
          engine,
          tokens: expectedImageTokens(row.width, row.height, family, engine),
          tokensBeforeResize: expectedImageTokens(row.originalWidth, row.originalHeight, family, engine),
        })),
    ),
  };
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

function decodeGate(): DecodeGate {
  const limit = env.LAB_DECODE_CONCURRENCY;
  let gate = shared.lessonLabDecodeGate;
  // A changed limit (tests) takes effect once the gate is idle.
  if (!gate || (gate.limit !== limit && gate.entered === 0)) {
    gate = shared.lessonLabDecodeGate = { limit, semaphore: new Semaphore(limit), entered: 0, running: 0, peak: 0, decodes: 0 };
  }
  return gate;
}

const waitingIn = (gate: DecodeGate) => Math.max(0, gate.entered - gate.limit);

function assertDecodeQueueOpen(gate: DecodeGate): void {
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

function quotaError(used: number): ImageRejectedError {
  const quota = env.LAB_UPLOAD_QUOTA_MB * 1_000_000;
  return new ImageRejectedError(
    "QUOTA_EXCEEDED",
    `You have stored ${formatBytes(used)} of screenshots and this one would pass the ${formatBytes(quota)} limit. ` +
      `Run one you have already uploaded or pick a sample: screenshots no run or submission uses are cleared ` +
      `${env.LAB_UPLOAD_RETENTION_HOURS} hours after upload, and the ones your runs use are kept.`,
  );
}

/** Before decoding: refuses an upload that would pass the quota, taking its file size as its size. */
async function assertQuotaBeforeDecoding(ownerId: string, bytes: number, sniffed: SniffedImage): Promise<void> {
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

async function assertUploadAllowance(ownerId: string): Promise<void> {
  const limit = env.LAB_UPLOADS_PER_HOUR;
  const result = await consume(`upload:${ownerId}`, limit, 3_600_000);
  if (result.allowed) return;
  throw new ImageRejectedError(
    "RATE_LIMITED",
    `You have uploaded ${limit} screenshots in the last hour, the limit. Run one you have already uploaded or pick a ` +
      `sample, or upload again in ${formatSpan(result.retryAfterSeconds * 1000)}.`,
  );
}

/**
 * Where the bytes live: files under DATA_DIR/uploads on the embedded SQLite default (one instance),
 * rows in the database on PostgreSQL, so every app instance reads the same screenshot.
 */
const inDatabase = () => env.DATABASE_PROVIDER === "postgresql";

/** Stores the normalised bytes under their hash unless they are there (a file atomically: no reader sees half of it). */
async function ensureStored(normalised: NormalisedImage): Promise<void> {
  if (inDatabase()) {
    try {
      await db.labImageBlob.upsert({
        where: { sha256: normalised.sha256 },
        create: { sha256: normalised.sha256, format: normalised.format, bytes: Buffer.from(normalised.bytes) },
        update: {},
      });
    } catch (error) {
      // The same content stored by another upload at the same moment: it is there.
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
    return;
  }
  const file = fileFor(normalised.sha256, normalised.format);
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temp, normalised.bytes);
  renameSync(temp, file);
}

/** Validates, normalises once and stores a screenshot (or a shipped sample) for its owner. */
export async function storeLabImage(
  owner: SessionUser,
  input: { bytes: Uint8Array; fileName?: string } | { sampleId: string },
): Promise<LabImageView> {
  let bytes: Uint8Array;
  let sampleId: string | null = null;
  let fileName: string | null = null;
  if ("sampleId" in input) {
    const sample = getSample(input.sampleId);
    if (!sample) throw new ImageRejectedError("UNKNOWN_SAMPLE", "That sample does not exist.");
    bytes = readSampleImage(sample);
    sampleId = sample.id;
    fileName = sample.file;
  } else {
    bytes = input.bytes;
    fileName = input.fileName ? input.fileName.replace(/[^\w.\- ]+/g, "_").slice(0, 120) : null;
  }
  const check = checkUpload(bytes, { maxBytes: env.LAB_MAX_UPLOAD_MB * 1_000_000, maxPixels: env.LAB_MAX_PIXELS });
  if (!check.ok) throw new ImageRejectedError(check.code, check.message);
  const counted = sampleId === null;
  if (counted) {
    // Everything a refusal depends on is checked before the decode, so a refused upload costs no CPU.
    await assertQuotaBeforeDecoding(owner.id, bytes.length, check.image);
    assertDecodeQueueOpen(decodeGate()); // refused now, it does not spend the hourly allowance
    await assertUploadAllowance(owner.id);
  }
  const sniffed = check.image;
  const normalised = await withDecodeSlot(() =>
    normaliseImage(bytes, sniffed, { maxSide: env.LAB_MAX_SIDE, maxPixels: env.LAB_MAX_PIXELS }).catch((error: Error) => {
      throw new ImageRejectedError("CORRUPT", error.message);
    }),
  );
  const key = { ownerId_sha256: { ownerId: owner.id, sha256: normalised.sha256 } };
  // Picking or uploading it again makes it recent again: the clean-up counts from the last time.
  const again = { sampleId, fileName, createdAt: new Date() };

  // The same content again (the dedup): nothing more stored, nothing more counted.
  const existing = await db.labImage.findUnique({ where: key, select: { id: true } });
  if (existing) return reuse(existing.id);

  const quota = env.LAB_UPLOAD_QUOTA_MB * 1_000_000;
  if (counted) {
    // The real size is known now (a WebP becomes a PNG and may grow).
    const used = await storedUploadBytes(owner.id);
    if (used + normalised.bytes.length > quota) throw quotaError(used);
  }
  let row;
  try {
    row = await db.labImage.create({
      data: {
        ownerId: owner.id,
        sha256: normalised.sha256,
        format: normalised.format,
        width: normalised.width,
        height: normalised.height,
        bytes: normalised.bytes.length,
        originalFormat: normalised.original.format,
        originalWidth: normalised.original.width,
        originalHeight: normalised.original.height,
        originalBytes: normalised.original.bytes,
        sampleId,
        fileName,
      },
    });
  } catch (error) {
    // The same screenshot stored a moment ago by a concurrent request: use that one.
    if ((error as { code?: string }).code !== "P2002") throw error;
    const winner = await db.labImage.findUnique({ where: key, select: { id: true } });
    if (!winner) throw error;
    return reuse(winner.id);
  }
  if (counted) {
    // Concurrent uploads may each have passed the check above: counted again with all of them
    // stored, the ones past the quota take themselves back.
    const used = await storedUploadBytes(owner.id);
    if (used > quota) {
      await db.labImage.deleteMany({ where: { id: row.id } });
      throw quotaError(used - row.bytes);
    }
  }
  try {
    await ensureStored(normalised);
  } catch (error) {
    await db.labImage.deleteMany({ where: { id: row.id } });
    throw error;
  }
  return toImageView(row);

  async function reuse(id: string): Promise<LabImageView> {
    const row = await db.labImage.update({ where: { id }, data: again });
    // After the row: a clean-up that removed another owner's copy of the file sees this row or
    // leaves the file missing, and then it is written again here.
    await ensureStored(normalised);
    return toImageView(row);
  }
}

/** The stored bytes, for the owner and for instructors only. */
export async function readLabImage(viewer: SessionUser, id: string): Promise<{ bytes: Buffer; format: string } | null> {
  const row = await db.labImage.findUnique({ where: { id } });
  if (!row) return null;
  if (row.ownerId !== viewer.id && !hasRole(viewer, "INSTRUCTOR")) return null;
  return { bytes: await readStoredImageBytes(row), format: row.format };
}

export async function getLabImageRow(id: string) {
  return db.labImage.findUnique({ where: { id } });
}

export async function readStoredImageBytes(row: { sha256: string; format: string }): Promise<Buffer> {
  if (!inDatabase()) return readFileSync(fileFor(row.sha256, row.format));
  const blob = await db.labImageBlob.findUnique({ where: { sha256: row.sha256 }, select: { bytes: true } });
  if (!blob) throw new Error(`The stored screenshot ${row.sha256} is missing from the database.`);
  return Buffer.from(blob.bytes);
}

/** Deletes the stored bytes of this content when no screenshot row names them any more (one conditional statement in the database). */
export async function deleteStoredBytesIfUnused(sha256: string): Promise<number | null> {
  const size = await db.labImageBlob.findUnique({ where: { sha256 }, select: { bytes: true } }).then((b) => b?.bytes.length ?? null);
  const deleted =
    await db.$executeRaw`DELETE FROM "LabImageBlob" WHERE "sha256" = ${sha256} AND NOT EXISTS (SELECT 1 FROM "LabImage" WHERE "sha256" = ${sha256})`;
  return deleted === 1 ? size : null;
}

export { inDatabase as imagesInDatabase };
