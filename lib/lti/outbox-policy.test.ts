import { describe, expect, it } from "vitest";
import { errorText, GIVE_UP_AFTER_MS, nextAttemptAt, outcomeOf, parseRetryAfter, retryDelay } from "@/lib/lti/outbox-policy";

const MIN = 60_000;
const HOUR = 60 * MIN;

describe("what a platform's answer means for a score", () => {
  it("sent on 2xx and on 409 (Moodle: not newer than the one it has), a new token on 401", () => {
    for (const status of [200, 201, 204, 409]) expect(outcomeOf(status), String(status)).toBe("sent");
    expect(outcomeOf(401)).toBe("reauth");
  });

  it("failed for what a resend cannot fix, retried for what time can", () => {
    for (const status of [400, 403, 404, 422, 415, 302]) expect(outcomeOf(status), String(status)).toBe("failed");
    for (const status of [null, 408, 429, 500, 502, 503, 504]) expect(outcomeOf(status), String(status)).toBe("retry");
  });
});

describe("the retry schedule", () => {
  it("waits 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then daily", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelay(n, null))).toEqual([
      MIN,
      5 * MIN,
      30 * MIN,
      2 * HOUR,
      6 * HOUR,
      12 * HOUR,
      24 * HOUR,
      24 * HOUR,
    ]);
  });

  it("honours a longer Retry-After, up to 12 hours", () => {
    expect(retryDelay(1, 10 * MIN)).toBe(10 * MIN);
    expect(retryDelay(1, 1000)).toBe(MIN);
    expect(retryDelay(1, 48 * HOUR)).toBe(12 * HOUR);
    expect(retryDelay(8, HOUR)).toBe(24 * HOUR);
  });

  it("reads Retry-After as seconds or as a date", () => {
    const now = new Date("2026-12-08T10:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Tue, 08 Dec 2026 10:05:00 GMT", now)).toBe(5 * MIN);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
  });

  it("gives up 7 days after the row was queued, trying once more on the deadline", () => {
    const since = new Date("2026-12-01T00:00:00Z");
    const at = (ms: number) => new Date(since.getTime() + ms);
    expect(nextAttemptAt(1, null, since, at(0))).toEqual(at(MIN));
    expect(nextAttemptAt(12, null, since, at(GIVE_UP_AFTER_MS - HOUR))).toEqual(at(GIVE_UP_AFTER_MS));
    expect(nextAttemptAt(13, null, since, at(GIVE_UP_AFTER_MS))).toBeNull();
  });

  it("keeps 200 characters of what the platform said, on one line", () => {
    expect(errorText(`  bad\n\n  request ${"x".repeat(300)}`)).toHaveLength(200);
    expect(errorText("  bad\n request ")).toBe("bad request");
  });
});
