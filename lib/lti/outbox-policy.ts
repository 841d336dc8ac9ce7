// When a score waiting in the outbox is sent again, and when it is given up (docs/lti-design.md §4,
// "Retries and idempotency"). Pure: the worker (lib/lti/data/outbox-worker.ts) applies it.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** how long a worker holds a row it is sending before another tick or instance may take it */
export const LEASE_MS = MINUTE;
/** a row still failing this long after it was queued (or retried by hand) is given up: FAILED */
export const GIVE_UP_AFTER_MS = 7 * DAY;
/** sent rows are kept this long (the instructor's counts), then deleted */
export const SENT_KEPT_MS = 30 * DAY;
/** the longest a platform's Retry-After is waited */
export const RETRY_AFTER_CAP_MS = 12 * HOUR;
/** after the first, second, … failure; daily after the last */
export const RETRY_DELAYS_MS = [MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR, 12 * HOUR] as const;

/**
 * What a platform's answer means for a score:
 * - sent: 2xx, and 409 (Moodle refuses a score whose timestamp is not newer than the stored one, in
 *   whole seconds: a resent row that had landed before reads as landed);
 * - reauth: 401, the token expired or was revoked: a fresh one, one more try;
 * - failed: 400, 403, 404, 422 and any other client error, and redirects: the same request will not
 *   do better, so the instructor sees it;
 * - retry: no answer (null: network error, timeout), 408, 429 and 5xx.
 */
export type Outcome = "sent" | "reauth" | "failed" | "retry";

export function outcomeOf(status: number | null): Outcome {
  if (status === null || status === 408 || status === 429 || status >= 500) return "retry";
  if ((status >= 200 && status < 300) || status === 409) return "sent";
  if (status === 401) return "reauth";
  return "failed";
}

/**
 * The wait after the `attempts`-th failure (1-based): the schedule, or the platform's Retry-After
 * when that is longer, capped at 12 hours.
 */
export function retryDelay(attempts: number, retryAfterMs: number | null): number {
  const scheduled = RETRY_DELAYS_MS[Math.max(0, attempts - 1)] ?? DAY;
  return retryAfterMs === null ? scheduled : Math.min(Math.max(scheduled, retryAfterMs), Math.max(scheduled, RETRY_AFTER_CAP_MS));
}

/** Retry-After (RFC 9110 §10.2.3): seconds, or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * After a retryable failure: when to try next, or null to give up (the row becomes FAILED) when
 * that would be past GIVE_UP_AFTER_MS from `since` (when the row was queued or last retried by
 * hand). The last try lands on the deadline itself rather than a day past it.
 */
export function nextAttemptAt(attempts: number, retryAfterMs: number | null, since: Date, now: Date): Date | null {
  const deadline = since.getTime() + GIVE_UP_AFTER_MS;
  if (now.getTime() >= deadline) return null;
  return new Date(Math.min(now.getTime() + retryDelay(attempts, retryAfterMs), deadline));
}

/** The first 200 characters of what a platform said, on one line: what the instructor's list shows. */
export function errorText(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 200);
}
