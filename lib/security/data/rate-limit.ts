import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

// Fixed-window counters in the database, so every app instance sees the same counts, each counted
// and checked in ONE statement (an upsert that returns the new count): two requests at the same
// moment cannot both read "under the limit" and both pass. SQLite (3.35+) and PostgreSQL share
// the statement; only the parameter syntax differs.

export type LimitResult =
  { allowed: true; remaining: number; points: number } | { allowed: false; retryAfterSeconds: number; points: number };

const sql =
  env.DATABASE_PROVIDER === "sqlite"
    ? `INSERT INTO "RateLimit" ("key", "points", "resetAtMs") VALUES (?, ?, ?)
       ON CONFLICT ("key") DO UPDATE SET
         "points" = CASE WHEN "RateLimit"."resetAtMs" <= ? THEN excluded."points" ELSE "RateLimit"."points" + excluded."points" END,
         "resetAtMs" = CASE WHEN "RateLimit"."resetAtMs" <= ? THEN excluded."resetAtMs" ELSE "RateLimit"."resetAtMs" END
       RETURNING "points", "resetAtMs"`
    : `INSERT INTO "RateLimit" ("key", "points", "resetAtMs") VALUES ($1, $2, $3)
       ON CONFLICT ("key") DO UPDATE SET
         "points" = CASE WHEN "RateLimit"."resetAtMs" <= $4 THEN excluded."points" ELSE "RateLimit"."points" + excluded."points" END,
         "resetAtMs" = CASE WHEN "RateLimit"."resetAtMs" <= $5 THEN excluded."resetAtMs" ELSE "RateLimit"."resetAtMs" END
       RETURNING "points", "resetAtMs"`;

/** Adds `cost` to the key's window and says whether it is still within `limit`. */
export async function consume(key: string, limit: number, windowMs: number, { cost = 1, now = Date.now() } = {}): Promise<LimitResult> {
  const rows = await db.$queryRawUnsafe<{ points: number | bigint; resetAtMs: number | bigint }[]>(
    sql,
    key,
    cost,
    BigInt(now + windowMs),
    BigInt(now),
    BigInt(now),
  );
  const points = Number(rows[0]?.points ?? cost);
  const resetAtMs = Number(rows[0]?.resetAtMs ?? now + windowMs);
  if (points <= limit) return { allowed: true, remaining: limit - points, points };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetAtMs - now) / 1000)), points };
}

/** The key's count in its current window (0 when none), without counting anything. */
export async function peek(key: string, now = Date.now()): Promise<{ points: number; resetAtMs: number }> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || Number(row.resetAtMs) <= now) return { points: 0, resetAtMs: now };
  return { points: row.points, resetAtMs: Number(row.resetAtMs) };
}

// Over any limit we use, with room below PostgreSQL's 32-bit integer for the counts a block still takes.
const BLOCKED_POINTS = 1_000_000_000;

/** Blocks a key until `untilMs` (a lockout), whatever its count. */
export async function blockUntil(key: string, untilMs: number): Promise<void> {
  await db.rateLimit.upsert({
    where: { key },
    create: { key, points: BLOCKED_POINTS, resetAtMs: BigInt(untilMs) },
    update: { points: BLOCKED_POINTS, resetAtMs: BigInt(untilMs) },
  });
}

export async function reset(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** Old windows are dead weight; dropped now and then by whoever counts. */
export async function pruneExpired(now = Date.now()): Promise<number> {
  return (await db.rateLimit.deleteMany({ where: { resetAtMs: { lt: BigInt(now - 24 * 3_600_000) } } })).count;
}
