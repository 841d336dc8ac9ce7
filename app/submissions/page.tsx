import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/server/session";
import { getLesson } from "@/lib/content/server/lessons";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { listMySubmissions } from "@/lib/submissions/data/store";
import { getRubric } from "@/lib/submissions/server/rubric";
import { scoreRubric } from "@/lib/submissions/scoring";
import { StateBadge } from "@/components/submissions/state-badge";

export const metadata: Metadata = { title: "My submissions" };

export default async function MySubmissionsPage() {
  const user = await requireUser("/submissions");
  const submissions = await listMySubmissions(user);
  const { max } = scoreRubric(getRubric(), {});
  return (
    <div className="py-10">
      <h1 className="text-3xl font-semibold tracking-tight">My submissions</h1>
      <p className="mt-2 max-w-2xl text-ink-muted">
        Your lab write-ups, their state, and your instructor&apos;s feedback once they have reviewed them.
      </p>
      {submissions.length === 0 ? (
        <p className="mt-8">
          Nothing yet. Run the lab, then write up what you found:{" "}
          <Link href="/lessons/local-qwen-vl/lab#write-up">open the lab&apos;s write-up</Link>.
        </p>
      ) : (
        <ul className="mt-8 flex flex-col gap-4">
          {submissions.map((s) => (
            <li key={s.id} className="rounded-xl border border-line bg-surface p-5">
              <div className="flex flex-wrap items-center gap-3">
                <h2 className="text-lg font-semibold">
                  <Link href={`/submissions/${s.id}`}>Lab write-up: {getLesson(s.lessonSlug)?.title ?? s.lessonSlug}</Link>
                </h2>
                <StateBadge state={s.state} />
                {s.feedbackWaiting ? (
                  <span className="rounded-full bg-warning-soft px-2.5 py-0.5 text-xs font-semibold text-warning">New feedback</span>
                ) : null}
              </div>
              <p className="mt-1 text-sm text-ink-muted">
                {s.currentVersion
                  ? `Version ${s.currentVersion}, submitted ${formatDateTime(s.submittedAt!, env.TIME_ZONE)}`
                  : "Not submitted yet"}
                {s.className ? ` for ${s.className}` : null} · last change {formatDateTime(s.updatedAt, env.TIME_ZONE)}
              </p>
              {s.review ? (
                <p className="mt-2 text-sm">
                  {s.review.decision === "RETURNED" ? "Returned for revision" : "Completed"}: grade {s.review.grade ?? "—"} / {max}.{" "}
                  <Link href={`/submissions/${s.id}`}>Read the feedback</Link>
                </p>
              ) : null}
              {s.state === "DRAFT" || s.state === "RETURNED" ? (
                <p className="mt-2 text-sm">
                  <Link href={`/lessons/${s.lessonSlug}/lab#write-up`}>
                    {s.state === "RETURNED" ? "Revise and resubmit" : "Continue the write-up"}
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
