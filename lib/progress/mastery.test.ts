import { describe, expect, it } from "vitest";
import { conceptMastery, evidenceFromProgress, masteryByConcept, type Evidence } from "@/lib/progress/mastery";
import { emptyProgress } from "@/lib/progress/model";

const at = (hours: number) => new Date(Date.UTC(2026, 10, 20, 9) + hours * 3_600_000).toISOString();
const e = (credit: number, hours: number, source: Evidence["source"] = "quiz"): Evidence => ({
  concept: "prefill",
  credit,
  at: at(hours),
  source,
});

describe("concept mastery", () => {
  it("moves from not started to attempted to familiar to mastered", () => {
    expect(conceptMastery([])).toBe("not-started");
    expect(conceptMastery([e(0, 0)])).toBe("attempted");
    expect(conceptMastery([e(0, 0), e(1, 1)])).toBe("familiar");
    // Right twice, but within an hour: not yet shown to last.
    expect(conceptMastery([e(1, 0), e(1, 1)])).toBe("familiar");
    // Right again a day later, in a review: mastered.
    expect(conceptMastery([e(1, 0), e(1, 25, "review")])).toBe("mastered");
  });

  it("needs the latest answer right, and more than checks", () => {
    expect(conceptMastery([e(1, 0), e(1, 25), e(0, 26)])).toBe("attempted");
    expect(conceptMastery([e(1, 0, "check"), e(1, 30, "check")])).toBe("familiar");
    expect(conceptMastery([e(1, 0, "check"), e(1, 30, "quiz")])).toBe("mastered");
  });

  it("counts partial credit towards familiar by the recent average", () => {
    expect(conceptMastery([e(0.5, 0), e(1, 1), e(0.9, 2)])).toBe("familiar");
    expect(conceptMastery([e(0.5, 0), e(0.5, 1), e(0.5, 2)])).toBe("attempted");
  });

  it("reads a guest's progress: best and latest quiz results and checks", () => {
    const doc = {
      ...emptyProgress(),
      quizzes: {
        l: { latest: { score: 1, total: 2, at: at(0), concepts: { prefill: { correct: 1, total: 1 }, OCR: { correct: 0, total: 1 } } } },
      },
      checks: { l: { "c-1": { concept: "OCR", credit: 1, at: at(2) } } },
    };
    const evidence = evidenceFromProgress(doc, "l");
    expect(evidence).toHaveLength(3);
    expect(masteryByConcept(["prefill", "OCR", "quantisation"], evidence)).toEqual({
      prefill: { level: "familiar", answers: 1, lastAt: at(0) },
      OCR: { level: "familiar", answers: 2, lastAt: at(2) },
      quantisation: { level: "not-started", answers: 0, lastAt: null },
    });
  });
});
