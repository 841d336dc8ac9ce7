import { describe, expect, it } from "vitest";
import { formatPoints, formatScore, formatScorePercent, formatScoreWithPercent } from "@/lib/format/score";

describe("one way to write a score", () => {
  it("writes partial credit to one decimal and whole numbers plain", () => {
    expect(formatScore(3.333, 15)).toBe("3.3/15");
    expect(formatScore(11, 15)).toBe("11/15");
    expect(formatScore(11.5, 15)).toBe("11.5/15");
    expect(formatScore(2 / 3, 1)).toBe("0.7/1");
    expect(formatScore(0, 15)).toBe("0/15");
  });

  it("rounds to a whole number without a trailing .0, and never shows -0", () => {
    expect(formatPoints(11.96)).toBe("12");
    expect(formatPoints(14.999999)).toBe("15");
    expect(formatPoints(-0.01)).toBe("0");
    expect(formatPoints(Number.NaN)).toBe("—");
  });

  it("rounds percentages to whole numbers", () => {
    expect(formatScorePercent(11, 15)).toBe("73%");
    expect(formatScorePercent(3.333, 15)).toBe("22%");
    expect(formatScorePercent(15, 15)).toBe("100%");
    expect(formatScorePercent(1, 0)).toBe("—");
    expect(formatScoreWithPercent(11, 15)).toBe("11/15 (73%)");
  });
});
