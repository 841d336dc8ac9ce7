import "server-only";
import { env } from "@/lib/env";
import { readClientAddress } from "@/lib/security/request";
import { blockUntil, consume, peek, reset } from "@/lib/security/rate-limit";

// Sign-in and sign-up limits. Nobody can lock someone else out: failures count per account AND
// address, so guessing from one place slows only that place, with a backoff that doubles (1 min,
// 2, 4, … 15 min). A whole class behind one school address fits under the per-address ceiling
// (SIGNIN_LIMIT_PER_ADDRESS a minute). Every count is one atomic statement (lib/security/rate-limit).

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const MINUTE = 60_000;
const MAX_BACKOFF_MS = 15 * MINUTE;

const pairKey = (email: string, address: string) => `${email}|${address}`;

/** Before checking a password: the address's ceiling and any backoff on this account from this address. */
export async function checkSignIn(input: { email: string; address: string }, now = Date.now()): Promise<RateLimitResult> {
  const blocked = await peek(`signin:block:${pairKey(input.email, input.address)}`, now);
  if (blocked.points > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((blocked.resetAtMs - now) / 1000)) };
  const perAddress = await consume(`signin:addr:${input.address}`, env.SIGNIN_LIMIT_PER_ADDRESS, MINUTE, { now });
  return perAddress.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: perAddress.retryAfterSeconds };
}

/** After a wrong password: past the allowance, this account from this address waits, longer each time. */
export async function recordSignInFailure(input: { email: string; address: string }, now = Date.now()): Promise<void> {
  const pair = pairKey(input.email, input.address);
  const failures = await consume(`signin:fail:${pair}`, env.SIGNIN_FAILURES_BEFORE_BACKOFF, MAX_BACKOFF_MS, { now });
  if (failures.allowed) return;
  const lockouts = await consume(`signin:lockouts:${pair}`, Number.MAX_SAFE_INTEGER, 24 * 60 * MINUTE, { now });
  const wait = Math.min(MAX_BACKOFF_MS, MINUTE * 2 ** (lockouts.points - 1));
  await blockUntil(`signin:block:${pair}`, now + wait);
  await reset(`signin:fail:${pair}`);
}

/** A correct password clears the account's failures from that address. */
export async function recordSignInSuccess(input: { email: string; address: string }): Promise<void> {
  const pair = pairKey(input.email, input.address);
  await Promise.all([reset(`signin:fail:${pair}`), reset(`signin:lockouts:${pair}`), reset(`signin:block:${pair}`)]);
}

/** New accounts from one address an hour. */
export async function checkSignUp(address: string, now = Date.now()): Promise<RateLimitResult> {
  const result = await consume(`signup:${address}`, env.SIGNUP_LIMIT_PER_ADDRESS, 60 * MINUTE, { now });
  return result.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: result.retryAfterSeconds };
}

/** The client's address as the app's own server vouched for it ("unknown" otherwise). */
export function clientAddress(headers: Headers): string {
  return readClientAddress(headers, env.AUTH_SECRET);
}
