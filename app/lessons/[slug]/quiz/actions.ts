"use server";

import { z } from "zod";
import { fail, ok } from "@/lib/action-result";
import { guestQuiz } from "@/lib/quiz/attempt-quiz";
import { saveAnswer, startAttempt, submitAttempt } from "@/lib/quiz/data/attempts";
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
const adoptInput = z.strictObject({ token: guestToken });
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
 * A guest's first visit: the page (which cannot set cookies while rendering) minted a guest
 * identity and drew the option ids for it; this keeps it in an httpOnly cookie. `changed` means
 * this browser already had another identity (a second tab got there first) or the token was not
 * genuine: the page must reload to get option ids for the identity now in the cookie.
 */
export const adoptGuestIdentityAction = defineAction(
  { scope: "quiz", input: adoptInput, role: "GUEST", invalid: "Reload the quiz to continue." },
  async ({ token }, { user }) => {
    if (user) return ok({ changed: false });
    const current = await readGuestViewer();
    const offered = guestFromToken(token);
    if (current) return ok({ changed: current.id !== offered?.id });
    await setGuestCookie(offered ? token : mintGuestToken());
    return ok({ changed: !offered });
  },
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

/**
 * A guest's questions: for the attempt this browser holds (as this server issued it), or for a new
 * one at its place among the browser's attempts (the signed count). No key.
 */
export const guestQuizAction = defineAction(
  { scope: "quiz", input: guestQuizInput, role: "GUEST", invalid: "Reload the quiz to continue." },
  async (input, { user }) => {
    if (user) return fail("STALE_QUIZ", "Reload the quiz: you are signed in now.");
    const template = requireQuiz(input.lesson);
    const viewer = (await readGuestViewer()) ?? guestFromToken(input.guestToken);
    if (!viewer) return fail("STALE_QUIZ", `${NO_GUEST_SESSION}.`);
    if (input.guestAttempt) {
      const issued = verifyGuestAttempt(viewer, input.lesson, input.guestAttempt);
      if (!issued) return fail("STALE_QUIZ", STALE_GUEST_ATTEMPT);
      return ok<GuestQuiz>({ guestAttempt: input.guestAttempt, quiz: toPublicQuiz(guestQuiz(template, issued), viewer, issued.seed) });
    }
    const rotation = verifyGuestAttemptCount(viewer, input.lesson, input.guestAttempts);
    return ok<GuestQuiz>(issueGuestAttempt(template, viewer, rotation));
  },
);
