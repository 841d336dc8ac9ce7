import "server-only";
import { db } from "@/lib/db";
import { studentOf, submittedToOrDraft, type InstructorScope } from "@/lib/classes/data/scope";
import { getLesson } from "@/lib/content/server/lessons";
import { labActivity } from "@/lib/lab/data/progress";
import { pathProgress, storedProgressDoc, type PathProgress } from "@/lib/progress/path-progress";
import { SUBMISSION_STATES, type SubmissionState } from "@/lib/submissions/schemas";

// Students' progress through a lesson as the instructor sees it, counted by the same definition the
// students see (lib/progress/path-progress.ts): sections marked done that are still on the path, a
// graded quiz, a finished run, a write-up submitted and not waiting on the student. A handful of
// grouped queries for the whole class, never one per student.

const isSubmissionState = (state: string): state is SubmissionState => (SUBMISSION_STATES as readonly string[]).includes(state);

/**
 * Each student's progress through `lesson` (every student of the scope's classes, or those named),
 * by user id. `classIds`: the classes to read (the picker's by default; a student page passes every
 * class taught).
 */
export async function listPathProgress(
  scope: InstructorScope,
  lesson: string,
  { userIds, classIds = scope.classIds }: { userIds?: readonly string[]; classIds?: readonly string[] } = {},
): Promise<Map<string, PathProgress>> {
  const file = getLesson(lesson);
  const out = new Map<string, PathProgress>();
  if (!file) return out;
  const who = { ...(userIds ? { userId: { in: [...userIds] } } : {}), user: studentOf(classIds) };
  const [sections, quizzes, runs, submissions] = await Promise.all([
    db.stepProgress.findMany({ where: { lessonSlug: lesson, ...who }, select: { userId: true, step: true, doneAt: true } }),
    // As the student's own progress reads it (lib/quiz/data/attempt-history.ts): a graded quiz, not a review.
    db.quizAttempt.groupBy({
      by: ["userId"],
      where: { lessonSlug: lesson, status: "SUBMITTED", kind: "QUIZ", score: { not: null }, total: { gt: 0 }, submittedAt: { not: null }, ...who },
      _max: { submittedAt: true },
    }),
    db.labRun.groupBy({ by: ["userId"], where: { lessonSlug: lesson, status: "DONE", ...who }, _count: { _all: true } }),
    db.labSubmission.findMany({ where: { lessonSlug: lesson, ...who, ...submittedToOrDraft(classIds) }, select: { id: true, userId: true, state: true } }),
  ]);
  const ids = new Set([...(userIds ?? []), ...sections.map((s) => s.userId), ...quizzes.map((q) => q.userId)]);
  for (const r of runs) ids.add(r.userId);
  for (const s of submissions) ids.add(s.userId);
  const sectionsBy = new Map<string, { step: string; doneAt: string }[]>();
  for (const s of sections) {
    const list = sectionsBy.get(s.userId) ?? [];
    list.push({ step: s.step, doneAt: s.doneAt.toISOString() });
    sectionsBy.set(s.userId, list);
  }
  const quizBy = new Map(quizzes.map((q) => [q.userId, q._max.submittedAt?.toISOString() ?? null]));
  const runsBy = new Map(runs.map((r) => [r.userId, r._count._all]));
  const submissionBy = new Map(submissions.map((s) => [s.userId, s]));
  for (const id of ids) {
    const doc = storedProgressDoc(lesson, {
      sections: sectionsBy.get(id) ?? [],
      quizGradedAt: quizBy.get(id) ?? null,
    });
    const submission = submissionBy.get(id);
    // The same reading of runs and write-ups as the student's lesson map (lib/lab/data/progress.ts).
    const activity = file.lab
      ? labActivity({
          latestRun: null,
          finishedRuns: runsBy.get(id) ?? 0,
          writeUp:
            submission && isSubmissionState(submission.state)
              ? { submissionId: submission.id, state: submission.state, submittedAt: null }
              : null,
        })
      : null;
    out.set(id, pathProgress(doc, lesson, file.path, activity));
  }
  return out;
}

/** Nobody's progress: what a student with no row in any table has done. */
export function noProgress(lesson: string): PathProgress {
  return pathProgress(storedProgressDoc(lesson, { sections: [], quizGradedAt: null }), lesson, getLesson(lesson)?.path ?? []);
}
