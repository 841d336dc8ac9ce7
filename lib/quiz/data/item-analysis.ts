import "server-only";
import { db } from "@/lib/db";
import { studentOf, type InstructorScope } from "@/lib/classes/data/scope";
import { readJsonColumn } from "@/lib/json-column";
import { analyseQuiz, versionCatalogue, type AnalysedAttempt, type AttemptScope, type QuizAnalysis } from "@/lib/quiz/analysis";
import { attemptQuiz } from "@/lib/quiz/attempt-quiz";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import { UnknownQuizError } from "@/lib/quiz/server/attempt-access";
import { chosenOptionIdsSchema } from "@/lib/quiz/schema";

export { ATTEMPT_SCOPES, type AttemptScope } from "@/lib/quiz/analysis";

export type ItemAnalysisView = {
  lesson: string;
  title: string;
  scope: AttemptScope;
  /** attempts in each scope, for the toggle */
  counts: Record<AttemptScope, number>;
  students: number;
  analysis: QuizAnalysis;
  /** submitted retakes: they asked other versions of the questions (their rows under each question) */
  otherVersions: number;
};

// Whole-quiz attempts taken signed in. Guest results that joined an account carry a score but no
// answers, review sets ask only a few slots, and an attempt still in progress has no grade.
// Only the students of the classes shown (an instructor's own tries are in no class as a student).
const inScope = (lesson: string, classIds: readonly string[]) => ({
  lessonSlug: lesson,
  status: "SUBMITTED",
  source: "ACCOUNT",
  kind: "QUIZ",
  user: studentOf(classIds),
});
const attemptFields = { id: true, userId: true, seed: true, rotation: true, format: true, slots: true } as const;

/**
 * Item analysis of a lesson's quiz for instructors, in two queries: the submitted attempts (with
 * what decides the questions each showed), then their answers. Every attempt is rebuilt to the
 * questions it asked (its versions, its drawn numbers) and graded again against them, so each
 * response scores the credit the student was given.
 */
export async function getItemAnalysis(classScope: InstructorScope, lesson: string, scope: AttemptScope): Promise<ItemAnalysisView> {
  const template = getQuizTemplate(lesson);
  if (!template) throw new UnknownQuizError();
  const submitted = await db.quizAttempt.findMany({
    where: inScope(lesson, classScope.classIds),
    select: attemptFields,
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
  });
  const rows = await db.quizAnswer.findMany({ where: { attempt: inScope(lesson, classScope.classIds) }, select: { attemptId: true, questionId: true, optionIds: true } });

  const attempts = new Map<string, AnalysedAttempt>(
    submitted.map((a) => [a.id, { student: a.userId, quiz: attemptQuiz(template, a), answers: {} }]),
  );
  for (const row of rows) {
    const attempt = attempts.get(row.attemptId);
    // An attempt submitted between the two queries is not in this view.
    if (!attempt) continue;
    const chosen = readJsonColumn(chosenOptionIdsSchema, row.optionIds, `answer ${row.questionId} of attempt ${row.attemptId}`);
    if (chosen) attempt.answers[row.questionId] = chosen;
  }

  const analysis = analyseQuiz(versionCatalogue(template), [...attempts.values()], { scope });
  return {
    lesson,
    title: template.title,
    scope,
    counts: { first: analysis.students, all: submitted.length },
    otherVersions: submitted.filter((a) => a.rotation > 0).length,
    students: analysis.students,
    analysis,
  };
}
