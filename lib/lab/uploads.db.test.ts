import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { fileFor, imagesInDatabase } from "@/lib/lab/data/image-bytes";
import { DECODE_QUEUE_LIMIT, decodeStats, storedUploadBytes, withDecodeSlot } from "@/lib/lab/data/image-limits";
import { storeLabImage } from "@/lib/lab/data/image-store";
import type { LabImageView } from "@/lib/lab/types";
import { cleanUnusedUploads, startUploadCleanup, stopUploadCleanup } from "@/lib/lab/data/upload-cleanup";
import { peek } from "@/lib/security/data/rate-limit";
import { makePng } from "@/test/ollama-double/png";

// Upload limits and clean-up on the configured database (SQLite, or PostgreSQL in CI). Other test
// files share the database at the same time: everything here uses its own users and contents, and
// only rows made old here are old enough for the clean-up.

const student = () =>
  createUser({ name: "Upload Student", email: `up-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" });

/** Sets lab settings for the length of `body`, then puts them back. */
async function withSettings<T>(values: Partial<typeof env>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, env[k as keyof typeof env]]));
  Object.assign(env, values);
  try {
    return await body();
  } finally {
    Object.assign(env, saved);
  }
}

/** A PNG no other test uploads (its size is its identity). */
let nextWidth = 300;
const uniquePng = (height = 200) => makePng(nextWidth++, height);

const upload = (user: Awaited<ReturnType<typeof student>>, bytes: Uint8Array) => storeLabImage(user, { bytes, fileName: "shot.png" });

/** A stored row of `bytes` that is not on disk: fills a quota without decoding anything. */
const filler = (ownerId: string, bytes: number) =>
  db.labImage.create({
    data: {
      ownerId,
      sha256: randomBytes(32).toString("hex"),
      format: "png",
      width: 100,
      height: 100,
      bytes,
      originalFormat: "png",
      originalWidth: 100,
      originalHeight: 100,
      originalBytes: bytes,
    },
  });

const HOUR = 3_600_000;
const makeOld = (id: string, hours = 48) => db.labImage.update({ where: { id }, data: { createdAt: new Date(Date.now() - hours * HOUR) } });
const rowOf = (image: LabImageView) => db.labImage.findUniqueOrThrow({ where: { id: image.id } });

describe("upload rate limit", () => {
  it("refuses the upload past LAB_UPLOADS_PER_HOUR before decoding it; samples do not count", async () => {
    await withSettings({ LAB_UPLOADS_PER_HOUR: 3 }, async () => {
      const user = await student();
      for (let i = 0; i < 3; i++) await upload(user, uniquePng());
      const decodes = decodeStats().decodes;
      await expect(upload(user, uniquePng())).rejects.toMatchObject({
        code: "RATE_LIMITED",
        status: 429,
        message: expect.stringMatching(/uploaded 3 screenshots in the last hour.*upload again in/),
      });
      expect(decodeStats().decodes).toBe(decodes); // refused without a decode
      // A shipped sample is still there to pick, and picking it spends nothing.
      await expect(storeLabImage(user, { sampleId: "receipt" })).resolves.toMatchObject({ sampleId: "receipt" });
      expect((await peek(`upload:${user.id}`)).points).toBe(4);
      expect(await db.labImage.count({ where: { ownerId: user.id } })).toBe(4);
    });
  });

  it("ten uploads at once with a limit of 3: exactly 3 are accepted", async () => {
    await withSettings({ LAB_UPLOADS_PER_HOUR: 3 }, async () => {
      const user = await student();
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => upload(user, uniquePng())));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
      for (const r of results.filter((r) => r.status === "rejected")) expect(r.reason).toMatchObject({ code: "RATE_LIMITED", status: 429 });
      expect(await db.labImage.count({ where: { ownerId: user.id } })).toBe(3);
    });
  });
});

describe("upload quota", () => {
  it("refuses an upload that would pass LAB_UPLOAD_QUOTA_MB, before decoding, and accepts a duplicate of one stored", async () => {
    await withSettings({ LAB_UPLOAD_QUOTA_MB: 1 }, async () => {
      const user = await student();
      const firstPng = uniquePng(400);
      const first = await upload(user, firstPng);
      await filler(user.id, 1_000_000 - first.bytes - 1000); // 1000 bytes left
      const used = await storedUploadBytes(user.id);
      expect(used).toBe(999_000);

      const bigger = uniquePng(800); // its file alone is more than what is left
      expect(bigger.length).toBeGreaterThan(1000);
      const decodes = decodeStats().decodes;
      await expect(upload(user, bigger)).rejects.toMatchObject({
        code: "QUOTA_EXCEEDED",
        status: 413,
        message: expect.stringMatching(/stored 999 KB of screenshots.*1 MB limit.*cleared 24 hours after upload/),
      });
      expect(decodeStats().decodes).toBe(decodes);

      // The same screenshot again is the same stored image: accepted, counted once.
      expect(firstPng.length).toBeGreaterThan(1000);
      const again = await upload(user, firstPng);
      expect(again.id).toBe(first.id);
      expect(await storedUploadBytes(user.id)).toBe(used);
      // Samples do not count against the quota.
      await expect(storeLabImage(user, { sampleId: "diagram" })).resolves.toMatchObject({ sampleId: "diagram" });
      expect(await storedUploadBytes(user.id)).toBe(used);
      expect(await db.labImage.count({ where: { ownerId: user.id } })).toBe(3);
    });
  });

  it("checks again after normalising: a file that grows past the quota is refused", async () => {
    await withSettings({ LAB_UPLOAD_QUOTA_MB: 1 }, async () => {
      const user = await student();
      const tiny = makePng(1, 1 + (nextWidth++ % 50)); // padded to 56 x 56: the stored PNG is larger than the file
      await filler(user.id, 1_000_000 - tiny.length);
      const decodes = decodeStats().decodes;
      await expect(upload(user, tiny)).rejects.toMatchObject({ code: "QUOTA_EXCEEDED", status: 413 });
      expect(decodeStats().decodes).toBe(decodes + 1);
      expect(await storedUploadBytes(user.id)).toBe(1_000_000 - tiny.length);
    });
  });

  it("uploads at once cannot together pass the quota", async () => {
    await withSettings({ LAB_UPLOAD_QUOTA_MB: 1 }, async () => {
      const user = await student();
      await filler(user.id, 1_000_000 - 3000);
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => upload(user, uniquePng(300))));
      const sizes = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.bytes] : []));
      for (const r of results.filter((r) => r.status === "rejected")) expect(r.reason).toMatchObject({ code: "QUOTA_EXCEEDED" });
      expect(sizes.length).toBeLessThan(6);
      expect(await storedUploadBytes(user.id)).toBeLessThanOrEqual(1_000_000);
    });
  });
});

describe("decoding", () => {
  async function peakOf(uploads: number): Promise<number> {
    decodeStats({ resetPeak: true });
    const user = await student();
    // 12 megapixels each: long enough to decode that they overlap.
    const results = await Promise.all(Array.from({ length: uploads }, () => upload(user, makePng(4000, 3000 - nextWidth++))));
    expect(results).toHaveLength(uploads);
    const stats = decodeStats();
    expect(stats).toMatchObject({ active: 0, waiting: 0 });
    return stats.peak;
  }

  it("never decodes more than LAB_DECODE_CONCURRENCY images at once", async () => {
    expect(env.LAB_DECODE_CONCURRENCY).toBe(2);
    expect(await peakOf(8)).toBe(2);
    await withSettings({ LAB_DECODE_CONCURRENCY: 1 }, async () => {
      expect(await peakOf(4)).toBe(1);
      expect(decodeStats().limit).toBe(1);
    });
  }, 60_000);

  it("refuses at once, with a 503 and without spending the allowance, when the queue is full", async () => {
    const user = await student();
    let open!: () => void;
    const held = new Promise<void>((resolve) => (open = resolve));
    const holders = Array.from({ length: env.LAB_DECODE_CONCURRENCY + DECODE_QUEUE_LIMIT }, () => withDecodeSlot(() => held));
    try {
      expect(decodeStats().waiting).toBe(DECODE_QUEUE_LIMIT); // counted at once, not a tick later
      await expect(withDecodeSlot(() => held)).rejects.toMatchObject({ code: "BUSY", status: 503 });
      await new Promise((resolve) => setImmediate(resolve));
      expect(decodeStats()).toMatchObject({ active: env.LAB_DECODE_CONCURRENCY, waiting: DECODE_QUEUE_LIMIT });
      await expect(upload(user, uniquePng())).rejects.toMatchObject({
        code: "BUSY",
        status: 503,
        message: "The server is busy preparing other screenshots; try again in a moment.",
      });
      await expect(storeLabImage(user, { sampleId: "chart" })).rejects.toMatchObject({ code: "BUSY" });
      expect((await peek(`upload:${user.id}`)).points).toBe(0);
    } finally {
      open();
      await Promise.all(holders);
    }
    expect(decodeStats()).toMatchObject({ active: 0, waiting: 0 });
    await expect(upload(user, uniquePng())).resolves.toMatchObject({ format: "png" });
  });
});

describe("clean-up of unused uploads", () => {
  it("deletes old uploads no run or submission uses, and their files once no other row shares them", async () => {
    const [a, b] = [await student(), await student()];

    const unused = await rowOf(await upload(a, uniquePng()));
    const usedByRun = await rowOf(await upload(a, uniquePng()));
    await db.labRun.create({ data: { userId: a.id, imageId: usedByRun.id, lessonSlug: "local-qwen-vl", prompts: "{}", status: "DONE" } });
    const submitted = await rowOf(await upload(a, uniquePng()));
    const submission = await db.labSubmission.create({ data: { userId: a.id, lessonSlug: `cleanup-${randomUUID()}`, draft: "{}" } });
    await db.submissionVersion.create({
      data: { submissionId: submission.id, number: 1, runId: "a-run-since-deleted", imageId: submitted.id, writeUp: "{}", evidence: "{}" },
    });
    const recent = await rowOf(await upload(a, uniquePng()));
    const sharedPng = uniquePng();
    const sharedByA = await rowOf(await upload(a, sharedPng));
    const sharedByB = await rowOf(await upload(b, sharedPng));
    expect(sharedByB.sha256).toBe(sharedByA.sha256);
    const sample = await rowOf(await storeLabImage(a, { sampleId: "chart" }));
    const againPng = uniquePng();
    const uploadedAgain = await rowOf(await upload(a, againPng));

    for (const row of [unused, usedByRun, submitted, sharedByA, sample, uploadedAgain]) await makeOld(row.id);
    await makeOld(recent.id, env.LAB_UPLOAD_RETENTION_HOURS - 1);
    // Uploading it again makes it recent again.
    expect((await upload(a, againPng)).id).toBe(uploadedAgain.id);

    // The bytes live in files on SQLite and in the database on PostgreSQL (shared by every instance).
    const inDb = imagesInDatabase();
    const file = (row: { sha256: string; format: string }) => fileFor(row.sha256, row.format);
    const stored = async (row: { sha256: string; format: string }) =>
      inDb ? (await db.labImageBlob.count({ where: { sha256: row.sha256 } })) === 1 : existsSync(file(row));
    const sizeOf = async (row: { sha256: string; format: string }) =>
      inDb ? (await db.labImageBlob.findUniqueOrThrow({ where: { sha256: row.sha256 } })).bytes.length : statSync(file(row)).size;
    const unusedSize = await sizeOf(unused);
    const sampleSize = await sizeOf(sample);

    const removed = await cleanUnusedUploads();
    expect(removed).toEqual({ rows: 3, files: 2, bytes: unusedSize + sampleSize });
    const left = await db.labImage.findMany({ where: { ownerId: { in: [a.id, b.id] } }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([usedByRun.id, submitted.id, recent.id, sharedByB.id, uploadedAgain.id].sort());
    expect(await stored(unused)).toBe(false);
    expect(await stored(sample)).toBe(false);
    for (const row of [usedByRun, submitted, recent, sharedByB, uploadedAgain]) expect(await stored(row)).toBe(true);

    // Nothing more to do on a second pass.
    expect(await cleanUnusedUploads()).toEqual({ rows: 0, files: 0, bytes: 0 });

    // The last row of a shared content takes the file with it; uploading it again brings both back.
    await makeOld(sharedByB.id);
    expect(await cleanUnusedUploads()).toMatchObject({ rows: 1, files: 1 });
    expect(await stored(sharedByB)).toBe(false);
    await upload(b, sharedPng);
    expect(await stored(sharedByB)).toBe(true);

    // A shorter retention, as the CLI may ask for: the recent one goes too.
    expect(await cleanUnusedUploads({ olderThanHours: env.LAB_UPLOAD_RETENTION_HOURS - 2 })).toMatchObject({ rows: 1, files: 1 });
    expect(await db.labImage.findUnique({ where: { id: recent.id } })).toBeNull();
  });

  it("starts one hourly timer that does not keep the process alive, however often it is started", async () => {
    const shared = globalThis as unknown as { lessonLabUploadCleanup?: { timer: NodeJS.Timeout; running: boolean } };
    try {
      startUploadCleanup();
      const first = shared.lessonLabUploadCleanup;
      startUploadCleanup();
      expect(shared.lessonLabUploadCleanup).toBe(first);
      expect(first?.timer.hasRef()).toBe(false);
      await expect.poll(() => first?.running, { timeout: 10_000 }).toBe(false);
    } finally {
      stopUploadCleanup();
    }
    expect(shared.lessonLabUploadCleanup).toBeUndefined();
  });
});
