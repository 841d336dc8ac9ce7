import { describe, expect, it } from "vitest";
import { describeChange, describeStanding, standingOf } from "@/lib/quiz/standing";

const attempts = [
  { id: "a", score: 9, total: 15 },
  { id: "b", score: 12, total: 15 },
  { id: "c", score: 11, total: 15 },
];

describe("where an attempt stands", () => {
  it("gives the latest attempt's number, the one before and the best", () => {
    expect(standingOf(attempts)).toEqual({
      number: 3,
      score: 11,
      total: 15,
      previous: { score: 12, total: 15 },
      best: { score: 12, total: 15, number: 2 },
    });
    expect(standingOf(attempts, "a")).toMatchObject({ number: 1, previous: null });
    expect(standingOf(attempts, "zzz")).toBeNull();
    expect(standingOf([])).toBeNull();
  });

  it("keeps the earliest best on a tie", () => {
    expect(standingOf([...attempts, { id: "d", score: 12, total: 15 }])!.best.number).toBe(2);
  });

  it("says it the way the quiz page writes it", () => {
    expect(describeStanding(standingOf(attempts, "b")!)).toBe("12/15 (80%) · best 12/15 · up from 9/15");
    expect(describeStanding(standingOf(attempts)!)).toBe("11/15 (73%) · best 12/15 · down from 12/15");
    expect(describeStanding(standingOf(attempts, "a")!)).toBe("9/15 (60%) · best 12/15");
    const partial = standingOf([
      { id: "x", score: 10 / 3, total: 15 },
      { id: "y", score: 3.34, total: 15 },
    ])!;
    expect(describeChange(partial)).toBe("the same as attempt 1");
    expect(describeStanding(partial)).toBe("3.3/15 (22%) · best 3.3/15 · the same as attempt 1");
  });
});
