import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PrismaPgClient } from "@/lib/generated/postgres/client";
import { sqlitePathFromUrl } from "@/lib/env-schema";

export type Db = PrismaClient;
export type DatabaseProvider = "sqlite" | "postgresql";

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Prisma's defaults (2 s to start an interactive transaction, 5 s to finish it) fail requests on a
 * busy host: the SQLite adapter runs one transaction at a time per process behind a mutex, and a
 * PostgreSQL pool can be briefly exhausted by a burst. A person would rather wait a few seconds
 * than see "something went wrong" on a password reset or a submit; both limits stay finite.
 */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

export function providerOf(url: string): DatabaseProvider {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

/**
 * Both generated clients come from schemas that are identical but for the provider (a test keeps
 * them so), so the PostgreSQL client is used through the SQLite client's type.
 */
export function createDb(url: string): Db {
  if (providerOf(url) === "sqlite") {
    const adapter = new PrismaBetterSqlite3({ url: sqlitePathFromUrl(url), timeout: SQLITE_BUSY_TIMEOUT_MS });
    return new PrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  }
  const adapter = new PrismaPg({ connectionString: url, connectionTimeoutMillis: 5000 });
  return new PrismaPgClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }) as unknown as Db;
}

export type SqlitePragmas = { journalMode: string; busyTimeout: number };

async function readPragmas(db: Db): Promise<SqlitePragmas> {
  const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
  const [timeout] = await db.$queryRawUnsafe<{ timeout: number | bigint }[]>("PRAGMA busy_timeout");
  return { journalMode: String(mode?.journal_mode ?? ""), busyTimeout: Number(timeout?.timeout ?? 0) };
}

/**
 * Without WAL and a busy timeout, concurrent writers lose most writes (STACK.md measured 87%).
 * Set both, then read them back: a database that refuses WAL stops start-up.
 */
export async function applySqlitePragmas(db: Db): Promise<SqlitePragmas> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const pragmas = await readPragmas(db);
  if (pragmas.journalMode.toLowerCase() !== "wal" || pragmas.busyTimeout !== SQLITE_BUSY_TIMEOUT_MS) {
    throw new Error(
      `SQLite is not in the required mode (journal_mode=${pragmas.journalMode}, busy_timeout=${pragmas.busyTimeout}); ` +
        "expected WAL and 5000. Is the database on a file system that supports WAL (not a network share)?",
    );
  }
  return pragmas;
}
