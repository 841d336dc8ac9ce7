import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { continueTarget, emptyProgress, isProgressDoc, mergeProgress, type ProgressDoc } from "@/lib/progress/model";
import type { QuizResult } from "@/lib/quiz/result";
import { progressDocSchema } from "@/lib/progress/schema";

const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }).map((t) => new Date(t).toISOString());
const lesson = fc.constantFrom("local-qwen-vl", "vision-model-selection", "vision-cost-comparison");
const step = fc.constantFrom("a", "b", "c", "d");
const result: fc.Arbitrary<QuizResult> = fc.record({ score: fc.integer({ min: 0, max: 15 }), total: fc.constant(15), at: instant });
const doc: fc.Arbitrary<ProgressDoc> = fc.record({
  v: fc.constant(1 as const),
  steps: fc.dictionary(lesson, fc.dictionary(step, instant)),
  visits: fc.dictionary(lesson, instant),
  quizzes: fc.dictionary(lesson, fc.record({ best: result, latest: result }, { requiredKeys: [] })),
});

describe("mergeProgress (properties)", () => {
  test.prop([doc, doc])("is commutative", (a, b) => {
    expect(mergeProgress(a, b)).toEqual(mergeProgress(b, a));
  });

  test.prop([doc, doc, doc])("is associative", (a, b, c) => {
    expect(mergeProgress(mergeProgress(a, b), c)).toEqual(mergeProgress(a, mergeProgress(b, c)));
  });

  test.prop([doc])("is idempotent", (a) => {
    expect(mergeProgress(a, a)).toEqual(mergeProgress(a, emptyProgress()));
  });

  test.prop([doc, doc])("keeps every step done on either side", (a, b) => {
    const merged = mergeProgress(a, b);
    for (const side of [a, b]) {
      for (const [l, steps] of Object.entries(side.steps)) {
        for (const s of Object.keys(steps)) expect(merged.steps[l]?.[s]).toBeDefined();
      }
    }
  });

  test.prop([doc, doc])("never replaces a newer visit or latest attempt with an older one", (a, b) => {
    const merged = mergeProgress(a, b);
    for (const side of [a, b]) {
      for (const [l, at] of Object.entries(side.visits)) expect(Date.parse(merged.visits[l]!)).toBeGreaterThanOrEqual(Date.parse(at));
      for (const [l, q] of Object.entries(side.quizzes)) {
        if (q.latest) expect(Date.parse(merged.quizzes[l]!.latest!.at)).toBeGreaterThanOrEqual(Date.parse(q.latest.at));
        if (q.best) expect(merged.quizzes[l]!.best!.score).toBeGreaterThanOrEqual(q.best.score);
      }
    }
  });

  test.prop([doc, doc])("produces a valid document", (a, b) => {
    expect(progressDocSchema.safeParse(mergeProgress(a, b)).success).toBe(true);
  });

  test.prop([doc])("the browser's light check accepts what the server schema accepts", (a) => {
    expect(isProgressDoc(a)).toBe(true);
  });

  it.each([
    null,
    [],
    { v: 2, steps: {}, visits: {}, quizzes: {} },
    { v: 1, steps: { l: { s: "yesterday" } }, visits: {}, quizzes: {} },
    { v: 1, steps: {}, visits: { l: 5 }, quizzes: {} },
    { v: 1, steps: {}, visits: {}, quizzes: { l: { best: { score: 3, total: 0, at: "2026-11-01T00:00:00Z" } } } },
    { v: 1, steps: [], visits: {}, quizzes: {} },
  ])("the browser's light check refuses %j", (value) => {
    expect(isProgressDoc(value)).toBe(false);
  });
});

describe("mergeProgress (examples)", () => {
  it("keeps best and latest quiz results from different devices", () => {
    const phone: ProgressDoc = {
      ...emptyProgress(),
      quizzes: {
        q: {
          best: { score: 12, total: 15, at: "2026-11-01T10:00:00.000Z" },
          latest: { score: 9, total: 15, at: "2026-11-03T10:00:00.000Z" },
        },
      },
    };
    const laptop: ProgressDoc = {
      ...emptyProgress(),
      quizzes: {
        q: {
          best: { score: 10, total: 15, at: "2026-11-02T10:00:00.000Z" },
          latest: { score: 10, total: 15, at: "2026-11-02T10:00:00.000Z" },
        },
      },
    };
    expect(mergeProgress(phone, laptop).quizzes.q).toEqual({
      best: { score: 12, total: 15, at: "2026-11-01T10:00:00.000Z" },
      latest: { score: 9, total: 15, at: "2026-11-03T10:00:00.000Z" },
    });
  });

  it("keeps the first time a step was done", () => {
    const a: ProgressDoc = { ...emptyProgress(), steps: { l: { s: "2026-11-02T00:00:00.000Z" } } };
    const b: ProgressDoc = { ...emptyProgress(), steps: { l: { s: "2026-11-01T00:00:00.000Z", t: "2026-11-05T00:00:00.000Z" } } };
    expect(mergeProgress(a, b).steps.l).toEqual({ s: "2026-11-01T00:00:00.000Z", t: "2026-11-05T00:00:00.000Z" });
  });
});

describe("continueTarget", () => {
  const lessons = [
    { slug: "one", steps: [{ anchor: "a" }, { anchor: "b" }] },
    { slug: "two", steps: [{ anchor: "c" }] },
  ];
  it("points at the most recent lesson's first open step", () => {
    const doc: ProgressDoc = {
      ...emptyProgress(),
      visits: { one: "2026-11-02T00:00:00.000Z", two: "2026-11-01T00:00:00.000Z" },
      steps: { one: { a: "2026-11-02T00:00:00.000Z" } },
    };
    expect(continueTarget(doc, lessons)).toEqual({ slug: "one", anchor: "b" });
  });
  it("is null before any visit", () => {
    expect(continueTarget(emptyProgress(), lessons)).toBeNull();
  });
});
