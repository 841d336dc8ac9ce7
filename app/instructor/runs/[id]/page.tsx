import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/server/session";
import { currentScope } from "@/lib/classes/server/class-choice";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { getLabRunView } from "@/lib/lab/data/run-views";
import { PROMPT_KIND_INFO, PROMPT_KINDS } from "@/lib/lab/prompt-kinds";
import { getRunOwner } from "@/lib/instructor/data/student";
import { anonymousName, hidesStudentNames } from "@/lib/submissions/server/preferences";
import { InstructorNav } from "@/components/instructor/instructor-nav";
import { RunResults } from "@/components/lab/run-results";
import { sampleTruthFor } from "@/lib/lab/server/truth";

export const metadata: Metadata = { title: "A student's lab run" };

export default async function InstructorRunPage({ params }: PageProps<"/instructor/runs/[id]">) {
  const { id } = await params;
  const instructor = await requireRole("INSTRUCTOR", `/instructor/runs/${id}`);
  const scope = await currentScope(instructor);
  const [run, hideNames] = await Promise.all([getLabRunView(instructor, id), hidesStudentNames()]);
  if (!run) notFound();
  const student = await getRunOwner(scope, id);
  const name = student ? (hideNames ? anonymousName(student.id) : (student.name ?? student.email)) : "a student";
  return (
    <div className="py-10">
      <p className="text-sm">
        {student ? <Link href={`/instructor/students/${student.id}`}>← {name}</Link> : <Link href="/instructor">← Class progress</Link>}
      </p>
      <h1 className="mt-4 text-3xl font-semibold tracking-tight">{name}&apos;s lab run</h1>
      <p className="mt-1 text-ink-muted">
        {formatDateTime(run.createdAt, env.TIME_ZONE)} · {run.sampleId ? `sample: ${run.sampleId}` : "an uploaded screenshot"}
      </p>
      <InstructorNav classes={scope.classes} selected={scope.selectedId} />
      <div className="mt-8 grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <figure className="rounded-xl border border-line bg-surface p-3">
          {/* eslint-disable-next-line @next/next/no-img-element -- the stored screenshot, served by a route that checks access */}
          <img src={`/api/lab/images/${run.imageId}`} alt={`The screenshot ${name} ran`} className="mx-auto max-h-[28rem] w-auto rounded" />
        </figure>
        <dl className="flex flex-col gap-3 text-sm">
          <div>
            <dt className="font-semibold">Models</dt>
            <dd>
              {run.textModel ?? "no text-only model"} vs {run.visionModel ?? "no vision model"} ·{" "}
              {run.measureCold ? "cold start measured" : "models as loaded"}
            </dd>
          </div>
          {PROMPT_KINDS.map((kind) => (
            <div key={kind}>
              <dt className="font-semibold">{PROMPT_KIND_INFO[kind].label} prompt</dt>
              <dd className="whitespace-pre-wrap text-ink-muted">{run.prompts[kind]}</dd>
            </div>
          ))}
        </dl>
      </div>
      <RunResults initial={run} readOnly truth={sampleTruthFor(run.sampleId)} />
    </div>
  );
}
