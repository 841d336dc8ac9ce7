import { describe, expect, it } from "vitest";
import type { PathStep } from "@/lib/content/path";
import { emptyProgress } from "@/lib/progress/model";
import { nextStepText, pathProgress, progressSummary, storedProgressDoc } from "@/lib/progress/path-progress";
import { withStep } from "@/lib/progress/steps";

const section = (anchor: string, title: string): PathStep => ({ kind: "section", id: anchor, anchor, title });
const STEPS: PathStep[] = [
  section("why", "Why it matters"),
  section("matching", "Matching a model to hardware, task, licence and risk"),
  { kind: "lab", id: "lab", title: "Run the lab" },
  { kind: "write-up", id: "write-up", title: "Write up your recommendation" },
  { kind: "quiz", id: "quiz", title: "Take the quiz" },
];
const AT = "2026-12-01T10:00:00.000Z";

describe("pathProgress", () => {
  it("counts sections, the lab, the write-up and the quiz, and names the first step not done", () => {
    const doc = withStep(emptyProgress(), "l", "why", true, AT);
    const p = pathProgress(doc, "l", STEPS, { lab: true, writeUp: true });
    expect([p.done, p.total]).toEqual([3, 5]);
    expect(p.next?.title).toBe("Matching a model to hardware, task, licence and risk");
    expect(p.steps.map((s) => [s.step.id, s.isDone, s.doneAt])).toEqual([
      ["why", true, AT],
      ["matching", false, null],
      ["lab", true, null],
      ["write-up", true, null],
      ["quiz", false, null],
    ]);
  });

  it("does not count a section marked under an anchor that is no longer on the path", () => {
    const doc = withStep(withStep(emptyProgress(), "l", "vision-language-model", true, AT), "l", "why", true, AT);
    expect(pathProgress(doc, "l", STEPS).done).toBe(1);
  });

  it("has no next step when every step is done", () => {
    let doc = withStep(withStep(emptyProgress(), "l", "why", true, AT), "l", "matching", true, AT);
    doc = { ...doc, quizzes: { l: { latest: { score: 3, total: 15, at: AT } } } };
    const p = pathProgress(doc, "l", STEPS, { lab: true, writeUp: true });
    expect([p.done, p.next]).toEqual([5, null]);
  });
});

describe("the words", () => {
  it("say the count and the next step the same way everywhere", () => {
    expect(progressSummary({ done: 0, total: 11 })).toBe("Not started");
    expect(progressSummary({ done: 6, total: 11 })).toBe("6 of 11 steps done");
    expect(progressSummary({ done: 11, total: 11 })).toBe("All steps done");
    expect(nextStepText({ title: "Compare the options" })).toBe("Next step: Compare the options");
    expect(nextStepText(null)).toBe("Every step of this lesson is done.");
  });
});

describe("storedProgressDoc", () => {
  it("counts for the instructor exactly what the student's own document counts", () => {
    const student = { ...withStep(emptyProgress(), "l", "why", true, AT), quizzes: { l: { best: { score: 9, total: 15, at: AT } } } };
    const stored = storedProgressDoc("l", {
      sections: [
        { step: "why", doneAt: AT },
        { step: "old-anchor", doneAt: AT },
      ],
      quizGradedAt: AT,
    });
    const activity = { lab: true, writeUp: false };
    const mine = pathProgress(student, "l", STEPS, activity);
    const theirs = pathProgress(stored, "l", STEPS, activity);
    expect([theirs.done, theirs.total, theirs.next?.id]).toEqual([mine.done, mine.total, mine.next?.id]);
    expect(theirs.done).toBe(3);
  });

  it("is empty for a student who has done nothing", () => {
    expect(pathProgress(storedProgressDoc("l", { sections: [], quizGradedAt: null }), "l", STEPS).done).toBe(0);
  });
});
