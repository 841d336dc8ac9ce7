// The class table's rows and what the page does with them: search, filter, sort and totals. Pure,
// so the table and its tests agree (lib/instructor/data/class-progress.ts builds the rows).
import type { SubmissionState } from "@/lib/submissions/schemas";

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

/** A score as a fraction, -1 for none (so "no quiz" sorts below every score). */
export const ratio = (s: Score | null) => (s ? s.score / s.total : -1);

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
