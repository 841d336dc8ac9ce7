import { describe, expect, it } from "vitest";
import { decimalsOf, niceTicks } from "@/lib/charts/ticks";
import { formatNumber } from "@/lib/format";

const labels = (max: number, options?: Parameters<typeof niceTicks>[1]) => {
  const ticks = niceTicks(max, options);
  return ticks.values.map((v) => formatNumber(v, ticks.decimals));
};

describe("niceTicks", () => {
  it("labels every tick with its own value: 2.5 and 7.5, not 3 and 8", () => {
    expect(niceTicks(9.2)).toEqual({ values: [0, 2.5, 5, 7.5, 10], step: 2.5, max: 10, decimals: 1 });
    expect(labels(9.2)).toEqual(["0", "2.5", "5", "7.5", "10"]);
  });

  it("ends at or above the maximum in round steps", () => {
    expect(niceTicks(38).values).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(40).values).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(41).values).toEqual([0, 20, 40, 60]);
    expect(niceTicks(1800).values).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(3.2).values).toEqual([0, 1, 2, 3, 4]);
  });

  it("writes small steps with the digits they need", () => {
    expect(labels(0.9)).toEqual(["0", "0.25", "0.5", "0.75", "1"]);
    expect(labels(0.35)).toEqual(["0", "0.1", "0.2", "0.3", "0.4"]);
  });

  it("keeps to whole numbers when asked, for a small range", () => {
    expect(niceTicks(3, { integer: true }).values).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0.4, { integer: true }).values).toEqual([0, 1]);
    expect(niceTicks(9.2, { integer: true })).toMatchObject({ values: [0, 5, 10], decimals: 0 });
    expect(niceTicks(90, { integer: true }).values).toEqual([0, 25, 50, 75, 100]);
  });

  it("draws an axis of 0 to 1 when there is nothing to draw", () => {
    for (const max of [0, -3, Number.NaN, Number.POSITIVE_INFINITY]) expect(niceTicks(max).values).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});

describe("decimalsOf", () => {
  it("counts the fraction digits a number needs", () => {
    expect([5, 2.5, 0.25, 0.1, 2000, 1.2e-3].map(decimalsOf)).toEqual([0, 1, 2, 1, 0, 4]);
  });
});
