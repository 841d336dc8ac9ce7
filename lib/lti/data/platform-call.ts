import "server-only";
import { AppError } from "@/lib/app-error";
import { errorText, parseRetryAfter } from "@/lib/lti/outbox-policy";

// One HTTP call from the tool to a course site's services (token, line items, scores, roster), the
// address already through lib/lti/url-guard.ts. Redirects are not followed: a 3xx answer would send
// the request (and its bearer token) to wherever the platform's answer says, past the guard.

/** how long one call may take before it counts as no answer */
export const CALL_TIMEOUT_MS = 15_000;
/** the most of an answer read: a roster page of a large course fits many times over */
const MAX_ANSWER_CHARS = 8_000_000;

export type PlatformAnswer = { status: number; headers: Headers; text: string };

/** A call that did not get the answer it needed: `answered` is the HTTP status, null when there was none at all. */
export class PlatformCallError extends AppError {
  constructor(
    readonly what: string,
    readonly answered: number | null,
    readonly detail: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super("LTI_SERVICE_FAILED", `${what}: ${answered === null ? "no answer" : `HTTP ${answered}`}${detail ? `, ${detail}` : ""}`.slice(0, 300));
  }

  static fromAnswer(what: string, answer: PlatformAnswer, now = new Date()): PlatformCallError {
    return new PlatformCallError(
      what,
      answer.status,
      errorText(answer.text) || answer.headers.get("www-authenticate") || "",
      parseRetryAfter(answer.headers.get("retry-after"), now),
    );
  }
}

/** Calls the platform; a network failure or a timeout is a PlatformCallError with no status. */
export async function callPlatform(what: string, url: URL, init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string }) {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(CALL_TIMEOUT_MS), cache: "no-store" });
  } catch (error) {
    const name = (error as { name?: string }).name;
    throw new PlatformCallError(what, null, name === "TimeoutError" ? `no answer within ${CALL_TIMEOUT_MS / 1000} s` : errorText(String(error)));
  }
  const text = await response.text().catch(() => "");
  if (text.length > MAX_ANSWER_CHARS) throw new PlatformCallError(what, response.status, "the answer was too large to read");
  return { status: response.status, headers: response.headers, text } satisfies PlatformAnswer;
}

/** The answer's JSON, or a PlatformCallError naming what was expected. */
export function jsonOf(what: string, answer: PlatformAnswer): unknown {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    throw new PlatformCallError(what, answer.status, "the answer was not JSON");
  }
}
