import "server-only";
import { env } from "@/lib/env";
import { readClientAddress } from "@/lib/security/request";
import { blockUntil, consume, peek, reset } from "@/lib/security/data/rate-limit";

// Sign-in and sign-up limits. Nobody can lock someone else out: attempts count per account AND
// address, so guessing from one place slows only that place, with a backoff that doubles (1 min,
// 2, 4, … 15 min). A whole class behind one school address fits under the per-address ceiling
// (SIGNIN_LIMIT_PER_ADDRESS a minute). Every count is one atomic statement (lib/security/rate-limit).

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const MINUTE = 60_000;
const MAX_BACKOFF_MS = 15 * MINUTE;

const pairKey = (email: string, address: string) => `${email}|${address}`;

/**
 * Before checking a password: the address's ceiling, any backoff on this account from this
 * address, and then one of the account's allowed attempts from this address is reserved, counted
 * whatever the password turns out to be. Reserving first is what keeps a burst honest: 20 guesses
 * sent at once get exactly as many password checks as 20 sent one by one
 * (SIGNIN_FAILURES_BEFORE_BACKOFF), because each count is one atomic statement. The attempt that
 * finds the allowance spent starts the backoff: 1 minute, then 2, 4, … up to 15.
 */
export async function reserveSignInAttempt(input: { email: string; address: string }, now = Date.now()): Promise<RateLimitResult> {
  const perAddress = await consume(`signin:addr:${input.address}`, env.SIGNIN_LIMIT_PER_ADDRESS, MINUTE, { now });
  if (!perAddress.allowed) return { allowed: false, retryAfterSeconds: perAddress.retryAfterSeconds };
  const pair = pairKey(input.email, input.address);
  const allowance = env.SIGNIN_FAILURES_BEFORE_BACKOFF;
  const attempt = await consume(`signin:attempts:${pair}`, allowance, MAX_BACKOFF_MS, { now });
  if (attempt.allowed) return { allowed: true };
  if (attempt.points !== allowance + 1) {
    // Waiting out a backoff, or the rest of a burst whose crossing request is starting one.
    const window = await peek(`signin:attempts:${pair}`, now);
    return waitUntil(window.points > 0 ? window.resetAtMs : now + MINUTE, now);
  }
  // This attempt found the allowance spent: the count stays over it until the wait ends, and then
  // starts afresh, so there is no moment between "blocked" and "counting again" for a burst to use.
  const lockouts = await consume(`signin:lockouts:${pair}`, Number.MAX_SAFE_INTEGER, 24 * 60 * MINUTE, { now });
  const wait = Math.min(MAX_BACKOFF_MS, MINUTE * 2 ** (lockouts.points - 1));
  await blockUntil(`signin:attempts:${pair}`, now + wait);
  return waitUntil(now + wait, now);
}

function waitUntil(untilMs: number, now: number): RateLimitResult {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((untilMs - now) / 1000)) };
}

/** A correct password clears the account's attempts and backoff from that address. */
export async function recordSignInSuccess(input: { email: string; address: string }): Promise<void> {
  const pair = pairKey(input.email, input.address);
  await Promise.all([reset(`signin:attempts:${pair}`), reset(`signin:lockouts:${pair}`)]);
}

/** Sign-ups from one address an hour, and from everywhere together. */
export async function checkSignUp(address: string, now = Date.now()): Promise<RateLimitResult & { scope?: "address" | "global" }> {
  const result = await consume(`signup:${address}`, env.SIGNUP_LIMIT_PER_ADDRESS, 60 * MINUTE, { now });
  if (!result.allowed) return { allowed: false, retryAfterSeconds: result.retryAfterSeconds, scope: "address" };
  const global = await consume("signup:all", env.SIGNUP_LIMIT_GLOBAL, 60 * MINUTE, { now });
  return global.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: global.retryAfterSeconds, scope: "global" };
}

/** The client's address as the app's own server vouched for it ("unknown" otherwise). */
export function clientAddress(headers: Headers): string {
  return readClientAddress(headers, env.AUTH_SECRET);
}
