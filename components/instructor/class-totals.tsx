import { formatPercent } from "@/lib/format";
import { totalsOf, type ClassRow } from "@/lib/instructor/data/class-progress";

/** The class progress page's headline counts, over the whole class whatever the filter. */
export function ClassTotals({ rows }: { rows: ClassRow[] }) {
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
