import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applySqlitePragmas, createDb, providerOf } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrator";

describe("SQLite start-up", () => {
  it("sets WAL and a 5 s busy timeout, and reads them back", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ll-pragmas-"));
    const url = `file:${path.join(dir, "p.db")}`;
    await applyMigrations(url);
    const db = createDb(url);
    try {
      expect(await applySqlitePragmas(db)).toEqual({ journalMode: "wal", busyTimeout: 5000 });
    } finally {
      await db.$disconnect();
    }
  });

  it("refuses a database that cannot run in WAL mode, and leaves no file named :memory: behind", async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), "ll-memory-"));
    const before = process.cwd();
    process.chdir(cwd);
    const db = createDb("file::memory:");
    try {
      await expect(applySqlitePragmas(db)).rejects.toThrow(/journal_mode=memory/);
    } finally {
      await db.$disconnect();
      process.chdir(before);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("lets transactions queue behind one another for longer than Prisma's 2 s default before refusing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ll-queue-"));
    const url = `file:${path.join(dir, "q.db")}`;
    await applyMigrations(url);
    const db = createDb(url);
    try {
      // The adapter runs one transaction at a time: the third waits about 2.4 s for the first two.
      const hold = () =>
        db.$transaction(async (tx) => {
          await tx.user.count();
          await new Promise((resolve) => setTimeout(resolve, 1200));
          return "done";
        });
      expect(await Promise.all([hold(), hold(), hold()])).toEqual(["done", "done", "done"]);
    } finally {
      await db.$disconnect();
    }
  }, 30_000);

  it("applies migrations once", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ll-migrate-"));
    const url = `file:${path.join(dir, "m.db")}`;
    expect((await applyMigrations(url)).length).toBeGreaterThan(0);
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("chooses the provider from the URL", () => {
    expect(providerOf("file:./x.db")).toBe("sqlite");
    expect(providerOf("postgresql://x")).toBe("postgresql");
  });
});
