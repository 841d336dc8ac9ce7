import type { Quiz } from "@/lib/quiz/schema";
import type { ConceptScores } from "@/lib/quiz/result";

/** Canonical option ids chosen per question id. Missing questions are unanswered. */
export type AnswerSheet = Record<string, string[]>;

export type GradedQuestion = {
  questionId: string;
  isCorrect: boolean;
  isAnswered: boolean;
  chosen: string[];
  correct: string[];
  /** right options chosen, for feedback on multiple-select questions */
  rightChosen: number;
  wrongChosen: number;
  /** 0 to 1: a single-choice question is right or wrong; a multiple-select one earns (right picks − wrong picks) / right options, never below 0 */
  credit: number;
};

export type Grade = { score: number; total: number; questions: GradedQuestion[]; concepts: ConceptScores };

/** Partial credit: right picks minus wrong picks over the right options, floored at zero; single choice is 1 or 0. */
export function creditFor(kind: "single" | "multiple", rightChosen: number, wrongChosen: number, rightOptions: number): number {
  if (kind === "single") return rightChosen === 1 && wrongChosen === 0 ? 1 : 0;
  return rightOptions ? Math.max(0, rightChosen - wrongChosen) / rightOptions : 0;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * One point per question: a single-choice question needs its one right option; a multiple-select
 * question earns partial credit (right picks minus wrong picks, over its right options, never below
 * zero), so ticking every box earns nothing. A question counts as correct only with full credit.
 * Unknown option ids are not counted.
 */
export function gradeAnswers(quiz: Quiz, answers: AnswerSheet): Grade {
  const concepts: ConceptScores = {};
  const questions = quiz.questions.map((q) => {
    const valid = new Set(q.options.map((o) => o.id));
    const chosen = [...new Set(answers[q.id] ?? [])].filter((id) => valid.has(id)).sort();
    const correct = q.options
      .filter((o) => o.correct)
      .map((o) => o.id)
      .sort();
    const rightChosen = chosen.filter((id) => correct.includes(id)).length;
    const wrongChosen = chosen.length - rightChosen;
    const isCorrect = wrongChosen === 0 && rightChosen === correct.length;
    const credit = creditFor(q.kind, rightChosen, wrongChosen, correct.length);
    const entry = (concepts[q.concept] ??= { correct: 0, total: 0 });
    entry.total += 1;
    entry.correct = round2(entry.correct + credit);
    return { questionId: q.id, isCorrect, isAnswered: chosen.length > 0, chosen, correct, rightChosen, wrongChosen, credit };
  });
  return { score: round2(questions.reduce((n, q) => n + q.credit, 0)), total: quiz.questions.length, questions, concepts };
}
