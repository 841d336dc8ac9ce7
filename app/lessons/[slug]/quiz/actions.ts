"use server";

import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { getCurrentUser } from "@/lib/auth/server/session";
import { toFailure } from "@/lib/server/errors";
import {
  requireQuiz,
  saveAnswer,
  startAttempt,
  submitAttempt,
  toCanonicalSheet,
  guestQuiz,
  issueGuestAttempt,
  type AttemptState,
  type GuestQuiz,
} from "@/lib/quiz/data/attempts";
import { toPublicQuiz } from "@/lib/quiz/server/public";
import { readGuestViewer, setGuestCookie } from "@/lib/quiz/server/guest-cookie";
import { gradeAnswers } from "@/lib/quiz/grading";
import { signQuizResult } from "@/lib/quiz/server/guest-results";
import { buildResultView } from "@/lib/quiz/server/results";
import type { QuizResultView } from "@/lib/quiz/types";
import type { QuizResult } from "@/lib/quiz/result";
import {
  guestFromToken,
  mintGuestToken,
  signGuestAttemptCount,
  userViewer,
  verifyGuestAttempt,
  verifyGuestAttemptCount,
} from "@/lib/quiz/server/viewer";

const slug = z.string().regex(/^[a-z0-9-]{1,100}$/);
const optionIds = z.array(z.string().max(40)).max(10);
const answers = z.record(z.string().max(100), optionIds).refine((a) => Object.keys(a).length <= 50);
const guestToken = z.string().max(60);
/** a guest attempt as this server issued it (lib/quiz/server/viewer.ts): seed, place, signature */
const guestAttempt = z.string().max(120);

const saveInput = z.strictObject({ lesson: slug, attemptId: z.string().max(40), questionId: z.string().max(100), optionIds });
const submitInput = z.strictObject({
  lesson: slug,
  /** signed in: the attempt in the database */
  attemptId: z.string().max(40).optional(),
  /** guests: the attempt this server issued to this browser's guest identity */
  guestAttempt: guestAttempt.optional(),
  answers,
  /** guests: the identity the page was rendered for, when the browser had no guest cookie yet */
  guestToken: guestToken.optional(),
  /** guests: the signed count of attempts this browser has submitted, from the last grading */
  guestAttempts: z.string().max(40).optional(),
});
const adoptInput = z.strictObject({ token: guestToken });
const guestQuizInput = z.strictObject({
  lesson: slug,
  /** the attempt to resume; none: a new one (a retake) */
  guestAttempt: guestAttempt.optional(),
  guestToken: guestToken.optional(),
  guestAttempts: z.string().max(40).optional(),
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

/**
 * A guest's first visit: the page (which cannot set cookies while rendering) minted a guest
 * identity and drew the option ids for it; this keeps it in an httpOnly cookie. `changed` means
 * this browser already had another identity (a second tab got there first) or the token was not
 * genuine: the page must reload to get option ids for the identity now in the cookie.
 */
export async function adoptGuestIdentityAction(input: z.input<typeof adoptInput>): Promise<ActionResult<{ changed: boolean }>> {
  const parsed = adoptInput.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", "Reload the quiz to continue.");
  if (await getCurrentUser()) return ok({ changed: false });
  const current = await readGuestViewer();
  const offered = guestFromToken(parsed.data.token);
  if (current) return ok({ changed: current.id !== offered?.id });
  await setGuestCookie(offered ? parsed.data.token : mintGuestToken());
  return ok({ changed: !offered });
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

export type SubmittedQuiz = { view: QuizResultView; result: QuizResult; attemptId?: string; guestAttempts?: string };

/**
 * Grades on the server. Signed in: the attempt is closed once and kept. Guest: graded without
 * storing anything; the signed result goes back to the browser's progress, with the browser's new
 * signed attempt count. Either way the view holds only what the review policy lets it show.
 */
export async function submitQuizAction(input: z.input<typeof submitInput>): Promise<ActionResult<SubmittedQuiz>> {
  const parsed = submitInput.safeParse(input);
  if (!parsed.success)
    return fail("INVALID_INPUT", "The quiz could not be submitted: reload the page and try again; your answers are saved.");
  const { lesson, attemptId } = parsed.data;
  const user = await getCurrentUser();
  try {
    const template = requireQuiz(lesson);
    if (user) {
      if (!attemptId) return fail("STALE_QUIZ", "Reload the quiz: this attempt was started before you signed in.");
      const submitted = await submitAttempt(user.id, { lesson, attemptId, answers: parsed.data.answers });
      const view = buildResultView(submitted.quiz, submitted.grade, { ...submitted, viewer: userViewer(user.id) });
      return ok({
        view,
        attemptId,
        result: { score: view.score, total: view.total, at: view.submittedAt, concepts: submitted.grade.concepts },
      });
    }
    const viewer = (await readGuestViewer()) ?? guestFromToken(parsed.data.guestToken);
    if (!viewer)
      return fail(
        "STALE_QUIZ",
        "This browser's quiz session was not found (cookies may be blocked). Reload the quiz; your answers are kept in this browser.",
      );
    // Only an attempt this server issued to this guest is graded: a seed from anywhere else
    // (another guest, an account's page, a guess) is refused.
    const issued = verifyGuestAttempt(viewer, lesson, parsed.data.guestAttempt);
    if (!issued) return fail("STALE_QUIZ", STALE_GUEST_ATTEMPT);
    const previous = verifyGuestAttemptCount(viewer, lesson, parsed.data.guestAttempts);
    const quiz = guestQuiz(template, issued);
    const grade = gradeAnswers(quiz, toCanonicalSheet(quiz, parsed.data.answers, viewer));
    const at = new Date();
    const number = Math.max(previous, issued.rotation) + 1;
    const view = buildResultView(quiz, grade, { seed: issued.seed, submittedAt: at, viewer, number, submitted: number });
    return ok({
      view,
      result: signQuizResult(lesson, { score: grade.score, total: grade.total, at: at.toISOString(), concepts: grade.concepts }),
      guestAttempts: signGuestAttemptCount(viewer, lesson, number),
    });
  } catch (error) {
    return toFailure(error, "quiz");
  }
}

/**
 * A guest's questions: for the attempt this browser holds (as this server issued it), or for a new
 * one at its place among the browser's attempts (the signed count). No key.
 */
export async function guestQuizAction(input: z.input<typeof guestQuizInput>): Promise<ActionResult<GuestQuiz>> {
  const parsed = guestQuizInput.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", "Reload the quiz to continue.");
  if (await getCurrentUser()) return fail("STALE_QUIZ", "Reload the quiz: you are signed in now.");
  try {
    const template = requireQuiz(parsed.data.lesson);
    const viewer = (await readGuestViewer()) ?? guestFromToken(parsed.data.guestToken);
    if (!viewer) return fail("STALE_QUIZ", "This browser's quiz session was not found (cookies may be blocked). Reload the quiz.");
    if (parsed.data.guestAttempt) {
      const issued = verifyGuestAttempt(viewer, parsed.data.lesson, parsed.data.guestAttempt);
      if (!issued) return fail("STALE_QUIZ", STALE_GUEST_ATTEMPT);
      return ok({ guestAttempt: parsed.data.guestAttempt, quiz: toPublicQuiz(guestQuiz(template, issued), viewer, issued.seed) });
    }
    const rotation = verifyGuestAttemptCount(viewer, parsed.data.lesson, parsed.data.guestAttempts);
    return ok(issueGuestAttempt(template, viewer, rotation));
  } catch (error) {
    return toFailure(error, "quiz");
  }
}

const STALE_GUEST_ATTEMPT =
  "This quiz attempt was not started in this browser's quiz session (it may come from before a sign-out or from another browser). Reload the quiz to start again.";
