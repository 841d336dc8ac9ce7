import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/server/session";
import { hasRole } from "@/lib/auth/roles";
import { getLesson } from "@/lib/content/server/lessons";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { getExemplars, getRubric } from "@/lib/submissions/server/rubric";
import { getSubmissionForViewer } from "@/lib/submissions/data/store";
import { FeedbackSeen } from "@/components/submissions/feedback-seen";
import { EvidenceAnswers } from "@/components/submissions/evidence-answers";
import { EvidenceTable } from "@/components/submissions/evidence-table";
import { ReviewSummary } from "@/components/submissions/review-summary";
import { ExemplarList } from "@/components/submissions/exemplar-view";
import { StateBadge } from "@/components/submissions/state-badge";
import { WriteUpView } from "@/components/submissions/write-up-view";

export const metadata: Metadata = { title: "Lab submission" };

export default async function SubmissionPage({ params }: PageProps<"/submissions/[id]">) {
  const { id } = await params;
  const viewer = await requireUser(`/submissions/${id}`);
  // Anyone but the owner and instructors gets the same 404 as for a submission that does not exist.
  const submission = await getSubmissionForViewer(viewer, id);
  if (!submission) notFound();
  const isOwner = submission.student.id === viewer.id;
  const fullRubric = getRubric();
  const rubric = fullRubric.criteria;
  const lesson = getLesson(submission.lessonSlug);
  return (
    <div className="py-10">
      {isOwner && submission.feedbackWaiting ? <FeedbackSeen submissionId={submission.id} /> : null}
      <p className="text-sm">
        <Link href={isOwner ? "/submissions" : "/instructor/submissions"}>← {isOwner ? "My submissions" : "Review queue"}</Link>
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">Lab write-up</h1>
        <StateBadge state={submission.state} />
      </div>
      <p className="mt-2 text-ink-muted">
        {lesson?.title ?? submission.lessonSlug}
        {isOwner ? null : ` · ${submission.student.name ?? submission.student.email}`}
        {submission.className ? ` · for ${submission.className}` : null}
      </p>
      {isOwner && submission.state === "RETURNED" ? (
        <p className="mt-4">
          <Link href={`/lessons/${submission.lessonSlug}/lab#write-up`} className="font-semibold">
            Revise and resubmit
          </Link>
        </p>
      ) : null}
      {!isOwner && hasRole(viewer, "INSTRUCTOR") ? (
        <p className="mt-4">
          <Link href={`/instructor/submissions/${submission.id}`}>Open the review</Link>
        </p>
      ) : null}
      {submission.versions.length === 0 ? <p className="mt-8">This write-up has not been submitted yet.</p> : null}
      {submission.versions.map((version, index) => {
        const body = (
          <div className="mt-4 flex flex-col gap-8">
            {version.review ? (
              <ReviewSummary review={version.review} rubric={rubric} gradeBands={fullRubric.gradeBands} timeZone={env.TIME_ZONE} />
            ) : null}
            <section aria-label={`Write-up, version ${version.number}`}>
              <WriteUpView writeUp={version.writeUp} evidence={version.evidence} />
            </section>
            {version.evidence ? (
              <>
                <EvidenceTable cells={version.evidence.cells} caption={`Evidence, version ${version.number}`} />
                <EvidenceAnswers evidence={version.evidence} writeUp={version.writeUp} />
              </>
            ) : null}
          </div>
        );
        return (
          <section key={version.number} aria-labelledby={`version-${version.number}`} className="mt-10 border-t border-line pt-6">
            <h2 id={`version-${version.number}`} className="text-xl font-semibold">
              Version {version.number}{" "}
              <span className="text-base font-normal text-ink-muted">· submitted {formatDateTime(version.submittedAt, env.TIME_ZONE)}</span>
            </h2>
            {index === 0 ? (
              body
            ) : (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium">Show this earlier version</summary>
                {body}
              </details>
            )}
          </section>
        );
      })}
      {/* Once something is submitted, the exemplars show what each recommendation looks like done well. */}
      {submission.versions.length > 0 ? (
        <ExemplarList exemplars={getExemplars()} rubric={fullRubric} headingLevel={2} className="mt-10 border-t border-line pt-6" />
      ) : null}
    </div>
  );
}
