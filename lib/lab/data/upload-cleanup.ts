import "server-only";
import { randomUUID } from "node:crypto";
import { renameSync, statSync, unlinkSync } from "node:fs";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { deleteStoredBytesIfUnused, fileFor, imagesInDatabase } from "@/lib/lab/data/image-bytes";

// Uploads nobody uses are deleted once they are old enough: a LabImage row with no LabRun (runs keep
// their screenshot) whose id no SubmissionVersion names (that reference has no foreign key, so it is
// checked here), created (or last uploaded again) before the cut-off. Samples' rows count like any
// other. The file is shared by every owner's row with the same content, so it goes only with the
// last of them.

export type UploadCleanupResult = {
  /** LabImage rows deleted */
  rows: number;
  /** files deleted under DATA_DIR/uploads */
  files: number;
  /** bytes those files took on disk */
  bytes: number;
};

const BATCH = 200;

export async function cleanUnusedUploads({
  now = new Date(),
  olderThanHours = env.LAB_UPLOAD_RETENTION_HOURS,
}: { now?: Date; olderThanHours?: number } = {}): Promise<UploadCleanupResult> {
  const cutoff = new Date(now.getTime() - olderThanHours * 3_600_000);
  const unused = { createdAt: { lt: cutoff }, runs: { none: {} } };
  const result: UploadCleanupResult = { rows: 0, files: 0, bytes: 0 };
  let after = "";
  for (;;) {
    const candidates = await db.labImage.findMany({
      where: { ...unused, id: { gt: after } },
      select: { id: true, sha256: true, format: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (candidates.length === 0) break;
    after = candidates.at(-1)!.id;
    const submitted = new Set(
      (await db.submissionVersion.findMany({ where: { imageId: { in: candidates.map((c) => c.id) } }, select: { imageId: true } })).map(
        (v) => v.imageId,
      ),
    );
    for (const candidate of candidates) {
      if (submitted.has(candidate.id)) continue;
      // Conditional, in one statement: a run started or an upload repeated since the query keeps it.
      const { count } = await db.labImage.deleteMany({ where: { ...unused, id: candidate.id } });
      if (count === 0) continue;
      result.rows++;
      const freed = await removeFileIfUnused(candidate.sha256, candidate.format);
      if (freed !== null) {
        result.files++;
        result.bytes += freed;
      }
    }
    if (candidates.length < BATCH) break;
  }
  return result;
}

/**
 * Deletes the stored file of this content when no LabImage row names it any more; its size, or null
 * when kept (or already gone). The file is first moved aside and the rows counted again, so an
 * upload of the same content at that moment either is seen (the file is put back) or finds the file
 * missing and writes it again (storeLabImage checks for the file after its row exists).
 */
async function removeFileIfUnused(sha256: string, format: string): Promise<number | null> {
  if (imagesInDatabase()) return deleteStoredBytesIfUnused(sha256);
  if ((await db.labImage.count({ where: { sha256, format } })) > 0) return null;
  const file = fileFor(sha256, format);
  const aside = `${file}.${process.pid}.${randomUUID()}.deleting`;
  let size: number;
  try {
    size = statSync(file).size;
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  if ((await db.labImage.count({ where: { sha256, format } })) > 0) {
    renameSync(aside, file);
    return null;
  }
  unlinkSync(aside);
  return size;
}

const HOUR_MS = 3_600_000;

type CleanupTimer = { timer: NodeJS.Timeout; running: boolean };
const shared = globalThis as unknown as { lessonLabUploadCleanup?: CleanupTimer };

/**
 * Runs the clean-up now and then every hour in this process (the timer does not keep the process
 * alive). Calling it again does nothing: the timer lives on globalThis, as Next bundles each route
 * (and instrumentation) separately.
 */
export function startUploadCleanup(): void {
  if (shared.lessonLabUploadCleanup) return;
  const state: CleanupTimer = { timer: setInterval(() => void tick(), HOUR_MS), running: false };
  state.timer.unref();
  shared.lessonLabUploadCleanup = state;
  void tick();

  async function tick() {
    if (state.running) return; // a slow run is never overlapped by the next
    state.running = true;
    try {
      const removed = await cleanUnusedUploads();
      if (removed.rows > 0) {
        console.info(`[upload clean-up] removed ${removed.rows} unused uploads and ${removed.files} files (${removed.bytes} bytes)`);
      }
    } catch (error) {
      console.error("[upload clean-up]", error);
    } finally {
      state.running = false;
    }
  }
}

/** Stops the hourly clean-up (tests, shutdown). */
export function stopUploadCleanup(): void {
  const state = shared.lessonLabUploadCleanup;
  if (!state) return;
  clearInterval(state.timer);
  delete shared.lessonLabUploadCleanup;
}
