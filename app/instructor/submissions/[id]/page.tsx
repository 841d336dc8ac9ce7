import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/server/session";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { anonymousName, hidesStudentNames } from "@/lib/submissions/server/preferences";
import { getReviewDraft, listCommentBank, nextInQueue } from "@/lib/submissions/data/review";
import { getExemplars, getRubric } from "@/lib/submissions/server/rubric";
import { getSubmissionForViewer } from "@/lib/submissions/data/store";
import { HideNamesToggle } from "@/components/submissions/hide-names-toggle";
import { ReviewForm } from "@/components/submissions/review-form";
import { ReviewSummary } from "@/components/submissions/review-summary";
import { StateBadge } from "@/components/submissions/state-badge";
import { ExemplarDetails, SubmittedWork } from "@/components/submissions/review-page-sections";

export const metadata: Metadata = { title: "Review a write-up" };

export default async function ReviewPage({ params }: PageProps<"/instructor/submissions/[id]">) {
  const { id } = await params;
  const instructor = await requireRole("INSTRUCTOR", `/instructor/submissions/${id}`);
  const submission = await getSubmissionForViewer(instructor, id);
  const version = submission?.versions[0];
  if (!submission || !version) notFound();
  const mode =
    submission.state === "SUBMITTED"
      ? "unclaimed"
      : submission.state === "IN_REVIEW"
        ? submission.claimedBy?.id === instructor.id
          ? "mine"
          : "theirs"
        : "decided";
  const [hideNames, nextId, draft, bank] = await Promise.all([
    hidesStudentNames(),
    nextInQueue(instructor, id),
    mode === "mine" ? getReviewDraft(instructor, id) : Promise.resolve(null),
    mode === "mine" ? listCommentBank(instructor) : Promise.resolve([]),
  ]);
  const fullRubric = getRubric();
  const rubric = fullRubric.criteria;
  const exemplars = getExemplars();
  const name = hideNames ? anonymousName(submission.id) : (submission.student.name ?? submission.student.email);

  return (
    <div className="py-8">
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
        <Link href="/instructor/submissions">← Review queue</Link>
        <div className="flex flex-wrap items-center gap-4">
          <HideNamesToggle hidden={hideNames} />
          {nextId ? (
            <Link href={`/instructor/submissions/${nextId}`}>Next submission</Link>
          ) : (
            <span className="text-ink-muted">No other submission waiting</span>
          )}
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">{name}&apos;s write-up</h1>
        <StateBadge state={submission.state} />
      </div>
      <p className="mt-1 text-ink-muted">
        Version {version.number}, submitted {formatDateTime(version.submittedAt, env.TIME_ZONE)}
        {submission.versions.length > 1 ? (
          <>
            {" "}
            · <Link href={`/submissions/${submission.id}`}>earlier versions and their reviews</Link>
          </>
        ) : null}
      </p>

      <div className="mt-8 grid gap-10 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="flex min-w-0 flex-col gap-10">
          <SubmittedWork writeUp={version.writeUp} evidence={version.evidence} />
        </div>

        <aside aria-labelledby="review-title" className="lg:sticky lg:top-4 lg:max-h-[calc(100dvh-2rem)] lg:self-start lg:overflow-y-auto">
          <div className="rounded-2xl border border-line bg-surface p-5">
            <h2 id="review-title" className="text-xl font-semibold">
              Review
            </h2>
            <div className="mt-4">
              {mode === "decided" ? (
                version.review ? (
                  <ReviewSummary review={version.review} rubric={rubric} gradeBands={fullRubric.gradeBands} timeZone={env.TIME_ZONE} />
                ) : null
              ) : (
                <ReviewForm
                  key={`${submission.id}-${version.number}-${mode}`}
                  submissionId={submission.id}
                  mode={mode}
                  claimedByName={submission.claimedBy ? (submission.claimedBy.name ?? submission.claimedBy.email) : null}
                  rubric={rubric}
                  gradeBands={fullRubric.gradeBands}
                  initial={draft ?? { levels: {}, feedback: "", grade: null, savedAt: null }}
                  bank={bank}
                  timeZone={env.TIME_ZONE}
                />
              )}
            </div>
          </div>
          <ExemplarDetails exemplars={exemplars} rubric={fullRubric} />
        </aside>
      </div>
    </div>
  );
}
