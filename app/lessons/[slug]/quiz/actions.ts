"use server";

import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { getCurrentUser } from "@/lib/auth/session";
import { toFailure } from "@/lib/errors";
import { requireQuiz, saveAnswer, startAttempt, submitAttempt, toCanonicalSheet, type AttemptState } from "@/lib/quiz/attempts";
import { gradeAnswers } from "@/lib/quiz/grading";
import { signQuizResult } from "@/lib/quiz/guest-results";
import { buildResultView, type QuizResultView } from "@/lib/quiz/results";
import type { QuizResult } from "@/lib/quiz/result";

const slug = z.string().regex(/^[a-z0-9-]{1,100}$/);
const optionIds = z.array(z.string().max(40)).max(10);
const answers = z.record(z.string().max(100), optionIds).refine((a) => Object.keys(a).length <= 50);

const saveInput = z.strictObject({ lesson: slug, attemptId: z.string().max(40), questionId: z.string().max(100), optionIds });
const submitInput = z.strictObject({
  lesson: slug,
  attemptId: z.string().max(40).optional(),
  seed: z.string().regex(/^[0-9a-f]{8,64}$/),
  answers,
});

export async function saveAnswerAction(input: z.input<typeof saveInput>): Promise<ActionResult> {
  const parsed = saveInput.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", "That answer could not be saved: reload the quiz.");
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED", "Your session ended. Sign in again; answers are kept in this browser meanwhile.");
  try {
    await saveAnswer(user.id, parsed.data);
    return ok();
  } catch (error) {
    return toFailure(error, "quiz");
  }
}

export async function startAttemptAction(lesson: string): Promise<ActionResult<AttemptState>> {
  const parsed = slug.safeParse(lesson);
  const user = await getCurrentUser();
  if (!parsed.success || !user) return fail("UNAUTHENTICATED", "Sign in to keep quiz attempts in your account.");
  try {
    return ok(await startAttempt(user.id, parsed.data));
  } catch (error) {
    return toFailure(error, "quiz");
  }
}

export type SubmittedQuiz = { view: QuizResultView; result: QuizResult; attemptId?: string };

/**
 * Grades on the server. Signed in: the attempt is closed once and kept. Guest: graded without
 * storing anything; the signed result goes back to the browser's progress.
 */
export async function submitQuizAction(input: z.input<typeof submitInput>): Promise<ActionResult<SubmittedQuiz>> {
  const parsed = submitInput.safeParse(input);
  if (!parsed.success)
    return fail("INVALID_INPUT", "The quiz could not be submitted: reload the page and try again; your answers are saved.");
  const { lesson, attemptId, seed } = parsed.data;
  const user = await getCurrentUser();
  try {
    const quiz = requireQuiz(lesson);
    if (user) {
      if (!attemptId) return fail("STALE_QUIZ", "Reload the quiz: this attempt was started before you signed in.");
      const submitted = await submitAttempt(user.id, { lesson, attemptId, answers: parsed.data.answers });
      const view = buildResultView(quiz, submitted.grade, submitted.seed, submitted.submittedAt);
      return ok({
        view,
        attemptId,
        result: { score: view.score, total: view.total, at: view.submittedAt, concepts: submitted.grade.concepts },
      });
    }
    const grade = gradeAnswers(quiz, toCanonicalSheet(quiz, parsed.data.answers));
    const at = new Date();
    const view = buildResultView(quiz, grade, seed, at);
    return ok({
      view,
      result: signQuizResult(lesson, { score: grade.score, total: grade.total, at: at.toISOString(), concepts: grade.concepts }),
    });
  } catch (error) {
    return toFailure(error, "quiz");
  }
}
