import { describe, expect, it } from "vitest";
import {
  analyseQuiz,
  belowMinimumMessage,
  flagItem,
  formatIndex,
  MIN_ATTEMPTS,
  versionCatalogue,
  versionName,
  type AnalysedAttempt,
  type OptionStats,
  type SlotVersions,
} from "@/lib/quiz/analysis";
import type { Quiz, QuizQuestion, QuizTemplate } from "@/lib/quiz/schema";

// A 3-question quiz (the schema wants 15 for real content; the analysis takes any length). Q1 has
// an alternative, which retakes ask; Q3 is multiple select, graded with partial credit.
const option = (id: string, correct = false) => ({ id, text: `Option ${id}`, correct, explanation: "—" });
const base = { concept: "c", section: "s" };
const q1: QuizQuestion = {
  ...base,
  id: "q1",
  variantId: "q1",
  kind: "single",
  prompt: "One",
  options: [option("a", true), option("b"), option("c"), option("d")],
};
const q1Alt: QuizQuestion = {
  ...base,
  id: "q1",
  variantId: "q1-alt",
  kind: "single",
  prompt: "One, again",
  options: [option("a"), option("b", true), option("c")],
};
const q2: QuizQuestion = {
  ...base,
  id: "q2",
  variantId: "q2",
  kind: "single",
  prompt: "Two",
  options: [option("a", true), option("b"), option("c")],
};
const q3: QuizQuestion = {
  ...base,
  id: "q3",
  variantId: "q3",
  kind: "multiple",
  prompt: "Three",
  options: [option("a", true), option("b", true), option("c"), option("d")],
};

const versionOf = (q: QuizQuestion, number: number, label: string, isPrimary: boolean) => ({
  slotId: q.id,
  number,
  versionId: q.variantId!,
  versionKind: isPrimary ? ("first" as const) : ("alternative" as const),
  label,
  isPrimary,
  kind: q.kind,
  prompt: q.prompt,
  options: q.options.map((o) => ({ id: o.id, text: o.text, isRight: o.correct })),
});
const slots: SlotVersions[] = [
  { slotId: "q1", number: 1, versions: [versionOf(q1, 1, "First version", true), versionOf(q1Alt, 1, "Alternative 1", false)] },
  { slotId: "q2", number: 2, versions: [versionOf(q2, 2, "First version", true)] },
  { slotId: "q3", number: 3, versions: [versionOf(q3, 3, "First version", true)] },
];

const quizOf = (...questions: QuizQuestion[]): Quiz => ({ lesson: "hand-computed", title: "Hand-computed quiz", questions });
const firstQuiz = quizOf(q1, q2, q3);
const retakeQuiz = quizOf(q1Alt, q2, q3);
const attempt = (student: string, quiz: Quiz, row: readonly string[]): AnalysedAttempt => ({
  student,
  quiz,
  answers: Object.fromEntries(row.flatMap((answer, i) => (answer ? [[`q${i + 1}`, answer.split(",")]] : []))),
});

/*
 * Ten first attempts (canonical answers; "–" is a blank) and the credit each earns. Q3 is
 * multiple select: (right ticks − wrong ticks) / 2 right options, never below 0 (grading.ts).
 *
 *        Q1   Q2   Q3      Q1 Q2 Q3   total
 *   s1   a    a    a,b      1  1  1    3
 *   s2   a    a    a,b      1  1  1    3
 *   s3   a    a    a        1  1  ½    2.5
 *   s4   a    b    a,b      1  0  1    2
 *   s5   a    a    a,c      1  1  0    2     (1 − 1) / 2
 *   s6   a    c    b,d      1  0  0    1
 *   s7   b    a    a,b,c    0  1  ½    1.5   (2 − 1) / 2
 *   s8   a    b    a        1  0  ½    1.5
 *   s9   c    –    –        0  0  0    0
 *   s10  a    c    c        1  0  0    1     max(0, 0 − 1) / 2
 *
 * Facility (mean credit): Q1 8/10 = 0.8, Q2 5/10 = 0.5, Q3 4.5/10 = 0.45 (3 fully right).
 *
 * Groups: k = round(0.27 × 10) = 3. Upper: s1, s2 (3), s3 (2.5). Lower: s9 (0), s6, s10 (1).
 *   Q1 upper 1, lower (0 + 1 + 1) / 3 = 2/3: D = 1/3
 *   Q2 upper 1, lower 0: D = 1
 *   Q3 upper (1 + 1 + ½) / 3 = 5/6, lower 0: D = 5/6
 *
 * Q3 against the rest of the test (total − Q3 = 2,2,2,1,2,1,1,1,0,1): Q3 mean 0.45, variance
 * 1.725 / 10 = 0.1725; rest mean 1.3, variance 4.1 / 10 = 0.41; covariance 1.15 / 10 = 0.115;
 * r = 0.115 / √(0.1725 × 0.41) ≈ 0.43243.
 *
 * Totals: mean 1.75, median (1.5 + 2) / 2 = 1.75, variance 38.75 / 10 − 1.75² = 0.8125.
 * Item variances 0.16 + 0.25 + 0.1725 = 0.5825. Alpha = 3/2 × (1 − 0.5825 / 0.8125) = 138/325 ≈ 0.42462.
 *
 * Options: Q1 a 8, b 1, c 1, d 0 (d: a distractor nobody picks). Q2 a 5, b 2, c 2 (one blank).
 * Q3 ticks a 7, b 5, c 3, d 1; "a" is ticked by all of the upper group and none of the lower.
 */
const rows: string[][] = [
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
const firstAttempts = rows.map((row, i) => attempt(`s${i + 1}`, firstQuiz, row));

describe("quiz item analysis with partial credit, on a hand-computed data set", () => {
  const analysis = analyseQuiz(slots, firstAttempts);
  const [i1, i2, i3] = analysis.items;

  it("scores each response with the student's credit: facility is the mean credit", () => {
    expect(analysis.attempts).toBe(10);
    expect(analysis.isEnough).toBe(true);
    expect(analysis.items.map((i) => i.facility)).toEqual([0.8, 0.5, 0.45]);
    expect(analysis.items.map((i) => i.right)).toEqual([8, 5, 3]);
  });

  it("computes D from the mean credit of the upper and lower 27%, and r against the rest of the test", () => {
    expect(i1!.groupSize).toBe(3);
    expect(i1!.discrimination).toBeCloseTo(1 / 3, 10);
    expect(i2!.discrimination).toBeCloseTo(1, 10);
    expect(i3!.discrimination).toBeCloseTo(5 / 6, 10);
    expect(i3!.restCorrelation).toBeCloseTo(0.115 / Math.sqrt(0.1725 * 0.41), 10);
    expect(i3!.restCorrelation).toBeCloseTo(0.43243, 5);
  });

  it("summarises the totals, with Cronbach's alpha over partial-credit scores", () => {
    expect(analysis.summary).toMatchObject({ mean: 1.75, median: 1.75, outOf: 3 });
    expect(analysis.summary!.standardDeviation).toBeCloseTo(Math.sqrt(0.8125), 10);
    expect(analysis.summary!.alpha).toBeCloseTo(138 / 325, 10);
  });

  it("counts how often each option was chosen, overall and in the upper and lower groups", () => {
    const counts = (options: OptionStats[]) => Object.fromEntries(options.map((o) => [o.id, o.count]));
    expect(counts(i1!.options)).toEqual({ a: 8, b: 1, c: 1, d: 0 });
    expect(counts(i2!.options)).toEqual({ a: 5, b: 2, c: 2 });
    expect(counts(i3!.options)).toEqual({ a: 7, b: 5, c: 3, d: 1 });
    expect(i2!.answered).toBe(9);
    expect(i3!.options.map((o) => o.share)).toEqual([0.7, 0.5, 0.3, 0.1]);
    expect(i3!.options[0]!.upperShare).toBeCloseTo(1, 10);
    expect(i3!.options[0]!.lowerShare).toBeCloseTo(0, 10);
  });

  it("flags only the distractor nobody picked", () => {
    expect(i1!.flags).toEqual([{ kind: "unpicked-distractor", message: "Distractor nobody picks: D, “Option d” (0 choices)" }]);
    expect(i2!.flags).toEqual([]);
    expect(i3!.flags).toEqual([]);
  });

  it("gives the same groups whatever order the attempts come in", () => {
    const reversed = analyseQuiz(slots, [...firstAttempts].reverse());
    expect(reversed.items.map((i) => i.discrimination)).toEqual(analysis.items.map((i) => i.discrimination));
  });

  it("reduces to KR-20 and the point-biserial when every item is all or nothing", () => {
    // Q1 and Q2 only: both single choice. Totals 2,2,2,1,2,1,1,1,0,1; KR-20 = 2 × (1 − (0.16 + 0.25) / 0.41) = 0.
    const two = analyseQuiz(
      slots.slice(0, 2),
      firstAttempts.map((a) => ({ ...a, quiz: quizOf(q1, q2) })),
    );
    expect(two.summary!.alpha).toBeCloseTo(0, 10);
    // Q2 against Q1 as the rest: point-biserial (M1 − M0) / s × √(pq) = (0.8 − 0.8) / 0.4 × 0.5 = 0.
    expect(two.items[1]!.restCorrelation).toBeCloseTo(0, 10);
  });
});

/*
 * Retakes: s1, s2 and s3 retake and are asked Q1's alternative (b is right); s1 takes a third
 * attempt, which cycles back to Q1's first version (right again).
 *   s1 retake: b, a, a,b -> 1, 1, 1 = 3;  s2 retake: a, a, a,b -> 0, 1, 1 = 2;  s3 retake: b, a, a -> 1, 1, ½ = 2.5
 * The alternative (first answers: all three retakes): credit 1, 0, 1, facility 2/3. Groups of
 * round(0.27 × 3) = 1: upper s1 (1), lower s2 (0): D = 1. Rest 2, 2, 1.5: r = (−1/18) / √(2/9 × 1/18) = −0.5.
 */
const retakes = [
  attempt("s1", retakeQuiz, ["b", "a", "a,b"]),
  attempt("s2", retakeQuiz, ["a", "a", "a,b"]),
  attempt("s3", retakeQuiz, ["b", "a", "a"]),
  attempt("s1", firstQuiz, ["a", "a", "a,b"]),
];
const everything = [...firstAttempts, ...retakes];

describe("every version of a slot, grouped under it", () => {
  it("gives each version its own row with the responses behind it", () => {
    const analysis = analyseQuiz(slots, everything);
    expect(analysis.slots.map((s) => s.versions.map((v) => [v.versionId, v.attempts]))).toEqual([
      [
        ["q1", 10],
        ["q1-alt", 3],
      ],
      [["q2", 10]],
      [["q3", 10]],
    ]);
    const alternative = analysis.slots[0]!.versions[1]!;
    expect(alternative.facility).toBeCloseTo(2 / 3, 10);
    expect(alternative.discrimination).toBe(1);
    expect(alternative.restCorrelation).toBeCloseTo(-0.5, 10);
    expect(versionName(alternative)).toBe("Q1 (alternative 1)");
    expect(versionName(analysis.items[0]!)).toBe("Q1");
  });

  it("uses first attempts (each student's first answer to each version) by default, every attempt in `all`", () => {
    const first = analyseQuiz(slots, everything);
    expect(first.attempts).toBe(10);
    expect(first.students).toBe(10);
    expect(first.summary!.alpha).toBeCloseTo(138 / 325, 10);
    expect(first.items.map((i) => i.facility)).toEqual([0.8, 0.5, 0.45]);

    const all = analyseQuiz(slots, everything, { scope: "all" });
    expect(all.attempts).toBe(14);
    expect(all.slots.map((s) => s.versions.map((v) => v.attempts))).toEqual([[11, 3], [14], [14]]);
    // Q2: the 5 right first attempts and the 4 right retakes.
    expect(all.items[1]!.facility).toBeCloseTo(9 / 14, 10);
  });

  it("adds a version an attempt asked that the quiz file no longer has", () => {
    const older: QuizQuestion = { ...q2, variantId: "q2-old", prompt: "Two, as it was" };
    const analysis = analyseQuiz(slots, [attempt("s11", quizOf(q1, older, q3), ["a", "a", "a,b"])], { minimum: 1 });
    expect(analysis.slots[1]!.versions.map((v) => [v.versionId, v.label, v.attempts, v.facility])).toEqual([
      ["q2", "First version", 0, null],
      ["q2-old", "Older version", 1, 1],
    ]);
  });

  it("lists a file's versions: the first, each alternative, and one for a generated slot's draws", () => {
    const slot = { ...base, kind: "single" as const, prompt: "P", options: [option("a", true), option("b")], alternatives: [] };
    const template: QuizTemplate = {
      lesson: "l",
      title: "t",
      questions: [
        { ...slot, id: "fixed", alternatives: [{ id: "fixed-two", prompt: "P2", options: [option("a"), option("b", true)] }] },
        { ...slot, id: "drawn", generator: "gpu-share" },
      ],
    };
    const catalogue = versionCatalogue(template);
    expect(catalogue.map((s) => s.versions.map((v) => [v.versionId, v.versionKind, v.label, v.isPrimary]))).toEqual([
      [
        ["fixed", "first", "First version", true],
        ["fixed-two", "alternative", "Alternative 1", false],
      ],
      [["drawn-drawn", "drawn", "Drawn numbers", true]],
    ]);
    expect(catalogue[0]!.versions[1]!.options.map((o) => o.isRight)).toEqual([false, true]);
  });
});

describe("the caution below the minimum", () => {
  it(`marks a version under ${MIN_ATTEMPTS} responses: figures shown, no flags`, () => {
    const alternative = analyseQuiz(slots, everything).slots[0]!.versions[1]!;
    expect(alternative.isEnough).toBe(false);
    expect(alternative.facility).not.toBeNull();
    expect(alternative.flags).toEqual([]);
    // Its distractor c was never chosen: with 10 responses that would be a flag.
    expect(analyseQuiz(slots, everything, { minimum: 3 }).slots[0]!.versions[1]!.flags.map((f) => f.kind)).toEqual(["unpicked-distractor"]);
  });

  it(`starts at exactly ${MIN_ATTEMPTS}`, () => {
    const nine = analyseQuiz(slots, firstAttempts.slice(0, MIN_ATTEMPTS - 1));
    expect(nine.isEnough).toBe(false);
    expect(nine.summary).toBeNull();
    expect(nine.items.every((i) => !i.isEnough && i.flags.length === 0 && i.attempts === 9)).toBe(true);
    const ten = analyseQuiz(slots, firstAttempts.slice(0, MIN_ATTEMPTS));
    expect(ten.isEnough).toBe(true);
    expect(ten.items.every((i) => i.isEnough)).toBe(true);
    expect(belowMinimumMessage(4)).toBe("Item statistics need at least 10 attempts to mean anything; 4 so far.");
  });

  it("handles no attempts at all", () => {
    const none = analyseQuiz(slots, []);
    expect(none.attempts).toBe(0);
    expect(none.summary).toBeNull();
    for (const item of none.slots.flatMap((s) => s.versions)) {
      expect([item.attempts, item.answered, item.right, item.groupSize]).toEqual([0, 0, 0, 0]);
      expect([item.facility, item.discrimination, item.restCorrelation]).toEqual([null, null, null]);
      expect(item.options.every((o) => o.share === null)).toBe(true);
    }
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
