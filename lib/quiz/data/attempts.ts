import "server-only";
// A student's quiz attempts while they take them: start (or reopen), autosave, submit, and the
// submitted result shown again.
import { db } from "@/lib/db";
import { now } from "@/lib/server/clock";
import { attemptQuiz, seedUnlike, sheetOf, VARIANT_FORMAT } from "@/lib/quiz/attempt-quiz";
import { gradeAnswers, type AnswerSheet, type Grade } from "@/lib/quiz/grading";
import type { Quiz, QuizTemplate } from "@/lib/quiz/schema";
import { QuizAccessError, requireQuiz } from "@/lib/quiz/server/attempt-access";
import { stateOf, toCanonicalSheet, type AttemptState } from "@/lib/quiz/server/attempt-views";
import { toCanonicalOptions, StaleQuizError } from "@/lib/quiz/server/public";
import { userViewer } from "@/lib/quiz/server/viewer";
import { nextVariants } from "@/lib/quiz/data/seen";
import { enqueueQuizScores, kickScoreOutbox, quizScoreTargets } from "@/lib/lti/data/outbox";

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
 * A retake: a new attempt asking, in every slot, the variant the student has seen least (and
 * generated slots new numbers). An attempt still open is reused, not duplicated.
 */
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
  const { variants, prompts, rotation } = await nextVariants(userId, template);
  const seed = seedUnlike(template, variants, prompts);
  const created = await db.quizAttempt.create({
    data: {
      userId,
      lessonSlug: lesson,
      seed,
      rotation,
      format: VARIANT_FORMAT,
      slots: JSON.stringify(variants),
      kind: "QUIZ",
      startedAt: now(userId),
    },
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
  const close = {
    where: { id: attempt.id, status: "IN_PROGRESS" },
    data: { status: "SUBMITTED", score: grade.score, total: grade.total, concepts: JSON.stringify(grade.concepts), submittedAt },
  };
  // An account's quiz graded in an LMS course (LTI): its scores are queued with the close, in one
  // transaction (lib/lti/data/outbox.ts). Guest results and review sets grade nothing there.
  const graded = attempt.kind === "QUIZ" && attempt.source === "ACCOUNT" ? await quizScoreTargets(userId, input.lesson) : [];
  const moved = graded.length
    ? await db.$transaction(async (tx) => {
        const closed = await tx.quizAttempt.updateMany(close);
        const scored = { id: attempt.id, userId, lessonSlug: attempt.lessonSlug, score: grade.score, total: grade.total, submittedAt };
        if (closed.count === 1) await enqueueQuizScores(tx, graded, scored);
        return closed;
      })
    : await db.quizAttempt.updateMany(close);
  // Submitted twice at once: the other request's submit stands; show what is stored.
  if (moved.count === 0) return submittedView(template, attempt.id);
  if (graded.length) kickScoreOutbox();
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

