"use server";

import { z } from "zod";
import { fail, ok } from "@/lib/action-result";
import { guestQuiz } from "@/lib/quiz/attempt-quiz";
import { getOrStartAttempt, saveAnswer, startAttempt, submitAttempt } from "@/lib/quiz/data/attempts";
import { listAttemptScores } from "@/lib/quiz/data/attempt-history";
import { standingOf } from "@/lib/quiz/standing";
import { requireQuiz } from "@/lib/quiz/server/attempt-access";
import { issueGuestAttempt, type AttemptState, type GuestQuiz } from "@/lib/quiz/server/attempt-views";
import { toPublicQuiz } from "@/lib/quiz/server/public";
import { readGuestViewer, setGuestCookie } from "@/lib/quiz/server/guest-cookie";
import { gradeGuestAttempt, STALE_GUEST_ATTEMPT } from "@/lib/quiz/server/guest-grading";
import { buildResultView } from "@/lib/quiz/server/results";
import type { QuizResultView } from "@/lib/quiz/types";
import type { QuizResult } from "@/lib/quiz/result";
import { guestFromToken, mintGuestToken, userViewer, verifyGuestAttempt, verifyGuestAttemptCount } from "@/lib/quiz/server/viewer";
import { defineAction } from "@/lib/server/action";
import { slugSchema } from "@/lib/validation";

const optionIds = z.array(z.string().max(40)).max(10);
const answers = z.record(z.string().max(100), optionIds).refine((a) => Object.keys(a).length <= 50);
const guestToken = z.string().max(60);
/** a guest attempt as this server issued it (lib/quiz/server/viewer.ts): seed, place, signature */
const guestAttempt = z.string().max(120);

const saveInput = z.strictObject({ lesson: slugSchema, attemptId: z.string().max(40), questionId: z.string().max(100), optionIds });
const submitInput = z.strictObject({
  lesson: slugSchema,
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
const guestQuizInput = z.strictObject({
  lesson: slugSchema,
  /** the attempt to resume; none: a new one (a retake) */
  guestAttempt: guestAttempt.optional(),
  guestToken: guestToken.optional(),
  guestAttempts: z.string().max(40).optional(),
});

export const saveAnswerAction = defineAction(
  {
    scope: "quiz",
    input: saveInput,
    role: "STUDENT",
    kept: "answers are kept in this browser meanwhile",
    invalid: "That answer could not be saved: reload the quiz.",
  },
  async (input, { user }) => {
    await saveAnswer(user.id, input);
    return ok();
  },
);

/**
 * The quiz page opens the student's attempt here, not while rendering (the page's HTML is the same
 * for everyone): the open one with its answers, or a new one. Unlike a retake (startAttemptAction)
 * it never clears an open attempt's answers.
 */
export const openAttemptAction = defineAction(
  { scope: "quiz", input: slugSchema, role: "STUDENT", invalid: "Reload the quiz to continue." },
  async (lesson, { user }) => ok<AttemptState>(await getOrStartAttempt(user.id, lesson)),
);

export const startAttemptAction = defineAction(
  { scope: "quiz", input: slugSchema, role: "STUDENT", invalid: "Reload the quiz to continue." },
  async (lesson, { user }) => ok<AttemptState>(await startAttempt(user.id, lesson)),
);

export type SubmittedQuiz = { view: QuizResultView; result: QuizResult; attemptId?: string; guestAttempts?: string };

const NO_GUEST_SESSION = "This browser's quiz session was not found (cookies may be blocked). Reload the quiz";

/**
 * Grades on the server. Signed in: the attempt is closed once and kept. Guest: graded without
 * storing anything (lib/quiz/server/guest-grading.ts). Either way the view holds only what the
 * review policy lets it show.
 */
export const submitQuizAction = defineAction(
  {
    scope: "quiz",
    input: submitInput,
    role: "GUEST",
    invalid: "The quiz could not be submitted: reload the page and try again; your answers are saved.",
  },
  async (input, { user }) => {
    const { lesson, attemptId, answers } = input;
    const template = requireQuiz(lesson);
    if (user) {
      if (!attemptId) return fail("STALE_QUIZ", "Reload the quiz: this attempt was started before you signed in.");
      const submitted = await submitAttempt(user.id, { lesson, attemptId, answers });
      const built = buildResultView(submitted.quiz, submitted.grade, { ...submitted, viewer: userViewer(user.id) });
      // A review set is not a quiz attempt: it has no place among them.
      const standing = submitted.kind === "QUIZ" ? standingOf(await listAttemptScores(user.id, lesson), submitted.attemptId) : null;
      const view: QuizResultView = standing ? { ...built, standing } : built;
      const result: QuizResult = { score: view.score, total: view.total, at: view.submittedAt, concepts: submitted.grade.concepts };
      return ok<SubmittedQuiz>({ view, attemptId, result });
    }
    const viewer = (await readGuestViewer()) ?? guestFromToken(input.guestToken);
    if (!viewer) return fail("STALE_QUIZ", `${NO_GUEST_SESSION}; your answers are kept in this browser.`);
    const graded = gradeGuestAttempt(viewer, template, input);
    return graded.ok ? ok<SubmittedQuiz>(graded.value) : graded;
  },
);

/** A guest's questions, and the identity they were drawn for when this request made it. */
export type GuestQuizLoad = GuestQuiz & { guestToken?: string };

/**
 * A guest's questions: for the attempt this browser holds (as this server issued it), or for a new
 * one at its place among the browser's attempts (the signed count). No key. A browser without a
 * guest identity gets one here, in an httpOnly cookie, and its token in the answer: a browser that
 * blocks the cookie sends the token back with its next requests.
 */
export const guestQuizAction = defineAction(
  { scope: "quiz", input: guestQuizInput, role: "GUEST", invalid: "Reload the quiz to continue." },
  async (input, { user }) => {
    if (user) return fail("STALE_QUIZ", "Reload the quiz: you are signed in now.");
    const template = requireQuiz(input.lesson);
    let viewer = (await readGuestViewer()) ?? guestFromToken(input.guestToken);
    let minted: string | undefined;
    if (!viewer) {
      minted = mintGuestToken();
      await setGuestCookie(minted);
      viewer = guestFromToken(minted)!;
    }
    const made = minted ? { guestToken: minted } : {};
    if (input.guestAttempt) {
      const issued = verifyGuestAttempt(viewer, input.lesson, input.guestAttempt);
      if (!issued) return fail("STALE_QUIZ", STALE_GUEST_ATTEMPT);
      const quiz = toPublicQuiz(guestQuiz(template, issued), viewer, issued.seed);
      return ok<GuestQuizLoad>({ guestAttempt: input.guestAttempt, quiz, ...made });
    }
    const rotation = verifyGuestAttemptCount(viewer, input.lesson, input.guestAttempts);
    return ok<GuestQuizLoad>({ ...issueGuestAttempt(template, viewer, rotation), ...made });
  },
);
