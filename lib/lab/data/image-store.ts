import "server-only";
import { db } from "@/lib/db";
import { teachesStudent } from "@/lib/classes/data/scope";
import { env } from "@/lib/env";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/server/session";
import { normaliseImage } from "@/lib/images/server/normalise";
import { checkUpload } from "@/lib/images/validate";
import { ensureStored, readStoredImageBytes } from "@/lib/lab/data/image-bytes";
import {
  assertDecodeQueueOpen,
  assertQuotaBeforeDecoding,
  assertUploadAllowance,
  decodeGate,
  ImageRejectedError,
  quotaError,
  storedUploadBytes,
  withDecodeSlot,
} from "@/lib/lab/data/image-limits";
import { toImageView } from "@/lib/lab/image-view";
import { getSample, readSampleImage } from "@/lib/lab/server/samples";
import type { LabImageView } from "@/lib/lab/types";

// A student's screenshots (and the samples they pick): taken in once, checked against the limits
// (image-limits.ts), stored by content (image-bytes.ts) and read back by their owner or an instructor.

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

/** The stored bytes, for the owner and for an instructor of a class the owner is in only. */
export async function readLabImage(viewer: SessionUser, id: string): Promise<{ bytes: Buffer; format: string } | null> {
  const row = await db.labImage.findUnique({ where: { id } });
  if (!row) return null;
  if (row.ownerId !== viewer.id && (!hasRole(viewer, "INSTRUCTOR") || !(await teachesStudent(viewer.id, row.ownerId)))) return null;
  return { bytes: await readStoredImageBytes(row), format: row.format };
}

export async function getLabImageRow(id: string) {
  return db.labImage.findUnique({ where: { id } });
}
