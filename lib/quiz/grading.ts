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
};

export type Grade = { score: number; total: number; questions: GradedQuestion[]; concepts: ConceptScores };

/**
 * One point per question, all or nothing: a single-choice question needs its one right option, a
 * multiple-select question exactly its set of right options. Unknown option ids are not counted.
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
    const entry = (concepts[q.concept] ??= { correct: 0, total: 0 });
    entry.total += 1;
    if (isCorrect) entry.correct += 1;
    return { questionId: q.id, isCorrect, isAnswered: chosen.length > 0, chosen, correct, rightChosen, wrongChosen };
  });
  return { score: questions.filter((q) => q.isCorrect).length, total: quiz.questions.length, questions, concepts };
}
