import Link from "next/link";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import type { ClassRow, ClassSort, Score } from "@/lib/instructor/data/class-progress";
import { nextStepText } from "@/lib/progress/path-progress";
import { StateBadge } from "@/components/submissions/state-badge";
import { ScrollTable } from "@/components/ui/scroll-table";
import { formatScore } from "@/lib/format/score";

const score = (s: Score | null) => (s ? formatScore(s.score, s.total) : "—");

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
  /** the student's next step on the lesson's path (as the student sees it), null when all are done */
  nextStepOf: (row: ClassRow) => { title: string } | null;
  hideNames: boolean;
};

const nextHref = (props: ClassTableProps, key: ClassSort) =>
  props.sortHref(key, key === props.sort && props.dir === "asc" ? "desc" : "asc");

/**
 * One row per student; each column heading sorts by it, and a second click reverses. Below 640 px
 * the same rows are cards, so the numbers are read without scrolling sideways.
 */
export function ClassTable(props: ClassTableProps) {
  return (
    <>
      <ClassCards {...props} />
      <ClassWideTable {...props} />
    </>
  );
}

function ClassWideTable(props: ClassTableProps) {
  const { rows, sort, dir, nameOf, nextStepOf, hideNames } = props;
  const sortLabel = COLUMNS.find((c) => c.key === sort)?.label ?? sort;
  return (
    <ScrollTable labelledBy="class-caption" className="mt-3 hidden sm:block">
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
                <Link href={nextHref(props, c.key)} className="text-ink-muted no-underline hover:underline">
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
                <NextStep next={nextStepOf(r)} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{quizFirstBest(r)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{quizLatest(r)}</td>
              <td className="px-3 py-2">{r.labRuns}</td>
              <td className="px-3 py-2">
                <WriteUpCell submission={r.submission} />
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{lastActive(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

const quizFirstBest = (r: ClassRow) => (r.quiz.attempts ? `${score(r.quiz.first)} · ${score(r.quiz.best)}` : "—");
const quizLatest = (r: ClassRow) => (r.quiz.attempts ? `${score(r.quiz.latest)} (${r.quiz.attempts})` : "—");
const lastActive = (r: ClassRow) => (r.lastActive ? formatDateTime(r.lastActive, env.TIME_ZONE) : "—");

function NextStep({ next }: { next: { title: string } | null }) {
  return <span className="block max-w-56 text-xs text-ink-muted">{nextStepText(next)}</span>;
}

/** The phone's view: a card per student, the sort as a row of links (the table's headings are gone). */
function ClassCards(props: ClassTableProps) {
  const { rows, sort, dir, nameOf, nextStepOf, hideNames } = props;
  return (
    <div className="mt-3 sm:hidden">
      <nav aria-label="Sort students" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="text-ink-muted">Sort by</span>
        {COLUMNS.map((c) => (
          <Link key={c.key} href={nextHref(props, c.key)} aria-current={c.key === sort ? "true" : undefined} className="min-h-6">
            {c.label}
            {c.key === sort ? <span className="sr-only"> (sorted {dir === "asc" ? "ascending" : "descending"})</span> : null}
            {c.key === sort ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
          </Link>
        ))}
      </nav>
      <ul aria-label="Students" className="mt-3 flex flex-col gap-3" data-testid="class-cards">
        {rows.map((r) => (
          <li key={r.id} className="rounded-xl border border-line bg-surface p-4">
            <p className="font-semibold">
              <Link href={`/instructor/students/${r.id}`}>{nameOf(r)}</Link>
            </p>
            {hideNames ? null : <p className="text-xs break-all text-ink-muted">{r.email}</p>}
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              <div className="col-span-2">
                <dt className="text-xs text-ink-muted">Lesson steps</dt>
                <dd className="font-semibold">
                  {r.stepsDone} of {r.stepsTotal}
                  <NextStep next={nextStepOf(r)} />
                </dd>
              </div>
              <Field label="Quiz (first / best)" value={quizFirstBest(r)} />
              <Field label="Latest (attempts)" value={quizLatest(r)} />
              <Field label="Lab runs" value={String(r.labRuns)} />
              <div>
                <dt className="text-xs text-ink-muted">Write-up</dt>
                <dd>
                  <WriteUpCell submission={r.submission} />
                </dd>
              </div>
              <Field label="Last active" value={lastActive(r)} className="col-span-2" />
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Field({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <div className={className}>
      <dt className="text-xs text-ink-muted">{label}</dt>
      <dd>{value}</dd>
    </div>
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
