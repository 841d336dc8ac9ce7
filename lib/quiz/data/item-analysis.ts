import "server-only";
import { db } from "@/lib/db";
import { AuthorizationError } from "@/lib/auth/errors";
import { hasRole } from "@/lib/auth/roles";
import type { PublicUser } from "@/lib/auth/data/users";
import { readJsonColumn } from "@/lib/json-column";
import { analyseQuiz, type AnalysedAttempt, type QuizAnalysis } from "@/lib/quiz/analysis";
import { getQuizWithKey } from "@/lib/quiz/server/content";
import { UnknownQuizError } from "@/lib/quiz/server/attempt-access";
import { chosenOptionIdsSchema } from "@/lib/quiz/schema";

export const ATTEMPT_SCOPES = ["first", "all"] as const;
/** `first`: each student's first submitted attempt taken signed in; `all`: every submitted one. */
export type AttemptScope = (typeof ATTEMPT_SCOPES)[number];

export type ItemAnalysisView = {
  lesson: string;
  title: string;
  scope: AttemptScope;
  /** attempts in each scope, for the toggle */
  counts: Record<AttemptScope, number>;
  students: number;
  analysis: QuizAnalysis;
  /** submitted retakes that asked other versions of the questions, not in these figures */
  otherVersions: number;
};

// Every slot's first variant: each student's first attempt shows them (retakes rotate to other
// variants, which are different questions). Generated slots keep their options' roles (the key
// first, then the same misconceptions) whatever numbers were drawn.
const inScope = (lesson: string) => ({ lessonSlug: lesson, status: "SUBMITTED", source: "ACCOUNT", kind: "QUIZ", rotation: 0 });
const answerFields = { attemptId: true, questionId: true, optionIds: true } as const;
// Bound parameters per statement stay well under SQLite's and PostgreSQL's limits.
const IDS_PER_QUERY = 500;

async function loadAnswers(lesson: string, attemptIds: string[] | null) {
  if (attemptIds === null) return db.quizAnswer.findMany({ where: { attempt: inScope(lesson) }, select: answerFields });
  const chunks: string[][] = [];
  for (let i = 0; i < attemptIds.length; i += IDS_PER_QUERY) chunks.push(attemptIds.slice(i, i + IDS_PER_QUERY));
  const batches = await Promise.all(
    chunks.map((chunk) => db.quizAnswer.findMany({ where: { attemptId: { in: chunk } }, select: answerFields })),
  );
  return batches.flat();
}

/**
 * Item analysis of a lesson's quiz for instructors, in two queries: the submitted attempts (ids
 * only), then the answers of those in scope (in batches of 500 ids for first attempts). Guest results that joined an account carry a score
 * but no answers, so they are left out; so is any attempt still in progress.
 */
export async function getItemAnalysis(viewer: PublicUser, lesson: string, scope: AttemptScope): Promise<ItemAnalysisView> {
  if (!hasRole(viewer, "INSTRUCTOR")) throw new AuthorizationError(403, "This is for instructors only.");
  const quiz = getQuizWithKey(lesson);
  if (!quiz) throw new UnknownQuizError();
  const [submitted, otherVersions] = await Promise.all([
    db.quizAttempt.findMany({
      where: inScope(lesson),
      select: { id: true, userId: true },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    }),
    db.quizAttempt.count({ where: { ...inScope(lesson), rotation: { gt: 0 } } }),
  ]);
  const firstIds = new Map<string, string>();
  for (const a of submitted) if (!firstIds.has(a.userId)) firstIds.set(a.userId, a.id);
  const ids = scope === "first" ? [...firstIds.values()] : submitted.map((a) => a.id);

  const rows = await loadAnswers(lesson, scope === "all" ? null : ids);
  const sheets = new Map<string, AnalysedAttempt>(ids.map((id) => [id, { answers: {} }]));
  for (const row of rows) {
    const sheet = sheets.get(row.attemptId);
    // An attempt submitted between the two queries is not in this view.
    if (!sheet) continue;
    const chosen = readJsonColumn(chosenOptionIdsSchema, row.optionIds, `answer ${row.questionId} of attempt ${row.attemptId}`);
    if (chosen) sheet.answers[row.questionId] = chosen;
  }

  return {
    lesson,
    title: quiz.title,
    scope,
    counts: { first: firstIds.size, all: submitted.length },
    otherVersions,
    students: firstIds.size,
    analysis: analyseQuiz(quiz, [...sheets.values()]),
  };
}
