import "server-only";
import { now } from "@/lib/server/clock";
import { db } from "@/lib/db";
import { getLesson, listLessonSlugs } from "@/lib/content/server/lessons";
import { readJsonColumn } from "@/lib/json-column";
import { attemptQuiz, seedUnlike, VARIANT_FORMAT } from "@/lib/quiz/attempt-quiz";
import { nextVariants } from "@/lib/quiz/data/seen";
import { slotOfVariant } from "@/lib/quiz/instance";
import { requireQuiz } from "@/lib/quiz/server/attempt-access";
import type { AttemptState } from "@/lib/quiz/server/attempt-views";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import { toPublicOptions, toPublicQuiz } from "@/lib/quiz/server/public";
import { chosenOptionIdsSchema, conceptScoresSchema } from "@/lib/quiz/schema";
import { userViewer } from "@/lib/quiz/server/viewer";
import { AppError } from "@/lib/app-error";

// Spaced review: a day after a quiz attempt (or a review), a short set on the concepts the student
// last got wrong, in the variants they have seen least (lib/quiz/draw.ts: other stems, new numbers).
// Getting them right a day later is what moves a concept to "mastered" (lib/progress/mastery.ts).

export const REVIEW_DELAY_MS = 24 * 60 * 60 * 1000;
export const REVIEW_MAX_QUESTIONS = 6;

export type ReviewState =
  | { status: "none"; reason: "no-quiz" | "nothing-missed" }
  | { status: "waiting"; availableAt: string; concepts: string[]; questions: number }
  | { status: "due"; concepts: string[]; questions: number }
  | { status: "open"; attemptId: string; concepts: string[]; questions: number };

export class ReviewNotDueError extends AppError {
  constructor(message: string) {
    super("REVIEW_NOT_DUE", message);
  }
}

type Submitted = { id: string; kind: string; concepts: string | null; submittedAt: Date | null };

/** Per concept, the latest quiz or review credit (0 to 1); checks are practice and do not schedule reviews. */
function latestCredit(attempts: Submitted[]): Map<string, number> {
  const credit = new Map<string, number>();
  const ordered = [...attempts].sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
  for (const a of ordered) {
    const scores = readJsonColumn(conceptScoresSchema, a.concepts, `attempt ${a.id} concepts`) ?? {};
    for (const [concept, s] of Object.entries(scores)) if (s.total > 0) credit.set(concept, s.correct / s.total);
  }
  return credit;
}

/** The slots a review asks: those whose concept was last got wrong, weakest concepts first, at most REVIEW_MAX_QUESTIONS. */
function reviewSlots(lesson: string, credit: Map<string, number>): { slots: string[]; concepts: string[] } {
  const template = getQuizTemplate(lesson);
  if (!template) return { slots: [], concepts: [] };
  const missed = [...credit].filter(([, c]) => c < 0.999).sort((a, b) => a[1] - b[1]);
  const concepts = missed.map(([concept]) => concept);
  const slots = template.questions
    .filter((q) => concepts.includes(q.concept))
    .sort((a, b) => concepts.indexOf(a.concept) - concepts.indexOf(b.concept))
    .slice(0, REVIEW_MAX_QUESTIONS)
    .map((q) => q.id);
  return { slots, concepts: concepts.filter((c) => template.questions.some((q) => q.concept === c && slots.includes(q.id))) };
}

async function load(userId: string, lesson: string) {
  return db.quizAttempt.findMany({
    where: { userId, lessonSlug: lesson, source: "ACCOUNT" },
    select: { id: true, kind: true, status: true, concepts: true, submittedAt: true, slots: true },
  });
}

/** Where a student's spaced review of a lesson stands, on the app's clock. */
export async function getReviewState(userId: string, lesson: string, at = now(userId)): Promise<ReviewState> {
  if (!getQuizTemplate(lesson)) return { status: "none", reason: "no-quiz" };
  const attempts = await load(userId, lesson);
  const open = attempts.find((a) => a.kind === "REVIEW" && a.status === "IN_PROGRESS");
  const submitted = attempts.filter((a) => a.status === "SUBMITTED" && a.submittedAt);
  if (!submitted.some((a) => a.kind === "QUIZ")) return { status: "none", reason: "no-quiz" };
  if (open) {
    // Its slots column names the variants asked (format 3) or the slots (before).
    const slots = readJsonColumn(chosenOptionIdsSchema, open.slots, `review ${open.id} slots`) ?? [];
    const template = getQuizTemplate(lesson)!;
    const concepts = [...new Set(slots.map((id) => slotOfVariant(template, id)?.concept).filter((c): c is string => Boolean(c)))];
    return { status: "open", attemptId: open.id, concepts, questions: slots.length };
  }
  const { slots, concepts } = reviewSlots(lesson, latestCredit(submitted));
  if (!slots.length) return { status: "none", reason: "nothing-missed" };
  const last = Math.max(...submitted.map((a) => a.submittedAt!.getTime()));
  const availableAt = last + REVIEW_DELAY_MS;
  return at.getTime() >= availableAt
    ? { status: "due", concepts, questions: slots.length }
    : { status: "waiting", availableAt: new Date(availableAt).toISOString(), concepts, questions: slots.length };
}

/** The open review, or a new one when it is due. */
export async function startReview(userId: string, lesson: string): Promise<AttemptState> {
  const template = requireQuiz(lesson);
  const viewer = userViewer(userId);
  const state = await getReviewState(userId, lesson);
  if (state.status === "open") {
    const attempt = await db.quizAttempt.findUniqueOrThrow({
      where: { id: state.attemptId },
      include: { answers: { select: { questionId: true, optionIds: true } } },
    });
    const quiz = attemptQuiz(template, attempt);
    const answers = Object.fromEntries(
      attempt.answers.map((a) => [
        a.questionId,
        toPublicOptions(quiz, a.questionId, readJsonColumn(chosenOptionIdsSchema, a.optionIds, `answer ${a.questionId}`) ?? [], viewer),
      ]),
    );
    return { attemptId: attempt.id, answers, quiz: toPublicQuiz(quiz, viewer, attempt.seed) };
  }
  if (state.status !== "due") {
    throw new ReviewNotDueError(
      state.status === "waiting"
        ? "Your review is not open yet: it opens a day after your last attempt, so it tests what lasted."
        : "There is nothing to review: take the quiz first, or you got everything right.",
    );
  }
  const attempts = await load(userId, lesson);
  const { slots } = reviewSlots(lesson, latestCredit(attempts.filter((a) => a.status === "SUBMITTED" && a.submittedAt)));
  // The versions of these slots the student has seen least: other stems, new numbers.
  const chosen = slots.map((id) => template.questions.find((q) => q.id === id)!);
  const { variants, prompts, rotation } = await nextVariants(userId, template, chosen);
  const created = await db.quizAttempt.create({
    data: {
      userId,
      lessonSlug: lesson,
      kind: "REVIEW",
      seed: seedUnlike(template, variants, prompts),
      rotation,
      format: VARIANT_FORMAT,
      slots: JSON.stringify(variants),
      availableAt: now(userId),
      startedAt: now(userId),
    },
  });
  const quiz = attemptQuiz(template, created);
  return { attemptId: created.id, answers: {}, quiz: toPublicQuiz(quiz, viewer, created.seed) };
}

export type DueReview = { lesson: string; title: string; concepts: string[]; questions: number; status: "due" | "open" };

/** Reviews due now for the catalogue, one per lesson with a quiz. */
export async function listDueReviews(userId: string): Promise<DueReview[]> {
  const lessons = listLessonSlugs().filter((slug) => getQuizTemplate(slug));
  const states = await Promise.all(lessons.map(async (slug) => [slug, await getReviewState(userId, slug)] as const));
  return states.flatMap(([slug, state]) =>
    state.status === "due" || state.status === "open"
      ? [{ lesson: slug, title: getLesson(slug)!.title, concepts: state.concepts, questions: state.questions, status: state.status }]
      : [],
  );
}
