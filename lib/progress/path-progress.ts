import type { PathStep } from "@/lib/content/path";
import { isStepDone, type ActivityProgress, type ProgressDoc } from "@/lib/progress/model";

// The one definition of a reader's progress through a lesson, shown the same way to the student
// (lesson map, catalogue, "Continue where you left off") and to the instructor (class progress, a
// student's page): every step of the lesson's path (its sections, by their headings, then the lab,
// the write-up and the quiz where the lesson has them), counted by isStepDone. A section marked
// under an anchor the path no longer has does not count. Pure: it runs in the browser too.

export type PathStepProgress = {
  step: PathStep;
  isDone: boolean;
  /** when a section was marked done (the first time) */
  doneAt: string | null;
};

export type PathProgress = {
  done: number;
  total: number;
  steps: PathStepProgress[];
  /** the first step not done, in path order; null when every step is */
  next: PathStep | null;
};

export function pathProgress(
  doc: ProgressDoc,
  lesson: string,
  steps: readonly PathStep[],
  activity?: ActivityProgress | null,
): PathProgress {
  const states = steps.map((step) => ({
    step,
    isDone: isStepDone(doc, lesson, step, activity),
    doneAt: step.kind === "section" ? (doc.steps[lesson]?.[step.anchor] ?? null) : null,
  }));
  return {
    done: states.filter((s) => s.isDone).length,
    total: states.length,
    steps: states,
    next: states.find((s) => !s.isDone)?.step ?? null,
  };
}

/** "Not started", "3 of 11 steps done", "All steps done". */
export function progressSummary({ done, total }: Pick<PathProgress, "done" | "total">): string {
  if (done === 0) return "Not started";
  if (done >= total) return "All steps done";
  return `${done} of ${total} steps done`;
}

/** "Next step: <the step's title>", or that there is none left. */
export function nextStepText(next: Pick<PathStep, "title"> | null): string {
  return next ? `Next step: ${next.title}` : "Every step of this lesson is done.";
}

/**
 * A signed-in reader's document for one lesson, from what the server stores: the sections marked
 * done (by anchor) and when the latest quiz was graded. The instructor's pages build it per student
 * so that their count is the one the student sees.
 */
export function storedProgressDoc(
  lesson: string,
  stored: { sections: readonly { step: string; doneAt: string }[]; quizGradedAt: string | null },
): ProgressDoc {
  const doc: ProgressDoc = { v: 1, steps: {}, visits: {}, quizzes: {} };
  if (stored.sections.length) doc.steps[lesson] = Object.fromEntries(stored.sections.map((s) => [s.step, s.doneAt]));
  // Only that a graded attempt exists counts for the step; the score is not read here.
  if (stored.quizGradedAt) doc.quizzes[lesson] = { latest: { score: 0, total: 1, at: stored.quizGradedAt } };
  return doc;
}
