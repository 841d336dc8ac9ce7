import { StatCards } from "@/components/ui/stat-cards";
import { formatPercent } from "@/lib/format";
import { totalsOf, type ClassRow } from "@/lib/instructor/data/class-progress";

/** The class progress page's headline counts, over the whole class whatever the filter. */
export function ClassTotals({ rows }: { rows: ClassRow[] }) {
  const t = totalsOf(rows);
  const cards: [string, string][] = [
    ["Students", String(t.students)],
    ["Took the quiz", `${t.tookQuiz} of ${t.students}`],
    ["Mean best quiz score", t.meanBest === null ? "—" : formatPercent(t.meanBest)],
    ["Started the lab", `${t.startedLab} of ${t.students}`],
    ["Submitted a write-up", `${t.submitted} of ${t.students}`],
    ["Waiting for review", String(t.waiting)],
  ];
  return <StatCards cards={cards} className="mt-6 sm:grid-cols-3 lg:grid-cols-6" testId="class-totals" />;
}
