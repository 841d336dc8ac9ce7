import { describe, expect, it } from "vitest";
import { cronbachAlpha, discriminationIndex, extremeGroupWeights, reliabilityReading, restCorrelation } from "@/lib/quiz/analysis-stats";

describe("groups and the discrimination index", () => {
  it("shares the last places of a group between attempts tied at the cut", () => {
    // 10 attempts: k = 3; the top two, then four tied for the last place.
    const totals = [5, 4, 3, 3, 3, 3, 1, 1, 0, 0];
    const { upper, lower } = extremeGroupWeights(totals);
    expect(upper).toEqual([1, 1, 0.25, 0.25, 0.25, 0.25, 0, 0, 0, 0]);
    expect(lower).toEqual([0, 0, 0, 0, 0, 0, 0.5, 0.5, 1, 1]);
  });

  it("is zero when everyone scored the same, negative when the weaker attempts score better", () => {
    expect(discriminationIndex([1, 0, 1, 0], [2, 2, 2, 2])).toBe(0);
    const totals = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    expect(discriminationIndex([0, 0, 0, 0, 0, 0, 0, 1, 1, 1], totals)).toBe(-1);
  });

  it("averages partial credit within each group", () => {
    // k = 3: upper 1, ½, ½; lower 0, ¼, 0: D = 2/3 − 1/12 = 7/12.
    const totals = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    const credit = [1, 0.5, 0.5, 1, 1, 1, 0.5, 0, 0.25, 0];
    expect(discriminationIndex(credit, totals)).toBeCloseTo(7 / 12, 10);
  });
});

describe("correlation with the rest of the test", () => {
  it("is absent when nothing varies", () => {
    expect(restCorrelation([1, 1, 1, 1], [3, 2, 1, 0])).toBeNull();
    expect(restCorrelation([1, 0, 1, 0], [2, 1, 2, 1])).toBeNull(); // the rest is 1 for everyone
  });

  it("equals the point-biserial for a 0/1 item", () => {
    /*
     * Item 1,1,1,0,0 with rest 3,2,1,1,0 (totals 4,3,2,1,0): M1 = 2, M0 = 0.5, rest mean 1.4,
     * variance (9 + 4 + 1 + 1 + 0) / 5 − 1.96 = 1.04, p = 0.6: r = 1.5 / √1.04 × √0.24 ≈ 0.72058.
     */
    expect(restCorrelation([1, 1, 1, 0, 0], [4, 3, 2, 1, 0])).toBeCloseTo((1.5 / Math.sqrt(1.04)) * Math.sqrt(0.24), 10);
    expect(restCorrelation([1, 1, 1, 0, 0], [4, 3, 2, 1, 0])).toBeCloseTo(0.72058, 5);
  });
});

describe("Cronbach's alpha (KR-20 for 0/1 items)", () => {
  it("gives KR-20 on a 0/1 worked example", () => {
    /*
     * Ten attempts at three 0/1 items (right per item: 8, 5, 3). Totals 3,3,2,2,2,1,1,1,0,1: mean 1.6,
     * variance 3.4 − 2.56 = 0.84. Σpq = 0.16 + 0.25 + 0.21 = 0.62. KR-20 = 3/2 × (1 − 0.62 / 0.84) = 11/28.
     */
    const matrix = [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 0],
      [1, 0, 1],
      [1, 1, 0],
      [1, 0, 0],
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 0],
      [1, 0, 0],
    ];
    expect(cronbachAlpha(matrix)).toBeCloseTo(11 / 28, 10);
  });

  it("takes partial credit", () => {
    /*
     * Four attempts, two items: item 1 = 1, ½, ½, 0 (variance 0.125), item 2 = 1, 1, 0, 0 (0.25).
     * Totals 2, 1.5, 0.5, 0: mean 1, variance (1 + 0.25 + 0.25 + 1) / 4 = 0.625.
     * Alpha = 2 × (1 − 0.375 / 0.625) = 0.8.
     */
    expect(
      cronbachAlpha([
        [1, 1],
        [0.5, 1],
        [0.5, 0],
        [0, 0],
      ]),
    ).toBeCloseTo(0.8, 10);
  });

  it("is absent with one item or no spread in the totals", () => {
    expect(cronbachAlpha([[1], [0]])).toBeNull();
    expect(
      cronbachAlpha([
        [1, 0],
        [0, 1],
      ]),
    ).toBeNull();
  });

  it("is read as Moodle reads it: 75% or more satisfactory, under 64% unsatisfactory", () => {
    expect(reliabilityReading(0.75)).toBe("satisfactory");
    expect(reliabilityReading(0.7499)).toBe("middle");
    expect(reliabilityReading(0.64)).toBe("middle");
    expect(reliabilityReading(0.6399)).toBe("unsatisfactory");
  });
});
