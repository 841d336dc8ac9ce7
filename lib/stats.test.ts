import { describe, expect, it } from "vitest";
import { mean, median, quantile, spreadOf, standardDeviation } from "@/lib/stats";

describe("descriptive statistics", () => {
  it("matches hand-computed values", () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(standardDeviation(xs)).toBe(2);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([10, 20], 0.75)).toBe(17.5);
    expect(spreadOf([5, null, 1, undefined, 3, NaN])).toEqual({ n: 3, min: 1, q1: 2, median: 3, q3: 4, max: 5 });
    expect(spreadOf([null])).toBeNull();
    expect(Number.isNaN(mean([]))).toBe(true);
  });
});
