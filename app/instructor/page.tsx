import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/server/session";
import { env } from "@/lib/env";
import { formatDateTime, formatPercent } from "@/lib/format";
import {
  CLASS_FILTERS,
  CLASS_SORTS,
  listClassProgress,
  selectRows,
  totalsOf,
  type ClassFilter,
  type ClassRow,
  type ClassSort,
  type Score,
} from "@/lib/instructor/data/class-progress";
import { hidesStudentNames, anonymousName } from "@/lib/submissions/server/preferences";
import { InstructorNav } from "@/components/instructor/instructor-nav";
import { StateBadge } from "@/components/submissions/state-badge";
import { ScrollTable } from "@/components/ui/scroll-table";

export const metadata: Metadata = { title: "Class progress" };

const score = (s: Score | null) => (s ? `${s.score}/${s.total}` : "—");

const COLUMNS: { key: ClassSort; label: string }[] = [
  { key: "name", label: "Student" },
  { key: "steps", label: "Lesson steps" },
  { key: "quiz-best", label: "Quiz (first / best)" },
  { key: "quiz-latest", label: "Latest (attempts)" },
  { key: "runs", label: "Lab runs" },
  { key: "write-up", label: "Write-up" },
  { key: "last-active", label: "Last active" },
];

function Totals({ rows }: { rows: ClassRow[] }) {
  const t = totalsOf(rows);
  const cards = [
    ["Students", String(t.students)],
    ["Took the quiz", `${t.tookQuiz} of ${t.students}`],
    ["Mean best quiz score", t.meanBest === null ? "—" : formatPercent(t.meanBest)],
    ["Started the lab", `${t.startedLab} of ${t.students}`],
    ["Submitted a write-up", `${t.submitted} of ${t.students}`],
    ["Waiting for review", String(t.waiting)],
  ];
  return (
    <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="class-totals">
      {cards.map(([label, value]) => (
        <div key={label} className="rounded-xl border border-line bg-surface p-3">
          <dt className="text-xs text-ink-muted">{label}</dt>
          <dd className="text-xl font-semibold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function ClassProgressPage({ searchParams }: PageProps<"/instructor">) {
  const instructor = await requireRole("INSTRUCTOR", "/instructor");
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const filter = (typeof params.filter === "string" && params.filter in CLASS_FILTERS ? params.filter : "all") as ClassFilter;
  const sort = CLASS_SORTS.find((s) => s === params.sort) ?? "name";
  const dir = params.dir === "desc" ? "desc" : "asc";
  const [all, hideNames] = await Promise.all([listClassProgress(instructor), hidesStudentNames()]);
  const rows = selectRows(all, { q, filter, sort, dir });
  const nameOf = (r: ClassRow) => (hideNames ? anonymousName(r.id) : (r.name ?? r.email));
  const href = (next: Partial<{ q: string; filter: string; sort: string; dir: string }>) => {
    const search = new URLSearchParams({ ...(q ? { q } : {}), ...(filter !== "all" ? { filter } : {}), sort, dir, ...next });
    return `/instructor?${search.toString()}`;
  };

  return (
    <div className="py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Class progress</h1>
      <p className="mt-2 max-w-2xl text-ink-muted">
        Who is where in <em>Local Qwen-VL</em>: the lesson, the quiz, the lab and the write-up. Open a student for their attempts, runs and
        submissions.
      </p>
      <InstructorNav />
      <Totals rows={all} />

      <form method="get" className="mt-8 flex flex-wrap items-end gap-3" role="search" aria-label="Find students">
        <div className="flex flex-col gap-1">
          <label htmlFor="class-q" className="text-sm font-semibold">
            Search
          </label>
          <input
            id="class-q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Name or email"
            className="min-h-11 rounded-lg border border-line-strong bg-surface px-3 text-sm"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="class-filter" className="text-sm font-semibold">
            Show
          </label>
          <select
            id="class-filter"
            name="filter"
            defaultValue={filter}
            className="min-h-11 rounded-lg border border-line-strong bg-surface px-3 text-sm"
          >
            {Object.entries(CLASS_FILTERS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <button
          type="submit"
          className="min-h-11 rounded-lg border border-line-strong bg-surface px-4 text-sm font-semibold hover:bg-sunken"
        >
          Apply
        </button>
      </form>
      <p className="mt-3 text-sm text-ink-muted" aria-live="polite">
        {rows.length} of {all.length} students{filter !== "all" ? `: ${CLASS_FILTERS[filter].toLowerCase()}` : ""}
        {q ? `, matching "${q}"` : ""}.
      </p>

      {all.length === 0 ? (
        <p className="mt-6 text-ink-muted">No students have signed up yet. Share the address of this site with your class.</p>
      ) : (
        <ScrollTable labelledBy="class-caption" className="mt-3">
          <table className="w-full min-w-[56rem] text-left text-sm">
            <caption id="class-caption" className="sr-only">
              Students, sorted by {COLUMNS.find((c) => c.key === sort)!.label.toLowerCase()} ({dir === "asc" ? "ascending" : "descending"})
            </caption>
            <thead className="bg-sunken text-xs text-ink-muted">
              <tr>
                {COLUMNS.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    className="px-3 py-2 font-semibold"
                    aria-sort={c.key === sort ? (dir === "asc" ? "ascending" : "descending") : undefined}
                  >
                    <Link
                      href={href({ sort: c.key, dir: c.key === sort && dir === "asc" ? "desc" : "asc" })}
                      className="text-ink-muted no-underline hover:underline"
                    >
                      {c.label}
                      {c.key === sort ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-line align-top">
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link href={`/instructor/students/${r.id}`}>{nameOf(r)}</Link>
                    {hideNames ? null : <span className="block text-xs font-normal text-ink-muted">{r.email}</span>}
                  </th>
                  <td className="px-3 py-2">
                    {r.stepsDone} of {r.stepsTotal}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {r.quiz.attempts ? `${score(r.quiz.first)} · ${score(r.quiz.best)}` : "—"}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{r.quiz.attempts ? `${score(r.quiz.latest)} (${r.quiz.attempts})` : "—"}</td>
                  <td className="px-3 py-2">{r.labRuns}</td>
                  <td className="px-3 py-2">
                    {r.submission ? (
                      r.submission.version > 0 ? (
                        <Link href={`/instructor/submissions/${r.submission.id}`} className="no-underline">
                          <StateBadge state={r.submission.state} />
                        </Link>
                      ) : (
                        <StateBadge state="DRAFT" />
                      )
                    ) : (
                      <span className="text-ink-muted">none</span>
                    )}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{r.lastActive ? formatDateTime(r.lastActive, env.TIME_ZONE) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </div>
  );
}
