"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import {
  QuizAccessError,
  requireQuiz,
  saveAnswer,
  startAttempt,
  submitAttempt,
  toCanonicalSheet,
  UnknownQuizError,
  type AttemptState,
} from "@/lib/quiz/attempts";
import { gradeAnswers } from "@/lib/quiz/grading";
import { signQuizResult } from "@/lib/quiz/guest-results";
import { StaleQuizError } from "@/lib/quiz/public";
import { buildResultView, type QuizResultView } from "@/lib/quiz/results";
import type { QuizResult } from "@/lib/progress/model";

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

type Failure = { ok: false; message: string };

function failure(error: unknown): Failure {
  if (error instanceof StaleQuizError || error instanceof QuizAccessError || error instanceof UnknownQuizError)
    return { ok: false, message: error.message };
  throw error;
}

export async function saveAnswerAction(input: z.input<typeof saveInput>): Promise<{ ok: true } | Failure> {
  const parsed = saveInput.safeParse(input);
  if (!parsed.success) return { ok: false, message: "That answer could not be saved: reload the quiz." };
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: "Your session ended. Sign in again; answers are kept in this browser meanwhile." };
  try {
    await saveAnswer(user.id, parsed.data);
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function startAttemptAction(lesson: string): Promise<{ ok: true; attempt: AttemptState } | Failure> {
  const parsed = slug.safeParse(lesson);
  const user = await getCurrentUser();
  if (!parsed.success || !user) return { ok: false, message: "Sign in to keep quiz attempts in your account." };
  try {
    return { ok: true, attempt: await startAttempt(user.id, parsed.data) };
  } catch (error) {
    return failure(error);
  }
}

export type SubmitResult = { ok: true; view: QuizResultView; result: QuizResult; attemptId?: string } | Failure;

/**
 * Grades on the server. Signed in: the attempt is closed once and kept. Guest: graded without
 * storing anything; the signed result goes back to the browser's progress.
 */
export async function submitQuizAction(input: z.input<typeof submitInput>): Promise<SubmitResult> {
  const parsed = submitInput.safeParse(input);
  if (!parsed.success)
    return { ok: false, message: "The quiz could not be submitted: reload the page and try again; your answers are saved." };
  const { lesson, attemptId, seed } = parsed.data;
  const user = await getCurrentUser();
  try {
    const quiz = requireQuiz(lesson);
    if (user) {
      if (!attemptId) return { ok: false, message: "Reload the quiz: this attempt was started before you signed in." };
      const submitted = await submitAttempt(user.id, { lesson, attemptId, answers: parsed.data.answers });
      const view = buildResultView(quiz, submitted.grade, submitted.seed, submitted.submittedAt);
      return {
        ok: true,
        view,
        attemptId,
        result: { score: view.score, total: view.total, at: view.submittedAt, concepts: submitted.grade.concepts },
      };
    }
    const grade = gradeAnswers(quiz, toCanonicalSheet(quiz, parsed.data.answers));
    const at = new Date();
    const view = buildResultView(quiz, grade, seed, at);
    return {
      ok: true,
      view,
      result: signQuizResult(lesson, { score: grade.score, total: grade.total, at: at.toISOString(), concepts: grade.concepts }),
    };
  } catch (error) {
    return failure(error);
  }
}
