import Link from "next/link";
import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/server/session";
import { currentScope } from "@/lib/classes/server/class-choice";
import {
  CLASS_FILTERS,
  FLAGSHIP,
  CLASS_SORTS,
  listClassProgress,
  selectRows,
  type ClassFilter,
  type ClassRow,
  type ClassSort,
} from "@/lib/instructor/data/class-progress";
import { plural } from "@/lib/format";
import { countFailedScores } from "@/lib/lti/data/outbox-view";
import { listPathProgress, noProgress } from "@/lib/progress/data/class-paths";
import { hidesStudentNames, anonymousName } from "@/lib/submissions/server/preferences";
import { ClassFilters } from "@/components/instructor/class-filters";
import { ClassTable } from "@/components/instructor/class-table";
import { ClassTotals } from "@/components/instructor/class-totals";
import { InstructorNav } from "@/components/instructor/instructor-nav";
import { Notice } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Class progress" };

export default async function ClassProgressPage({ searchParams }: PageProps<"/instructor">) {
  const instructor = await requireRole("INSTRUCTOR", "/instructor");
  const scope = await currentScope(instructor);
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const filter = (typeof params.filter === "string" && params.filter in CLASS_FILTERS ? params.filter : "all") as ClassFilter;
  const sort = CLASS_SORTS.find((s) => s === params.sort) ?? "name";
  const dir = params.dir === "desc" ? "desc" : "asc";
  const [listed, hideNames, paths, failedScores] = await Promise.all([
    listClassProgress(scope),
    hidesStudentNames(),
    listPathProgress(scope, FLAGSHIP),
    countFailedScores(scope),
  ]);
  // Steps are counted as the student sees them (lib/progress/path-progress.ts), then searched and
  // sorted with the rest of the row.
  const nobody = noProgress(FLAGSHIP);
  const progressOf = (id: string) => paths.get(id) ?? nobody;
  const all = listed.map((r) => ({ ...r, stepsDone: progressOf(r.id).done, stepsTotal: progressOf(r.id).total }));
  const rows = selectRows(all, { q, filter, sort, dir });
  const nameOf = (r: ClassRow) => (hideNames ? anonymousName(r.id) : (r.name ?? r.email));
  // A column's link keeps the search and filter and changes only the order.
  const sortHref = (nextSort: ClassSort, nextDir: "asc" | "desc") => {
    const search = new URLSearchParams({ ...(q ? { q } : {}), ...(filter !== "all" ? { filter } : {}), sort: nextSort, dir: nextDir });
    return `/instructor?${search.toString()}`;
  };

  return (
    <div className="py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Class progress</h1>
      <p className="mt-2 max-w-2xl text-ink-muted">
        Who is where in <em>Local Qwen-VL</em>: the lesson, the quiz, the lab and the write-up. Open a student for their attempts, runs and
        submissions.
      </p>
      <InstructorNav classes={scope.classes} selected={scope.selectedId} />
      {failedScores > 0 ? (
        <Notice tone="warning" className="mt-4" title={`${failedScores} ${plural(failedScores, "grade")} did not reach a course site`}>
          See <Link href="/instructor/lms">Course sites</Link>, “Grades to course sites”, for what the course site said, and retry.
        </Notice>
      ) : null}
      <ClassTotals rows={all} />
      <ClassFilters q={q} filter={filter} sort={sort} dir={dir} shown={rows.length} total={all.length} />

      {all.length === 0 ? (
        <p className="mt-6 text-ink-muted">
          No students in {scope.selectedId ? "this class" : "your classes"} yet. Give them the join code from{" "}
          <Link href="/instructor/classes">Classes</Link>.
        </p>
      ) : (
        <ClassTable
          rows={rows}
          sort={sort}
          dir={dir}
          sortHref={sortHref}
          nameOf={nameOf}
          nextStepOf={(r) => progressOf(r.id).next}
          hideNames={hideNames}
        />
      )}
    </div>
  );
}
