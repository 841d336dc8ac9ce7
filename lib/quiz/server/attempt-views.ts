import "server-only";
// An attempt as one viewer sees it: options under that viewer's opaque ids (never the key or the
// seed), and the ids they send back translated to canonical ones.
import { attemptQuiz, guestQuiz, type AttemptDraw } from "@/lib/quiz/attempt-quiz";
import type { AnswerSheet } from "@/lib/quiz/grading";
import type { Quiz, QuizTemplate } from "@/lib/quiz/schema";
import { toCanonicalOptions, toPublicOptions, toPublicQuiz, StaleQuizError } from "@/lib/quiz/server/public";
import { signGuestAttempt, userViewer, type QuizViewer } from "@/lib/quiz/server/viewer";
import { newSeed } from "@/lib/quiz/shuffle";
import type { AttemptState, PublicQuiz } from "@/lib/quiz/types";

export type GuestQuiz = { guestAttempt: string; quiz: PublicQuiz };

/** A new guest attempt: a fresh seed, signed for this guest at its place among their attempts. */
export function issueGuestAttempt(template: QuizTemplate, viewer: QuizViewer, rotation: number): GuestQuiz {
  const attempt = { seed: newSeed(), rotation };
  return {
    guestAttempt: signGuestAttempt(viewer, template.lesson, attempt),
    quiz: toPublicQuiz(guestQuiz(template, attempt), viewer, attempt.seed),
  };
}

/**
 * Public answers (this viewer's opaque option ids per question) to canonical ids; refuses unknown
 * questions or options, another viewer's ids included.
 */
export function toCanonicalSheet(quiz: Quiz, answers: Record<string, string[]>, viewer: QuizViewer): AnswerSheet {
  const sheet: AnswerSheet = {};
  for (const [questionId, ids] of Object.entries(answers)) {
    const question = quiz.questions.find((q) => q.id === questionId);
    if (!question) throw new StaleQuizError();
    if (ids.length) sheet[questionId] = toCanonicalOptions(quiz, question, ids, viewer);
  }
  return sheet;
}

/** An open attempt as its page needs it: the questions it shows (no key, no seed) and the answers so far. */
export type { AttemptState };

function publicSheet(quiz: Quiz, sheet: AnswerSheet, viewer: QuizViewer): Record<string, string[]> {
  return Object.fromEntries(Object.entries(sheet).map(([q, ids]) => [q, toPublicOptions(quiz, q, ids, viewer)]));
}

export function stateOf(template: QuizTemplate, attempt: AttemptDraw & { id: string }, sheet: AnswerSheet, userId: string): AttemptState {
  const viewer = userViewer(userId);
  const quiz = attemptQuiz(template, attempt);
  return { attemptId: attempt.id, answers: publicSheet(quiz, sheet, viewer), quiz: toPublicQuiz(quiz, viewer, attempt.seed) };
}
