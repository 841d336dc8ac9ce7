import "server-only";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { guestQuiz } from "@/lib/quiz/attempt-quiz";
import { toCanonicalSheet } from "@/lib/quiz/server/attempt-views";
import { gradeAnswers } from "@/lib/quiz/grading";
import type { QuizResult } from "@/lib/quiz/result";
import type { QuizTemplate } from "@/lib/quiz/schema";
import { signQuizResult } from "@/lib/quiz/server/guest-results";
import { buildResultView } from "@/lib/quiz/server/results";
import { signGuestAttemptCount, verifyGuestAttempt, verifyGuestAttemptCount, type QuizViewer } from "@/lib/quiz/server/viewer";
import type { QuizResultView } from "@/lib/quiz/types";

export const STALE_GUEST_ATTEMPT =
  "This quiz attempt was not started in this browser's quiz session (it may come from before a sign-out or from another browser). Reload the quiz to start again.";

export type GuestSubmission = {
  lesson: string;
  /** the attempt as this server issued it to this guest (lib/quiz/server/viewer.ts) */
  guestAttempt?: string;
  /** the signed count of attempts this browser has submitted, from its last grading */
  guestAttempts?: string;
  answers: Record<string, string[]>;
};

export type GuestGrading = { view: QuizResultView; result: QuizResult; guestAttempts: string };

/**
 * Grades a guest's attempt without storing anything: the signed result goes back to the browser's
 * progress, with the browser's new signed attempt count. Only an attempt this server issued to this
 * guest is graded: a seed from anywhere else (another guest, an account's page, a guess) is refused.
 */
export function gradeGuestAttempt(viewer: QuizViewer, template: QuizTemplate, submission: GuestSubmission): ActionResult<GuestGrading> {
  const { lesson } = submission;
  const issued = verifyGuestAttempt(viewer, lesson, submission.guestAttempt);
  if (!issued) return fail("STALE_QUIZ", STALE_GUEST_ATTEMPT);
  const previous = verifyGuestAttemptCount(viewer, lesson, submission.guestAttempts);
  const quiz = guestQuiz(template, issued);
  const grade = gradeAnswers(quiz, toCanonicalSheet(quiz, submission.answers, viewer));
  const at = new Date();
  const number = Math.max(previous, issued.rotation) + 1;
  const view = buildResultView(quiz, grade, { seed: issued.seed, submittedAt: at, viewer, number, submitted: number });
  return ok({
    view,
    result: signQuizResult(lesson, { score: grade.score, total: grade.total, at: at.toISOString(), concepts: grade.concepts }),
    guestAttempts: signGuestAttemptCount(viewer, lesson, number),
  });
}
