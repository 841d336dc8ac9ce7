import "server-only";
import { db } from "@/lib/db";
import { getLesson } from "@/lib/content/server/lessons";
import { now } from "@/lib/server/clock";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import { instantiateQuiz } from "@/lib/quiz/instance";
import { gradeAnswers, type AnswerSheet, type Grade, type GradedQuestion } from "@/lib/quiz/grading";
import { toCanonicalOptions, toPublicOptions, toPublicQuiz, StaleQuizError } from "@/lib/quiz/server/public";
import type { PublicQuiz } from "@/lib/quiz/types";
import { signGuestAttempt, userViewer, type GuestAttempt, type QuizViewer } from "@/lib/quiz/server/viewer";
import { newSeed } from "@/lib/quiz/shuffle";
import type { Quiz, QuizTemplate } from "@/lib/quiz/schema";
import type { QuizProgress, QuizResult } from "@/lib/quiz/result";
import { isGenuineQuizResult } from "@/lib/quiz/server/guest-results";
import { AppError } from "@/lib/app-error";
import { readJsonColumn } from "@/lib/json-column";
import { chosenOptionIdsSchema, conceptScoresSchema } from "@/lib/quiz/schema";
import { z } from "zod";

export class QuizAccessError extends AppError {
  constructor(message: string) {
    super("QUIZ_ACCESS", message, { status: 404 });
  }
}

export class UnknownQuizError extends AppError {
  constructor() {
    super("UNKNOWN_QUIZ", "There is no quiz for this lesson.", { status: 404 });
  }
}

export function requireQuiz(lesson: string): QuizTemplate {
  const quiz = getQuizTemplate(lesson);
  if (!quiz) throw new UnknownQuizError();
  return quiz;
}

/** Attempts written since quiz variants (every later attempt); older ones showed each slot's first variant and worked examples. */
export const VARIANT_FORMAT = 2;

const slotsSchema = z.array(z.string());

/** The questions an attempt showed: its seed, its rotation and, for a review, its slots. */
export function attemptQuiz(
  template: QuizTemplate,
  attempt: { id?: string; seed: string; rotation: number; format: number; slots: string | null },
): Quiz {
  const slots = readJsonColumn(slotsSchema, attempt.slots, `attempt ${attempt.id ?? "?"} slots`) ?? undefined;
  return attempt.format >= VARIANT_FORMAT
    ? instantiateQuiz(template, { seed: attempt.seed, rotation: attempt.rotation, slots })
    : instantiateQuiz(template, { seed: attempt.seed, rotation: 0, examples: true, slots });
}

/** The questions a guest's attempt shows (lib/quiz/instance.ts: never a slot's first variant). */
export function guestQuiz(template: QuizTemplate, attempt: GuestAttempt): Quiz {
  return instantiateQuiz(template, { seed: attempt.seed, rotation: attempt.rotation, audience: "guest" });
}

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
export type AttemptState = { attemptId: string; answers: Record<string, string[]>; quiz: PublicQuiz };

const attemptFields = { id: true, seed: true, rotation: true, format: true, slots: true, kind: true } as const;

async function loadOwnAttempt(userId: string, attemptId: string, lesson: string, { withAnswers = true } = {}) {
  const attempt = await db.quizAttempt.findUnique({
    where: { id: attemptId },
    include: { answers: withAnswers ? { select: { questionId: true, optionIds: true } } : false },
  });
  if (!attempt || attempt.lessonSlug !== lesson)
    throw new QuizAccessError("That quiz attempt does not exist. Reload the quiz to start again.");
  if (attempt.userId !== userId) throw new QuizAccessError("That quiz attempt belongs to another account.");
  return attempt;
}

function sheetOf(answers: { questionId: string; optionIds: string }[]): AnswerSheet {
  return Object.fromEntries(
    answers.map((a) => [a.questionId, readJsonColumn(chosenOptionIdsSchema, a.optionIds, `answer ${a.questionId}`) ?? []]),
  );
}

function publicSheet(quiz: Quiz, sheet: AnswerSheet, viewer: QuizViewer): Record<string, string[]> {
  return Object.fromEntries(Object.entries(sheet).map(([q, ids]) => [q, toPublicOptions(quiz, q, ids, viewer)]));
}

function stateOf(
  template: QuizTemplate,
  attempt: { id: string; seed: string; rotation: number; format: number; slots: string | null },
  sheet: AnswerSheet,
  userId: string,
): AttemptState {
  const viewer = userViewer(userId);
  const quiz = attemptQuiz(template, attempt);
  return { attemptId: attempt.id, answers: publicSheet(quiz, sheet, viewer), quiz: toPublicQuiz(quiz, viewer, attempt.seed) };
}

/** The student's open attempt at this quiz, or a new one. */
export async function getOrStartAttempt(userId: string, lesson: string): Promise<AttemptState> {
  const template = requireQuiz(lesson);
  const open = await db.quizAttempt.findFirst({
    where: { userId, lessonSlug: lesson, status: "IN_PROGRESS", kind: "QUIZ" },
    orderBy: { startedAt: "desc" },
    include: { answers: { select: { questionId: true, optionIds: true } } },
  });
  if (open) return stateOf(template, open, sheetOf(open.answers), userId);
  return startAttempt(userId, lesson);
}

/**
 * A retake: a new attempt with a new seed and the next rotation, so every slot shows its next
 * variant (and generated slots new numbers). An attempt still open is reused, not duplicated.
 */
/**
 * A seed whose drawn numbers differ from the previous attempt's in every generated question: a
 * generator has a handful of sizes and models to draw from, so two seeds can draw the same ones
 * (about one retake in ten for some slot), and a retake must be a different quiz.
 */
function seedUnlike(template: QuizTemplate, rotation: number, previous: Parameters<typeof attemptQuiz>[1] | null): string {
  if (!previous) return newSeed();
  const before = new Set(attemptQuiz(template, previous).questions.map((q) => q.prompt));
  let seed = newSeed();
  for (let tries = 0; tries < 20; tries++) {
    const drawn = attemptQuiz(template, { ...previous, seed, rotation, format: VARIANT_FORMAT, slots: null });
    const generated = drawn.questions.filter((q) => template.questions.find((s) => s.id === q.id)?.generator);
    if (generated.every((q) => !before.has(q.prompt))) break;
    seed = newSeed();
  }
  return seed;
}

export async function startAttempt(userId: string, lesson: string): Promise<AttemptState> {
  const template = requireQuiz(lesson);
  const open = await db.quizAttempt.findFirst({
    where: { userId, lessonSlug: lesson, status: "IN_PROGRESS", kind: "QUIZ" },
    select: attemptFields,
  });
  if (open) {
    await db.quizAnswer.deleteMany({ where: { attemptId: open.id } });
    return stateOf(template, open, {}, userId);
  }
  const [rotation, previous] = await Promise.all([
    db.quizAttempt.count({ where: { userId, lessonSlug: lesson, kind: "QUIZ", source: "ACCOUNT" } }),
    db.quizAttempt.findFirst({
      where: { userId, lessonSlug: lesson, kind: "QUIZ", source: "ACCOUNT" },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      select: attemptFields,
    }),
  ]);
  const seed = seedUnlike(template, rotation, previous);
  const created = await db.quizAttempt.create({
    data: { userId, lessonSlug: lesson, seed, rotation, format: VARIANT_FORMAT, kind: "QUIZ", startedAt: now(userId) },
    select: attemptFields,
  });
  return stateOf(template, created, {}, userId);
}

/** Saves one question's answer as it changes (idempotent: one row per attempt and question). */
export async function saveAnswer(
  userId: string,
  input: { lesson: string; attemptId: string; questionId: string; optionIds: string[] },
): Promise<void> {
  const template = requireQuiz(input.lesson);
  const attempt = await loadOwnAttempt(userId, input.attemptId, input.lesson, { withAnswers: false });
  const quiz = attemptQuiz(template, attempt);
  const question = quiz.questions.find((q) => q.id === input.questionId);
  if (!question) throw new StaleQuizError();
  const canonical = toCanonicalOptions(quiz, question, input.optionIds, userViewer(userId));
  if (attempt.status !== "IN_PROGRESS") throw new QuizAccessError("This attempt was already submitted. Start a retake to answer again.");
  const key = { attemptId_questionId: { attemptId: attempt.id, questionId: question.id } };
  if (canonical.length === 0) await db.quizAnswer.deleteMany({ where: { attemptId: attempt.id, questionId: question.id } });
  else
    await db.quizAnswer.upsert({
      where: key,
      create: { attemptId: attempt.id, questionId: question.id, optionIds: JSON.stringify(canonical) },
      update: { optionIds: JSON.stringify(canonical) },
    });
}

export type SubmittedAttempt = {
  attemptId: string;
  kind: string;
  seed: string;
  /** the questions this attempt showed, with their key */
  quiz: Quiz;
  grade: Grade;
  sheet: AnswerSheet;
  submittedAt: Date;
  /** this attempt's number among the student's submitted attempts of its kind (1 for the first) */
  number: number;
  /** the student's submitted attempts of its kind, all of them */
  submitted: number;
};

/**
 * Grades and closes an attempt, once: a second submit (double click, second tab) gets the same
 * result back and records nothing new. The answers sent with the submit are saved first, so an
 * answer whose autosave had not landed yet still counts.
 */
export async function submitAttempt(
  userId: string,
  input: { lesson: string; attemptId: string; answers: Record<string, string[]> },
): Promise<SubmittedAttempt> {
  const template = requireQuiz(input.lesson);
  const attempt = await loadOwnAttempt(userId, input.attemptId, input.lesson);
  const quiz = attemptQuiz(template, attempt);
  const incoming = toCanonicalSheet(quiz, input.answers, userViewer(userId));
  if (attempt.status === "SUBMITTED") return submittedView(template, attempt.id);

  // Autosave has usually stored every answer already: write only those that differ, and grade the
  // sheet in memory (the stored answers with the submitted ones over them, which is what the
  // database holds afterwards). No transaction: the answers are plain upserts (an answer saved and
  // an attempt left open is a state autosave makes all the time), and the status change is one
  // conditional statement, so a class submitting at once queues behind nothing longer than that.
  const stored = sheetOf(attempt.answers);
  const changed = Object.entries(incoming).filter(([questionId, ids]) => JSON.stringify(stored[questionId] ?? []) !== JSON.stringify(ids));
  const sheet: AnswerSheet = { ...stored, ...incoming };
  const grade = gradeAnswers(quiz, sheet);
  const submittedAt = now(userId);
  for (const [questionId, ids] of changed)
    await db.quizAnswer.upsert({
      where: { attemptId_questionId: { attemptId: attempt.id, questionId } },
      create: { attemptId: attempt.id, questionId, optionIds: JSON.stringify(ids) },
      update: { optionIds: JSON.stringify(ids) },
    });
  // Only the first submit moves the attempt out of IN_PROGRESS.
  const moved = await db.quizAttempt.updateMany({
    where: { id: attempt.id, status: "IN_PROGRESS" },
    data: { status: "SUBMITTED", score: grade.score, total: grade.total, concepts: JSON.stringify(grade.concepts), submittedAt },
  });
  // Submitted twice at once: the other request's submit stands; show what is stored.
  if (moved.count === 0) return submittedView(template, attempt.id);
  const { number, submitted } = await attemptPosition(attempt);
  return { attemptId: attempt.id, kind: attempt.kind, seed: attempt.seed, quiz, grade, sheet, submittedAt, number, submitted };
}

/** Where an attempt stands among the student's submitted attempts of its kind: one query for both numbers. */
async function attemptPosition(attempt: {
  id: string;
  userId: string;
  lessonSlug: string;
  kind: string;
}): Promise<{ number: number; submitted: number }> {
  const all = await db.quizAttempt.findMany({
    where: { userId: attempt.userId, lessonSlug: attempt.lessonSlug, status: "SUBMITTED", kind: attempt.kind },
    select: { id: true, submittedAt: true },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
  });
  const index = all.findIndex((a) => a.id === attempt.id);
  return { number: index < 0 ? all.length + 1 : index + 1, submitted: Math.max(all.length, index + 1) };
}

async function submittedView(template: QuizTemplate, attemptId: string): Promise<SubmittedAttempt> {
  const attempt = await db.quizAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    include: { answers: { select: { questionId: true, optionIds: true } } },
  });
  const quiz = attemptQuiz(template, attempt);
  const sheet = sheetOf(attempt.answers);
  const submittedAt = attempt.submittedAt ?? now(attempt.userId);
  const { number, submitted } = await attemptPosition(attempt);
  return {
    attemptId,
    kind: attempt.kind,
    seed: attempt.seed,
    quiz,
    grade: gradeAnswers(quiz, sheet),
    sheet,
    submittedAt,
    number,
    submitted,
  };
}

/** A submitted attempt of the user's own, to show its results again. */
export async function getSubmittedAttempt(userId: string, lesson: string, attemptId: string): Promise<SubmittedAttempt | null> {
  const template = requireQuiz(lesson);
  try {
    const attempt = await loadOwnAttempt(userId, attemptId, lesson);
    if (attempt.status !== "SUBMITTED") return null;
    return submittedView(template, attempt.id);
  } catch (error) {
    if (error instanceof QuizAccessError) return null;
    throw error;
  }
}

/** Best (highest, earliest) and latest results per lesson, with the latest per-concept scores. */
export async function getQuizProgress(userId: string): Promise<QuizProgress> {
  const attempts = await db.quizAttempt.findMany({
    where: { userId, status: "SUBMITTED", kind: "QUIZ" },
    select: { lessonSlug: true, score: true, total: true, submittedAt: true, concepts: true },
    orderBy: { submittedAt: "asc" },
  });
  const out: QuizProgress = {};
  for (const a of attempts) {
    if (a.score === null || !a.total || !a.submittedAt) continue;
    const result: QuizResult = {
      score: a.score,
      total: a.total,
      at: a.submittedAt.toISOString(),
      ...(a.concepts ? { concepts: readJsonColumn(conceptScoresSchema, a.concepts, `attempt concepts (${a.lessonSlug})`) ?? {} } : {}),
    };
    const entry = (out[a.lessonSlug] ??= {});
    if (!entry.best || result.score / result.total > entry.best.score / entry.best.total) entry.best = result;
    entry.latest = result;
  }
  return out;
}

/**
 * Results a guest earned in this browser join the account as attempts of their own (no answers,
 * source GUEST), once each. Only results this server signed are taken.
 */
export async function importGuestResults(userId: string, quizzes: QuizProgress): Promise<number> {
  let imported = 0;
  for (const [lesson, entry] of Object.entries(quizzes)) {
    if (!getLesson(lesson) || !getQuizTemplate(lesson)) continue;
    const results = [entry.best, entry.latest].filter((r): r is QuizResult => Boolean(r && isGenuineQuizResult(lesson, r)));
    for (const r of results) {
      const exists = await db.quizAttempt.findUnique({ where: { importKey: r.sig! }, select: { id: true } });
      if (exists) continue;
      await db.quizAttempt
        .create({
          data: {
            userId,
            lessonSlug: lesson,
            seed: "guest",
            status: "SUBMITTED",
            source: "GUEST",
            importKey: r.sig!,
            score: r.score,
            total: r.total,
            concepts: r.concepts ? JSON.stringify(r.concepts) : null,
            startedAt: new Date(r.at),
            submittedAt: new Date(r.at),
          },
        })
        .then(() => imported++)
        // A merge from another tab got there first: the unique import key keeps it to one row.
        .catch((error: { code?: string }) => {
          if (error.code !== "P2002") throw error;
        });
    }
  }
  return imported;
}

export type AttemptRecord = {
  id: string;
  source: string;
  startedAt: string;
  submittedAt: string;
  score: number;
  total: number;
  /** the questions this attempt showed (its own variants and numbers) */
  quiz: Quiz;
  questions: GradedQuestion[];
};

/**
 * Every submitted quiz attempt of a student at a lesson, oldest first, graded question by question
 * against the questions it showed. For the student's own history and the instructor's student page
 * (which also shows the keys); callers check who may see it.
 */
export async function listAttemptHistory(userId: string, lesson: string): Promise<AttemptRecord[]> {
  const template = getQuizTemplate(lesson);
  if (!template) return [];
  const attempts = await db.quizAttempt.findMany({
    where: { userId, lessonSlug: lesson, status: "SUBMITTED", kind: "QUIZ" },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    include: { answers: { select: { questionId: true, optionIds: true } } },
    take: 200,
  });
  return attempts.map((a) => {
    const quiz = attemptQuiz(template, a);
    const grade = gradeAnswers(quiz, sheetOf(a.answers));
    return {
      id: a.id,
      source: a.source,
      startedAt: a.startedAt.toISOString(),
      submittedAt: (a.submittedAt ?? a.startedAt).toISOString(),
      // A guest result joined at sign-in has no answers here: its stored score stands.
      score: a.answers.length ? grade.score : (a.score ?? 0),
      total: a.total ?? grade.total,
      quiz,
      questions: a.answers.length ? grade.questions : [],
    };
  });
}
