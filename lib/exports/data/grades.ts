import "server-only";
import { db } from "@/lib/db";
import { studentOf, submittedToOrDraft, type InstructorScope } from "@/lib/classes/data/scope";
import { readJsonColumn } from "@/lib/json-column";
import { getFirstAndBestScores, type FirstAndBest } from "@/lib/quiz/data/class-scores";
import { csvRow, UTF8_BOM, type CsvValue } from "@/lib/exports/csv";
import { roundTo } from "@/lib/format/measure";
import { getRubric } from "@/lib/submissions/server/rubric";
import { rubricLevelsSchema, STATE_LABELS, type RubricLevels, type SubmissionState } from "@/lib/submissions/schemas";
import { scoreRubric, type Rubric } from "@/lib/submissions/scoring";
import { LAB_LESSON } from "@/lib/submissions/data/store";

// The grade book: one row per student, written page by page (keyset on email) so a class of any
// size streams in constant memory.

export type GradedReview = { version: number; levels: RubricLevels; grade: number | null; feedback: string };

export type GradeRowInput = {
  name: string | null;
  email: string;
  quiz: FirstAndBest | undefined;
  submission: { state: SubmissionState; review: GradedReview | null } | null;
};

export function gradesHeader(rubric: Rubric): string[] {
  return [
    "Name",
    "Email",
    "Quiz first score",
    "Quiz first out of",
    "Quiz best score",
    "Quiz best out of",
    ...rubric.criteria.map((c) => `Rubric: ${c.title}`),
    "Grade",
    "Max grade",
    "Feedback",
    "Submission state",
    "Graded version",
  ];
}

/** Scores go in their own columns: "9/15" in a spreadsheet becomes the 9th of September. */
export function gradeRow(rubric: Rubric, input: GradeRowInput): CsvValue[] {
  const review = input.submission?.review ?? null;
  const levelTitle = (criterionId: string, levelId: string | undefined) =>
    rubric.criteria.find((c) => c.id === criterionId)?.levels.find((l) => l.id === levelId)?.title ?? "";
  return [
    input.name ?? "",
    input.email,
    // Partial credit to one decimal, as every page writes a score (lib/format/score.ts).
    roundTo(input.quiz?.first?.score, 1),
    input.quiz?.first?.total,
    roundTo(input.quiz?.best.score, 1),
    input.quiz?.best.total,
    ...rubric.criteria.map((c) => (review ? levelTitle(c.id, review.levels[c.id]) : "")),
    review?.grade,
    scoreRubric(rubric, {}).max,
    review?.feedback ?? "",
    input.submission ? STATE_LABELS[input.submission.state] : "Not started",
    review?.version,
  ];
}

const PAGE_SIZE = 100;

async function* gradeChunks(classIds: readonly string[], lesson: string, pageSize: number): AsyncGenerator<string> {
  const rubric = getRubric();
  yield UTF8_BOM + csvRow(gradesHeader(rubric));
  let after: string | null = null;
  for (;;) {
    const students: { id: string; name: string | null; email: string }[] = await db.user.findMany({
      where: { role: "STUDENT", ...studentOf(classIds), ...(after ? { email: { gt: after } } : {}) },
      orderBy: { email: "asc" },
      take: pageSize,
      select: { id: true, name: true, email: true },
    });
    if (students.length === 0) return;
    const ids = students.map((s) => s.id);
    const [scores, submissions] = await Promise.all([
      getFirstAndBestScores(ids),
      db.labSubmission.findMany({
        // A write-up submitted to another class of the student's is not graded here.
        where: { userId: { in: ids }, lessonSlug: lesson, ...submittedToOrDraft(classIds) },
        select: {
          id: true,
          userId: true,
          state: true,
          // The latest decided review: after a return and a resubmission, the grade given stays
          // visible (with its version) until the new version is decided.
          versions: {
            where: { review: { is: { decision: { not: null } } } },
            orderBy: { number: "desc" },
            take: 1,
            select: { number: true, review: { select: { levels: true, grade: true, feedback: true } } },
          },
        },
      }),
    ]);
    const byUser = new Map(submissions.map((s) => [s.userId, s]));
    let chunk = "";
    for (const student of students) {
      const submission = byUser.get(student.id);
      const graded = submission?.versions[0];
      const review: GradedReview | null =
        graded?.review && submission
          ? {
              version: graded.number,
              levels: readJsonColumn(rubricLevelsSchema, graded.review.levels, `submission ${submission.id} review levels`) ?? {},
              grade: graded.review.grade,
              feedback: graded.review.feedback,
            }
          : null;
      chunk += csvRow(
        gradeRow(rubric, {
          name: student.name,
          email: student.email,
          quiz: scores.get(student.id)?.[lesson],
          submission: submission ? { state: submission.state as SubmissionState, review } : null,
        }),
      );
    }
    yield chunk;
    if (students.length < pageSize) return;
    after = students[students.length - 1]!.email;
  }
}

/**
 * The grade book of the scope's classes as CSV chunks (a UTF-8 BOM and the header first). The scope
 * is built (and the role checked) before the stream is first read: a refusal comes before any byte.
 */
export function exportGradesCsv(scope: InstructorScope, options: { lesson?: string; pageSize?: number } = {}): AsyncGenerator<string> {
  return gradeChunks(scope.classIds, options.lesson ?? LAB_LESSON, options.pageSize ?? PAGE_SIZE);
}
