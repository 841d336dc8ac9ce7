import { describe, expect, it } from "vitest";
import { isStaleClaim, timeAgo } from "@/lib/submissions/claim-age";

describe("claim age", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it("says how long ago in whole units", () => {
    expect(timeAgo(before(20_000), now)).toBe("just now");
    expect(timeAgo(before(60_000), now)).toBe("1 minute ago");
    expect(timeAgo(before(5 * 60_000 + 59_000), now)).toBe("5 minutes ago");
    expect(timeAgo(before(2 * 3_600_000), now)).toBe("2 hours ago");
    expect(timeAgo(before(3 * 86_400_000 + 3_600_000), now)).toBe("3 days ago");
    expect(timeAgo(before(86_400_000), now)).toBe("1 day ago");
    // A clock a little ahead of the server's is not "in the future".
    expect(timeAgo(before(-5_000), now)).toBe("just now");
  });

  it("flags a claim a day old or more", () => {
    expect(isStaleClaim(before(23 * 3_600_000), now)).toBe(false);
    expect(isStaleClaim(before(86_400_000), now)).toBe(true);
  });
});
