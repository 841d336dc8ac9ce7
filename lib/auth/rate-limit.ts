import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

const WINDOW_MS = 60_000;

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts sign-in attempts per email and per client address over the last minute, in the database
 * so that every app instance sees the same counts. Each call is one attempt.
 */
export async function consumeSignInAttempt(input: { email: string; address: string }, now = new Date()): Promise<RateLimitResult> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const checks = [
    { key: `email:${input.email}`, limit: env.SIGNIN_LIMIT_PER_EMAIL },
    { key: `ip:${input.address}`, limit: env.SIGNIN_LIMIT_PER_ADDRESS },
  ];
  await db.signInAttempt.deleteMany({ where: { key: { in: checks.map((c) => c.key) }, createdAt: { lt: since } } });
  for (const check of checks) {
    const recent = await db.signInAttempt.findMany({
      where: { key: check.key, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    if (recent.length >= check.limit) {
      const oldest = recent[recent.length - check.limit]?.createdAt ?? now;
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest.getTime() + WINDOW_MS - now.getTime()) / 1000));
      return { allowed: false, retryAfterSeconds };
    }
  }
  await db.signInAttempt.createMany({ data: checks.map((c) => ({ key: c.key, createdAt: now })) });
  return { allowed: true };
}

/** The client address as the nearest proxy reports it; "unknown" when there is none. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
