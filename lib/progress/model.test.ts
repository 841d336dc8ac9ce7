import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { PathStep } from "@/lib/content/path";
import { continueTarget, emptyProgress, isProgressDoc, isStepDone, mergeProgress, stepsDone, type ProgressDoc } from "@/lib/progress/model";
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

const section = (id: string): PathStep => ({ kind: "section", id, title: `Section ${id}`, anchor: id });
const LAB: PathStep = { kind: "lab", id: "lab", title: "Run the lab" };
const WRITE_UP: PathStep = { kind: "write-up", id: "write-up", title: "Write up your recommendation" };
const QUIZ: PathStep = { kind: "quiz", id: "quiz", title: "Take the quiz" };
const at = "2026-11-02T00:00:00.000Z";
const graded = { score: 9, total: 15, at };

describe("isStepDone", () => {
  const doc: ProgressDoc = { ...emptyProgress(), steps: { one: { a: at } }, quizzes: { one: { latest: graded } } };

  it("takes a section from the marks, the quiz from a graded attempt", () => {
    expect(isStepDone(doc, "one", section("a"))).toBe(true);
    expect(isStepDone(doc, "one", section("b"))).toBe(false);
    expect(isStepDone(doc, "one", QUIZ)).toBe(true);
    expect(isStepDone(doc, "two", QUIZ)).toBe(false);
    expect(isStepDone({ ...emptyProgress(), quizzes: { one: { best: graded } } }, "one", QUIZ)).toBe(true);
  });

  it("takes the lab and the write-up from the account's activity, never from a mark in the document", () => {
    const marked: ProgressDoc = { ...emptyProgress(), steps: { one: { lab: at, "write-up": at } } };
    expect(isStepDone(marked, "one", LAB)).toBe(false);
    expect(isStepDone(marked, "one", WRITE_UP, null)).toBe(false);
    expect(isStepDone(doc, "one", LAB, { lab: true, writeUp: false })).toBe(true);
    expect(isStepDone(doc, "one", WRITE_UP, { lab: true, writeUp: false })).toBe(false);
    expect(isStepDone(doc, "one", WRITE_UP, { lab: true, writeUp: true })).toBe(true);
  });

  it("counts sections and activities together", () => {
    const steps = [section("a"), section("b"), LAB, WRITE_UP, QUIZ];
    expect(stepsDone(doc, "one", steps)).toBe(2);
    expect(stepsDone(doc, "one", steps, { lab: true, writeUp: true })).toBe(4);
  });
});

describe("continueTarget", () => {
  const lessons = [
    { slug: "one", steps: [section("a"), section("b")] },
    { slug: "two", steps: [section("c")] },
  ];
  it("points at the most recent lesson's first open step", () => {
    const doc: ProgressDoc = {
      ...emptyProgress(),
      visits: { one: "2026-11-02T00:00:00.000Z", two: "2026-11-01T00:00:00.000Z" },
      steps: { one: { a: "2026-11-02T00:00:00.000Z" } },
    };
    expect(continueTarget(doc, lessons)).toEqual({ slug: "one", step: "b", needsAccount: false });
  });
  it("is null before any visit", () => {
    expect(continueTarget(emptyProgress(), lessons)).toBeNull();
  });

  describe("with the lab, the write-up and the quiz on the path", () => {
    const flagship = { slug: "flag", steps: [section("a"), section("b"), LAB, WRITE_UP, QUIZ] };
    const next = { slug: "next", steps: [section("c"), section("d")] };
    const read: ProgressDoc = { ...emptyProgress(), visits: { flag: at }, steps: { flag: { a: at, b: at } } };
    const signedIn = (lab: boolean, writeUp: boolean) => ({ isSignedIn: true, activities: { flag: { lab, writeUp } } });

    it("sends a signed-in student who has read every section to the lab, then the write-up, then the quiz", () => {
      expect(continueTarget(read, [flagship, next], signedIn(false, false))).toEqual({ slug: "flag", step: "lab", needsAccount: false });
      expect(continueTarget(read, [flagship, next], signedIn(true, false))).toEqual({
        slug: "flag",
        step: "write-up",
        needsAccount: false,
      });
      expect(continueTarget(read, [flagship, next], signedIn(true, true))).toEqual({ slug: "flag", step: "quiz", needsAccount: false });
    });

    it("keeps to path order: an unread section comes before the lab, even with a run done", () => {
      const partly: ProgressDoc = { ...read, steps: { flag: { a: at } } };
      expect(continueTarget(partly, [flagship], signedIn(true, true))).toEqual({ slug: "flag", step: "b", needsAccount: false });
    });

    it("moves on to the next unfinished lesson once every step is done", () => {
      const quizzed: ProgressDoc = { ...read, quizzes: { flag: { latest: graded } }, steps: { ...read.steps, next: { c: at } } };
      expect(continueTarget(quizzed, [flagship, next], signedIn(true, true))).toEqual({
        slug: "next",
        step: "d",
        needsAccount: false,
        after: "flag",
      });
    });

    it("wraps round to an earlier lesson, and says so when everything is done", () => {
      const lastVisited: ProgressDoc = { ...emptyProgress(), visits: { next: at }, steps: { next: { c: at, d: at } } };
      expect(continueTarget(lastVisited, [flagship, next], signedIn(false, false))).toEqual({
        slug: "flag",
        step: "a",
        needsAccount: false,
        after: "next",
      });
      const everything: ProgressDoc = {
        ...emptyProgress(),
        visits: { next: at },
        steps: { flag: { a: at, b: at }, next: { c: at, d: at } },
        quizzes: { flag: { best: graded } },
      };
      expect(continueTarget(everything, [flagship, next], signedIn(true, true))).toEqual({ slug: "next", step: null, needsAccount: false });
    });

    it("sends a guest past the lab and the write-up to the quiz, then to the lab with a sign-in", () => {
      const guest = { isSignedIn: false };
      expect(continueTarget(read, [flagship, next], guest)).toEqual({ slug: "flag", step: "quiz", needsAccount: false });
      const quizzed: ProgressDoc = { ...read, quizzes: { flag: { latest: graded } } };
      expect(continueTarget(quizzed, [flagship, next], guest)).toEqual({ slug: "flag", step: "lab", needsAccount: true });
    });
  });
});
