import "server-only";
import { env } from "@/lib/env";
import { consume } from "@/lib/security/data/rate-limit";

const HOUR = 60 * 60_000;

/** Questions an hour: per signed-in student, and per address for guests together. Atomic. */
export async function checkTutorLimit(asker: { userId: string | null; address: string }, now = Date.now()) {
  const [key, limit] = asker.userId
    ? [`tutor:user:${asker.userId}`, env.TUTOR_QUESTIONS_PER_HOUR]
    : [`tutor:addr:${asker.address}`, env.TUTOR_GUEST_QUESTIONS_PER_HOUR];
  const result = await consume(key, limit, HOUR, { now });
  return result.allowed ? ({ allowed: true } as const) : ({ allowed: false, limit, retryAfterSeconds: result.retryAfterSeconds } as const);
}
