import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { blockUntil, consume, peek, reset } from "@/lib/security/data/rate-limit";

// On the configured database (SQLite here, PostgreSQL in CI's second leg).

describe("atomic rate limits", () => {
  it("counts within a window, refuses past the limit with when to retry, and starts afresh after it", async () => {
    const key = `t:${randomUUID()}`;
    const now = 1_000_000;
    expect(await consume(key, 2, 60_000, { now })).toEqual({ allowed: true, remaining: 1, points: 1 });
    expect(await consume(key, 2, 60_000, { now: now + 1 })).toEqual({ allowed: true, remaining: 0, points: 2 });
    expect(await consume(key, 2, 60_000, { now: now + 1000 })).toEqual({ allowed: false, retryAfterSeconds: 59, points: 3 });
    expect(await consume(key, 2, 60_000, { now: now + 60_000 })).toEqual({ allowed: true, remaining: 1, points: 1 });
    expect((await peek(key, now + 60_000)).points).toBe(1);
    await reset(key);
    expect((await peek(key, now + 60_000)).points).toBe(0);
  });

  it("50 requests at once against a limit of 10: exactly 10 pass", async () => {
    const key = `t:${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 50 }, () => consume(key, 10, 60_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it("a block holds until its time, whatever the count", async () => {
    const key = `t:${randomUUID()}`;
    await blockUntil(key, 2_000_000);
    expect((await consume(key, 1000, 1, { now: 1_500_000 })).allowed).toBe(false);
    expect((await consume(key, 1000, 1, { now: 2_000_001 })).allowed).toBe(true);
  });
});
