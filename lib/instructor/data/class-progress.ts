import "server-only";
import { db } from "@/lib/db";
import { studentOf, submittedToOrDraft, type InstructorScope } from "@/lib/classes/data/scope";
import { getLesson } from "@/lib/content/server/lessons";
import { sectionSteps } from "@/lib/content/path";
import { ratio, type ClassRow, type Score } from "@/lib/instructor/class-rows";
import type { SubmissionState } from "@/lib/submissions/schemas";

// Who is where: one row per student for the class table, from a handful of grouped queries (never
// one query per student), then searched, filtered and sorted in memory (a class is hundreds).

export const FLAGSHIP = "local-qwen-vl";

// The pure half (row types, filters, sorting, totals), here too for the pages that read both.
export {
  CLASS_FILTERS,
  CLASS_SORTS,
  selectRows,
  totalsOf,
  type ClassFilter,
  type ClassRow,
  type ClassSort,
  type ClassTotals,
  type Score,
} from "@/lib/instructor/class-rows";

const later = (a: Date | null | undefined, b: Date | null | undefined) => (!a ? (b ?? null) : !b ? a : a > b ? a : b);

/** The progress on the flagship lesson of every student in the scope's classes. */
export async function listClassProgress(scope: InstructorScope, lesson = FLAGSHIP): Promise<ClassRow[]> {
  const user = studentOf(scope.classIds);
  // The sections a student marks done; runs, the quiz and the write-up have their own columns.
  const stepsTotal = sectionSteps(getLesson(lesson)?.path ?? []).length;
  const [students, steps, visits, attempts, runs, submissions] = await Promise.all([
    db.user.findMany({
      where: { role: "STUDENT", ...user },
      select: { id: true, name: true, email: true, createdAt: true },
      orderBy: { createdAt: "asc" },
      take: 5000,
    }),
    db.stepProgress.groupBy({ by: ["userId"], where: { lessonSlug: lesson, user }, _count: { _all: true }, _max: { doneAt: true } }),
    db.lessonVisit.groupBy({ by: ["userId"], where: { user }, _max: { visitedAt: true } }),
    db.quizAttempt.findMany({
      where: { lessonSlug: lesson, status: "SUBMITTED", score: { not: null }, total: { gt: 0 }, user },
      select: { userId: true, score: true, total: true, submittedAt: true, source: true },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    }),
    db.labRun.groupBy({ by: ["userId"], where: { lessonSlug: lesson, user }, _count: { _all: true }, _max: { createdAt: true } }),
    db.labSubmission.findMany({
      // A write-up submitted to another class of the student's is not this class's.
      where: { lessonSlug: lesson, user, ...submittedToOrDraft(scope.classIds) },
      select: { id: true, userId: true, state: true, currentVersion: true, updatedAt: true },
    }),
  ]);
  const stepsBy = new Map(steps.map((s) => [s.userId, s]));
  const visitsBy = new Map(visits.map((v) => [v.userId, v._max.visitedAt]));
  const runsBy = new Map(runs.map((r) => [r.userId, r]));
  const submissionBy = new Map(submissions.map((s) => [s.userId, s]));
  const quizBy = new Map<string, ClassRow["quiz"] & { lastAt: Date | null }>();
  for (const a of attempts) {
    const score: Score = { score: a.score!, total: a.total!, at: (a.submittedAt ?? new Date(0)).toISOString() };
    const entry = quizBy.get(a.userId) ?? { attempts: 0, first: null, best: null, latest: null, lastAt: null };
    entry.attempts++;
    // A guest result joined at sign-in counts for best and latest, not as a first attempt.
    if (!entry.first && a.source === "ACCOUNT") entry.first = score;
    if (ratio(score) > ratio(entry.best)) entry.best = score;
    entry.latest = score;
    entry.lastAt = later(entry.lastAt, a.submittedAt);
    quizBy.set(a.userId, entry);
  }
  return students.map((s) => {
    const quiz = quizBy.get(s.id);
    const run = runsBy.get(s.id);
    const submission = submissionBy.get(s.id);
    const stepRow = stepsBy.get(s.id);
    const lastActive = [
      visitsBy.get(s.id),
      stepRow?._max.doneAt,
      quiz?.lastAt,
      run?._max.createdAt,
      submission?.updatedAt,
    ].reduce<Date | null>((a, b) => later(a, b ?? null), null);
    return {
      id: s.id,
      name: s.name,
      email: s.email,
      joinedAt: s.createdAt.toISOString(),
      stepsDone: stepRow?._count._all ?? 0,
      stepsTotal,
      quiz: quiz
        ? { attempts: quiz.attempts, first: quiz.first, best: quiz.best, latest: quiz.latest }
        : { attempts: 0, first: null, best: null, latest: null },
      labRuns: run?._count._all ?? 0,
      submission: submission ? { id: submission.id, state: submission.state as SubmissionState, version: submission.currentVersion } : null,
      lastActive: lastActive?.toISOString() ?? null,
    };
  });
}
