import "server-only";
// A student's submitted quiz attempts over time: best and latest per lesson, guest results joined
// at sign-in, and the graded history the student and their instructor read.
import { db } from "@/lib/db";
import { getLesson } from "@/lib/content/server/lessons";
import { attemptQuiz, sheetOf } from "@/lib/quiz/attempt-quiz";
import { gradeAnswers, type GradedQuestion } from "@/lib/quiz/grading";
import type { QuizProgress, QuizResult } from "@/lib/quiz/result";
import { conceptScoresSchema, type Quiz } from "@/lib/quiz/schema";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import { isGenuineQuizResult } from "@/lib/quiz/server/guest-results";
import { readJsonColumn } from "@/lib/json-column";

export type SubmittedAttemptRow = {
  lessonSlug: string;
  score: number | null;
  total: number | null;
  submittedAt: Date | null;
  concepts: string | null;
};

/** Best and latest per lesson from submitted quiz attempts (not reviews), oldest first. */
export function quizProgressFrom(attempts: readonly SubmittedAttemptRow[]): QuizProgress {
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

/** The scores of a student's submitted quiz attempts at a lesson, oldest first: for where one attempt stands. */
export async function listAttemptScores(userId: string, lesson: string): Promise<{ id: string; score: number; total: number }[]> {
  const attempts = await db.quizAttempt.findMany({
    where: { userId, lessonSlug: lesson, status: "SUBMITTED", kind: "QUIZ" },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    select: { id: true, score: true, total: true },
    take: 200,
  });
  return attempts.flatMap((a) => (a.score === null || !a.total ? [] : [{ id: a.id, score: a.score, total: a.total }]));
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
