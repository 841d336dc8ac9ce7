import "server-only";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { NormalisedImage } from "@/lib/images/server/normalise";

// The screenshots' bytes, stored once per content hash and shared by every owner's row.

const uploadsDir = () => path.join(env.DATA_DIR, "uploads");
/** Where the normalised bytes of a content hash live: one file per content, shared by every owner's row. */
export const fileFor = (sha256: string, format: string) =>
  path.join(uploadsDir(), sha256.slice(0, 2), `${sha256}.${format === "jpeg" ? "jpg" : "png"}`);

/**
 * Where the bytes live: files under DATA_DIR/uploads on the embedded SQLite default (one instance),
 * rows in the database on PostgreSQL, so every app instance reads the same screenshot.
 */
const inDatabase = () => env.DATABASE_PROVIDER === "postgresql";

/** Stores the normalised bytes under their hash unless they are there (a file atomically: no reader sees half of it). */
export async function ensureStored(normalised: NormalisedImage): Promise<void> {
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
