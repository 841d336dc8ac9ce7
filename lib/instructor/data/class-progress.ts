import "server-only";
import { db } from "@/lib/db";
import { AuthorizationError } from "@/lib/auth/errors";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/server/session";
import { getLesson } from "@/lib/content/server/lessons";
import { sectionSteps } from "@/lib/content/path";
import type { SubmissionState } from "@/lib/submissions/schemas";

// Who is where: one row per student for the class table, from a handful of grouped queries (never
// one query per student), then searched, filtered and sorted in memory (a class is hundreds).

export const FLAGSHIP = "local-qwen-vl";

export type Score = { score: number; total: number; at: string };

export type ClassRow = {
  id: string;
  name: string | null;
  email: string;
  joinedAt: string;
  stepsDone: number;
  stepsTotal: number;
  quiz: { attempts: number; first: Score | null; best: Score | null; latest: Score | null };
  labRuns: number;
  submission: { id: string; state: SubmissionState; version: number } | null;
  lastActive: string | null;
};

export const CLASS_FILTERS = {
  all: "Everyone",
  "not-started-lab": "Has not started the lab",
  "no-quiz": "Has not taken the quiz",
  "waiting-review": "Write-up waiting for review",
  "returned-not-resubmitted": "Returned, not resubmitted",
  completed: "Review completed",
} as const;
export type ClassFilter = keyof typeof CLASS_FILTERS;

export const CLASS_SORTS = ["name", "steps", "quiz-best", "quiz-latest", "runs", "write-up", "last-active"] as const;
export type ClassSort = (typeof CLASS_SORTS)[number];

const ratio = (s: Score | null) => (s ? s.score / s.total : -1);
const later = (a: Date | null | undefined, b: Date | null | undefined) => (!a ? (b ?? null) : !b ? a : a > b ? a : b);

function assertInstructor(user: SessionUser): void {
  if (!hasRole(user, "INSTRUCTOR")) throw new AuthorizationError(403, "This is for instructors only.");
}

/** Every student's progress on the flagship lesson. */
export async function listClassProgress(instructor: SessionUser, lesson = FLAGSHIP): Promise<ClassRow[]> {
  assertInstructor(instructor);
  // The sections a student marks done; runs, the quiz and the write-up have their own columns.
  const stepsTotal = sectionSteps(getLesson(lesson)?.path ?? []).length;
  const [students, steps, visits, attempts, runs, submissions] = await Promise.all([
    db.user.findMany({
      where: { role: "STUDENT" },
      select: { id: true, name: true, email: true, createdAt: true },
      orderBy: { createdAt: "asc" },
      take: 5000,
    }),
    db.stepProgress.groupBy({ by: ["userId"], where: { lessonSlug: lesson }, _count: { _all: true }, _max: { doneAt: true } }),
    db.lessonVisit.groupBy({ by: ["userId"], _max: { visitedAt: true } }),
    db.quizAttempt.findMany({
      where: { lessonSlug: lesson, status: "SUBMITTED", score: { not: null }, total: { gt: 0 } },
      select: { userId: true, score: true, total: true, submittedAt: true, source: true },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    }),
    db.labRun.groupBy({ by: ["userId"], where: { lessonSlug: lesson }, _count: { _all: true }, _max: { createdAt: true } }),
    db.labSubmission.findMany({
      where: { lessonSlug: lesson },
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

const STATE_ORDER: Record<SubmissionState | "NONE", number> = { NONE: 0, DRAFT: 1, SUBMITTED: 2, IN_REVIEW: 3, RETURNED: 4, COMPLETED: 5 };

function matchesFilter(row: ClassRow, filter: ClassFilter): boolean {
  switch (filter) {
    case "not-started-lab":
      return row.labRuns === 0;
    case "no-quiz":
      return row.quiz.attempts === 0;
    case "waiting-review":
      return row.submission?.state === "SUBMITTED" || row.submission?.state === "IN_REVIEW";
    case "returned-not-resubmitted":
      return row.submission?.state === "RETURNED";
    case "completed":
      return row.submission?.state === "COMPLETED";
    default:
      return true;
  }
}

function sortKey(row: ClassRow, sort: ClassSort): number | string {
  switch (sort) {
    case "steps":
      return row.stepsDone;
    case "quiz-best":
      return ratio(row.quiz.best);
    case "quiz-latest":
      return ratio(row.quiz.latest);
    case "runs":
      return row.labRuns;
    case "write-up":
      return STATE_ORDER[row.submission?.state ?? "NONE"];
    case "last-active":
      return row.lastActive ?? "";
    default:
      return (row.name ?? row.email).toLowerCase();
  }
}

/** Search (name or email), filter and sort; pure, so the table and its tests agree. */
export function selectRows(
  rows: readonly ClassRow[],
  options: { q?: string; filter?: ClassFilter; sort?: ClassSort; dir?: "asc" | "desc" },
): ClassRow[] {
  const q = options.q?.trim().toLowerCase() ?? "";
  const sort = options.sort ?? "name";
  const sign = options.dir === "desc" ? -1 : 1;
  return rows
    .filter((r) => !q || (r.name ?? "").toLowerCase().includes(q) || r.email.toLowerCase().includes(q))
    .filter((r) => matchesFilter(r, options.filter ?? "all"))
    .sort((a, b) => {
      const ka = sortKey(a, sort);
      const kb = sortKey(b, sort);
      if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
      return (a.name ?? a.email).localeCompare(b.name ?? b.email);
    });
}

export type ClassTotals = {
  students: number;
  startedLab: number;
  tookQuiz: number;
  submitted: number;
  waiting: number;
  meanBest: number | null;
};

export function totalsOf(rows: readonly ClassRow[]): ClassTotals {
  const bests = rows.map((r) => r.quiz.best).filter((b): b is Score => Boolean(b));
  return {
    students: rows.length,
    startedLab: rows.filter((r) => r.labRuns > 0).length,
    tookQuiz: rows.filter((r) => r.quiz.attempts > 0).length,
    submitted: rows.filter((r) => r.submission && r.submission.version > 0).length,
    waiting: rows.filter((r) => matchesFilter(r, "waiting-review")).length,
    meanBest: bests.length ? bests.reduce((n, b) => n + b.score / b.total, 0) / bests.length : null,
  };
}
