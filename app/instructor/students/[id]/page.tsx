import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/server/session";
import { currentScope } from "@/lib/classes/server/class-choice";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format";
import { FLAGSHIP } from "@/lib/instructor/data/class-progress";
import { getStudentOverview } from "@/lib/instructor/data/student";
import { listPathProgress, noProgress } from "@/lib/progress/data/class-paths";
import { anonymousName, hidesStudentNames } from "@/lib/submissions/server/preferences";
import { InstructorNav } from "@/components/instructor/instructor-nav";
import { StudentAttempts, StudentRuns, StudentSteps, StudentWriteUps } from "@/components/instructor/student-sections";

export const metadata: Metadata = { title: "Student" };

export default async function StudentPage({ params }: PageProps<"/instructor/students/[id]">) {
  const { id } = await params;
  const instructor = await requireRole("INSTRUCTOR", `/instructor/students/${id}`);
  const scope = await currentScope(instructor);
  const [overview, hideNames, paths] = await Promise.all([
    getStudentOverview(scope, id),
    hidesStudentNames(),
    listPathProgress(scope, FLAGSHIP, { userIds: [id], classIds: scope.taughtIds }),
  ]);
  if (!overview) notFound();
  const { student } = overview;
  const name = hideNames ? anonymousName(student.id) : (student.name ?? student.email);

  return (
    <div className="py-10">
      <p className="text-sm">
        <Link href="/instructor">← Class progress</Link>
      </p>
      <h1 className="mt-4 text-3xl font-semibold tracking-tight">{name}</h1>
      <p className="mt-1 text-ink-muted">
        {hideNames ? null : `${student.email} · `}joined {formatDate(student.joinedAt, env.TIME_ZONE)}
      </p>
      <InstructorNav classes={scope.classes} selected={scope.selectedId} />
      <StudentSteps progress={paths.get(id) ?? noProgress(FLAGSHIP)} />
      <StudentAttempts attempts={overview.attempts} />
      <StudentRuns runs={overview.runs} />
      <StudentWriteUps submissions={overview.submissions} />
    </div>
  );
}
