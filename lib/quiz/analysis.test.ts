import { describe, expect, it } from "vitest";
import {
  analyseQuiz,
  belowMinimumMessage,
  discriminationIndex,
  extremeGroupWeights,
  flagItem,
  formatIndex,
  MIN_ATTEMPTS,
  pointBiserial,
  type AnalysedAttempt,
  type OptionStats,
} from "@/lib/quiz/analysis";
import type { Quiz } from "@/lib/quiz/schema";

// A 3-question quiz (the schema wants 15 for real content; the analysis takes any length).
const option = (id: string, correct = false) => ({ id, text: `Option ${id}`, correct, explanation: "—" });
const quiz: Quiz = {
  lesson: "hand-computed",
  title: "Hand-computed quiz",
  questions: [
    {
      id: "q1",
      kind: "single",
      prompt: "One",
      concept: "c",
      section: "s",
      options: [option("a", true), option("b"), option("c"), option("d")],
    },
    { id: "q2", kind: "single", prompt: "Two", concept: "c", section: "s", options: [option("a", true), option("b"), option("c")] },
    {
      id: "q3",
      kind: "multiple",
      prompt: "Three",
      concept: "c",
      section: "s",
      options: [option("a", true), option("b", true), option("c"), option("d")],
    },
  ],
};

/*
 * Ten attempts (canonical answers; "–" is a blank) and what they score:
 *
 *        Q1   Q2   Q3      Q1 Q2 Q3  total
 *   A1   a    a    a,b      1  1  1    3
 *   A2   a    a    a,b      1  1  1    3
 *   A3   a    a    a        1  1  0    2
 *   A4   a    b    a,b      1  0  1    2
 *   A5   a    a    a,c      1  1  0    2
 *   A6   a    c    b,d      1  0  0    1
 *   A7   b    a    a,b,c    0  1  0    1
 *   A8   a    b    a        1  0  0    1
 *   A9   c    –    –        0  0  0    0
 *   A10  a    c    c        1  0  0    1
 *
 * Facility: Q1 8/10 = 0.8, Q2 5/10 = 0.5, Q3 3/10 = 0.3 (exactly at the "too hard" line: not flagged).
 *
 * Groups: k = round(0.27 × 10) = 3. Upper: A1, A2 (3 points) and one place left for the three
 * attempts tied on 2 (A3, A4, A5), 1/3 each. Lower: A9 (0) and two places for the four tied on 1
 * (A6, A7, A8, A10), 1/2 each.
 *   Q1 upper (1 + 1 + (1+1+1)/3) / 3 = 1;     lower (0 + (1+0+1+1)/2) / 3 = 0.5;   D = 0.5
 *   Q2 upper (1 + 1 + (1+0+1)/3) / 3 = 8/9;   lower (0 + (0+1+0+0)/2) / 3 = 1/6;   D = 13/18 ≈ 0.7222
 *   Q3 upper (1 + 1 + (0+1+0)/3) / 3 = 7/9;   lower (0 + 0) / 3 = 0;               D = 7/9 ≈ 0.7778
 *
 * Point-biserial with the rest-score R = total − item, r = (M1 − M0) / s_R × √(pq), s_R population:
 *   Q1 R = 2,2,1,1,1,0,1,0,0,0: mean 0.8, E[R²] 1.2, s² 0.56, s 0.74833.
 *      M1 (8 right) = 7/8 = 0.875, M0 (A7, A9) = 0.5, √(0.8×0.2) = 0.4
 *      r = 0.375 / 0.74833 × 0.4 = 0.20045
 *   Q2 R = 2,2,1,2,1,1,0,1,0,1: mean 1.1, E[R²] 1.7, s² 0.49, s 0.7.
 *      M1 (A1,A2,A3,A5,A7) = 6/5 = 1.2, M0 = 5/5 = 1.0, √(0.25) = 0.5
 *      r = 0.2 / 0.7 × 0.5 = 1/7 ≈ 0.14286
 *   Q3 R = 2,2,2,1,2,1,1,1,0,1: mean 1.3, E[R²] 2.1, s² 0.41, s 0.64031.
 *      M1 (A1,A2,A4) = 5/3, M0 = 8/7, difference 11/21 = 0.52381, √(0.3×0.7) = 0.45826
 *      r = 0.52381 / 0.64031 × 0.45826 = 0.37488
 *
 * Totals 3,3,2,2,2,1,1,1,0,1: mean 1.6, median 1.5, variance 3.4 − 2.56 = 0.84, SD 0.91652.
 * KR-20 = 3/2 × (1 − (0.16 + 0.25 + 0.21) / 0.84) = 11/28 ≈ 0.39286.
 *
 * Options: Q1 a 8, b 1, c 1, d 0 (d: a distractor nobody picks). Q2 a 5, b 2, c 2 (one blank).
 * Q3 ticks a 7, b 5, c 3, d 1. Q3's "a" in the upper group: (1 + 1 + (1+1+1)/3) / 3 = 1; lower
 * (0 + (0+1+1+0)/2) / 3 = 1/3.
 */
const rows: [string, string, string][] = [
  ["a", "a", "a,b"],
  ["a", "a", "a,b"],
  ["a", "a", "a"],
  ["a", "b", "a,b"],
  ["a", "a", "a,c"],
  ["a", "c", "b,d"],
  ["b", "a", "a,b,c"],
  ["a", "b", "a"],
  ["c", "", ""],
  ["a", "c", "c"],
];
const attempts: AnalysedAttempt[] = rows.map((row) => ({
  answers: Object.fromEntries(row.flatMap((answer, i) => (answer ? [[`q${i + 1}`, answer.split(",")]] : []))) as Record<string, string[]>,
}));

describe("quiz item analysis on a hand-computed data set", () => {
  const analysis = analyseQuiz(quiz, attempts);
  const [q1, q2, q3] = analysis.items;

  it("computes facility, the discrimination index and the rest-score point-biserial", () => {
    expect(analysis.attempts).toBe(10);
    expect(analysis.isEnough).toBe(true);
    expect(analysis.groupSize).toBe(3);
    expect(analysis.items.map((i) => i.facility)).toEqual([0.8, 0.5, 0.3]);
    expect(q1!.discrimination).toBeCloseTo(0.5, 10);
    expect(q2!.discrimination).toBeCloseTo(13 / 18, 10);
    expect(q3!.discrimination).toBeCloseTo(7 / 9, 10);
    expect(q1!.pointBiserial).toBeCloseTo(0.20045, 5);
    expect(q2!.pointBiserial).toBeCloseTo(1 / 7, 10);
    expect(q3!.pointBiserial).toBeCloseTo(0.37488, 5);
  });

  it("summarises the totals, with KR-20", () => {
    expect(analysis.summary).toMatchObject({ mean: 1.6, median: 1.5, outOf: 3 });
    expect(analysis.summary!.standardDeviation).toBeCloseTo(Math.sqrt(0.84), 10);
    expect(analysis.summary!.kr20).toBeCloseTo(11 / 28, 10);
  });

  it("counts how often each option was chosen, overall and in the upper and lower groups", () => {
    const counts = (options: OptionStats[]) => Object.fromEntries(options.map((o) => [o.id, o.count]));
    expect(counts(q1!.options)).toEqual({ a: 8, b: 1, c: 1, d: 0 });
    expect(counts(q2!.options)).toEqual({ a: 5, b: 2, c: 2 });
    expect(counts(q3!.options)).toEqual({ a: 7, b: 5, c: 3, d: 1 });
    expect(q2!.answered).toBe(9);
    expect(q3!.options.map((o) => o.share)).toEqual([0.7, 0.5, 0.3, 0.1]);
    expect(q3!.options.filter((o) => o.isRight).map((o) => o.id)).toEqual(["a", "b"]);
    expect(q3!.options[0]!.upperShare).toBeCloseTo(1, 10);
    expect(q3!.options[0]!.lowerShare).toBeCloseTo(1 / 3, 10);
  });

  it("flags only the distractor nobody picked (0.3 is not below 0.3)", () => {
    expect(q1!.flags).toEqual([{ kind: "unpicked-distractor", message: "Distractor nobody picks: D, “Option d” (0 choices)" }]);
    expect(q2!.flags).toEqual([]);
    expect(q3!.flags).toEqual([]);
  });

  it("gives the same groups whatever order the attempts come in", () => {
    const reversed = analyseQuiz(quiz, [...attempts].reverse());
    expect(reversed.items.map((i) => i.discrimination)).toEqual(analysis.items.map((i) => i.discrimination));
  });
});

describe("groups, discrimination and correlation edge cases", () => {
  it("shares the last places of a group between attempts tied at the cut", () => {
    // 10 attempts: k = 3; the top two, then four tied for the last place.
    const totals = [5, 4, 3, 3, 3, 3, 1, 1, 0, 0];
    const { upper, lower } = extremeGroupWeights(totals);
    expect(upper).toEqual([1, 1, 0.25, 0.25, 0.25, 0.25, 0, 0, 0, 0]);
    expect(lower).toEqual([0, 0, 0, 0, 0, 0, 0.5, 0.5, 1, 1]);
  });

  it("is zero when everyone scored the same, and a correlation is absent when nothing varies", () => {
    expect(discriminationIndex([1, 0, 1, 0], [2, 2, 2, 2])).toBe(0);
    expect(pointBiserial([1, 1, 1, 1], [3, 2, 1, 0])).toBeNull();
    expect(pointBiserial([1, 0, 1, 0], [2, 1, 2, 1])).toBeNull(); // rest-score is 1 for everyone
  });

  it("is negative when the weaker attempts get the item right", () => {
    // Item right only for the three lowest totals.
    const item = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    const totals = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    expect(discriminationIndex(item, totals)).toBe(-1);
    expect(pointBiserial(item, totals)!).toBeLessThan(0);
  });
});

describe("flag rules", () => {
  const options: OptionStats[] = [
    { id: "a", text: "Right", isRight: true, count: 9, share: 0.9, upperShare: 1, lowerShare: 0.7 },
    { id: "b", text: "Wrong", isRight: false, count: 1, share: 0.1, upperShare: 0, lowerShare: 0.3 },
  ];
  const kinds = (facility: number, discrimination: number) => flagItem({ facility, discrimination, options }).map((f) => f.kind);

  it("flags facility above 0.9 or below 0.3, in words", () => {
    expect(flagItem({ facility: 0.95, discrimination: 0.4, options })).toEqual([{ kind: "too-easy", message: "Too easy: 95% right" }]);
    expect(flagItem({ facility: 0.25, discrimination: 0.4, options })).toEqual([{ kind: "too-hard", message: "Too hard: 25% right" }]);
    expect(kinds(0.9, 0.4)).toEqual([]);
    expect(kinds(0.3, 0.4)).toEqual([]);
    // 90.4% would read as "90%", which is not above 90%: one decimal then.
    expect(flagItem({ facility: 0.904, discrimination: 0.4, options })[0]!.message).toBe("Too easy: 90.4% right");
  });

  it("flags discrimination below 0.2, and a negative one as such", () => {
    expect(flagItem({ facility: 0.6, discrimination: 0.1, options })).toEqual([
      { kind: "weak-discrimination", message: "Weak discrimination: D = 0.10 (below 0.20)" },
    ]);
    expect(kinds(0.6, 0.2)).toEqual([]);
    expect(flagItem({ facility: 0.6, discrimination: -0.25, options })[0]).toMatchObject({
      kind: "negative-discrimination",
      message: expect.stringMatching(/^Negative discrimination: D = −0\.25, /) as unknown as string,
    });
    expect(formatIndex(0.196, 0.2)).toBe("0.196");
  });

  it("flags the wrong options nobody chose, never a right one, in one line", () => {
    const unpicked: OptionStats[] = [
      { id: "a", text: "Right", isRight: true, count: 0, share: 0, upperShare: 0, lowerShare: 0 },
      { id: "c", text: "Never chosen", isRight: false, count: 0, share: 0, upperShare: 0, lowerShare: 0 },
    ];
    expect(flagItem({ facility: 0.6, discrimination: 0.4, options: unpicked })).toEqual([
      { kind: "unpicked-distractor", message: "Distractor nobody picks: C, “Never chosen” (0 choices)" },
    ]);
    const several = [...unpicked, { ...unpicked[1]!, id: "d", text: "Also never chosen" }];
    expect(flagItem({ facility: 0.6, discrimination: 0.4, options: several })).toEqual([
      { kind: "unpicked-distractor", message: "Distractors nobody picks: C, D (0 choices each)" },
    ]);
  });
});

describe("minimum number of attempts", () => {
  it("shows no figure and no flag below the minimum, but still counts", () => {
    const few = analyseQuiz(quiz, attempts.slice(0, 4));
    expect(few.isEnough).toBe(false);
    expect(few.summary).toBeNull();
    expect(few.attempts).toBe(4);
    for (const item of few.items) {
      expect(item.attempts).toBe(4);
      expect([item.facility, item.discrimination, item.pointBiserial]).toEqual([null, null, null]);
      expect(item.flags).toEqual([]);
      expect(item.options.every((o) => o.share === null)).toBe(true);
    }
    expect(few.items[0]!.options.map((o) => o.count)).toEqual([4, 0, 0, 0]);
    expect(belowMinimumMessage(few.attempts)).toBe("Item statistics need at least 10 attempts to mean anything; 4 so far.");
  });

  it(`starts at exactly ${MIN_ATTEMPTS}`, () => {
    expect(analyseQuiz(quiz, attempts.slice(0, MIN_ATTEMPTS - 1)).isEnough).toBe(false);
    expect(analyseQuiz(quiz, attempts.slice(0, MIN_ATTEMPTS)).isEnough).toBe(true);
  });

  it("handles no attempts at all", () => {
    const none = analyseQuiz(quiz, []);
    expect(none.attempts).toBe(0);
    expect(none.groupSize).toBe(0);
    expect(none.items.every((i) => i.answered === 0 && i.right === 0)).toBe(true);
  });
});
