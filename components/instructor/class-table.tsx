import Link from "next/link";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import type { ClassRow, ClassSort, Score } from "@/lib/instructor/data/class-progress";
import { StateBadge } from "@/components/submissions/state-badge";
import { ScrollTable } from "@/components/ui/scroll-table";

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

export type ClassTableProps = {
  rows: ClassRow[];
  sort: ClassSort;
  dir: "asc" | "desc";
  /** the page's address with this sort */
  sortHref: (sort: ClassSort, dir: "asc" | "desc") => string;
  nameOf: (row: ClassRow) => string;
  hideNames: boolean;
};

/** One row per student; each column heading sorts by it, and a second click reverses. */
export function ClassTable({ rows, sort, dir, sortHref, nameOf, hideNames }: ClassTableProps) {
  const sortLabel = COLUMNS.find((c) => c.key === sort)?.label ?? sort;
  return (
    <ScrollTable labelledBy="class-caption" className="mt-3">
      <table className="w-full min-w-[56rem] text-left text-sm">
        <caption id="class-caption" className="sr-only">
          Students, sorted by {sortLabel.toLowerCase()} ({dir === "asc" ? "ascending" : "descending"})
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
                  href={sortHref(c.key, c.key === sort && dir === "asc" ? "desc" : "asc")}
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
              <td className="px-3 py-2 whitespace-nowrap">{r.quiz.attempts ? `${score(r.quiz.first)} · ${score(r.quiz.best)}` : "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{r.quiz.attempts ? `${score(r.quiz.latest)} (${r.quiz.attempts})` : "—"}</td>
              <td className="px-3 py-2">{r.labRuns}</td>
              <td className="px-3 py-2">
                <WriteUpCell submission={r.submission} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{r.lastActive ? formatDateTime(r.lastActive, env.TIME_ZONE) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

/** A submitted write-up links to its review; a draft (version 0) has nothing to open yet. */
function WriteUpCell({ submission }: { submission: ClassRow["submission"] }) {
  if (!submission) return <span className="text-ink-muted">none</span>;
  if (submission.version === 0) return <StateBadge state="DRAFT" />;
  return (
    <Link href={`/instructor/submissions/${submission.id}`} className="no-underline">
      <StateBadge state={submission.state} />
    </Link>
  );
}
