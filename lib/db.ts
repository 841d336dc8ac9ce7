import "server-only";
import { env } from "@/lib/env";
import { applySqlitePragmas, createDb, type Db } from "@/lib/db/client";

const globalForDb = globalThis as unknown as { lessonLabDb?: Db; lessonLabDbReady?: Promise<void> };

/**
 * The one Prisma client of this process. Kept on globalThis because Next bundles each route
 * separately (and dev reloads modules): a module-level singleton would be one client per bundle.
 */
export const db: Db = (globalForDb.lessonLabDb ??= createDb(env.DATABASE_URL));

/** Start-up check (instrumentation.ts): SQLite pragmas set and verified, or the server stops. */
export function ensureDbReady(): Promise<void> {
  globalForDb.lessonLabDbReady ??= (async () => {
    if (env.DATABASE_PROVIDER === "sqlite") await applySqlitePragmas(db);
    else await db.$queryRawUnsafe("SELECT 1");
  })();
  return globalForDb.lessonLabDbReady;
}

export async function pingDb(): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

/** A unique constraint refused a write (Prisma's P2002): someone made the same row first. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | null)?.code === "P2002";
