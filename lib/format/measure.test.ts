import { describe, expect, it } from "vitest";
import { roundMs, roundRate, roundTo } from "@/lib/format/measure";

describe("measured numbers in exports", () => {
  it("rounds rates to two decimals and durations to whole milliseconds", () => {
    expect(roundRate(48.665951000060886)).toBe(48.67);
    expect(roundRate(41.5)).toBe(41.5);
    expect(roundMs(4218.7391)).toBe(4219);
    expect(roundMs(900)).toBe(900);
  });

  it("keeps missing values missing, and never writes -0", () => {
    expect(roundMs(null)).toBeNull();
    expect(roundRate(undefined)).toBeNull();
    expect(roundTo(Number.NaN, 1)).toBeNull();
    expect(Object.is(roundTo(-0.001, 1), 0)).toBe(true);
    expect(roundTo(3.3333333, 1)).toBe(3.3);
  });
});
