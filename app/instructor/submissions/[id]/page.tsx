import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/server/session";
import { currentScope } from "@/lib/classes/server/class-choice";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { diffWriteUps } from "@/lib/submissions/diff";
import { evidenceTruth } from "@/lib/submissions/server/ground-truth";
import { anonymousName, hidesStudentNames } from "@/lib/submissions/server/preferences";
import { getReviewDraft, listCommentBank, nextInQueue } from "@/lib/submissions/data/review";
import { getExemplars, getRubric } from "@/lib/submissions/server/rubric";
import { getSubmissionForViewer } from "@/lib/submissions/data/store";
import { InstructorNav } from "@/components/instructor/instructor-nav";
import { HideNamesToggle } from "@/components/submissions/hide-names-toggle";
import { ReviewDecidedHeading } from "@/components/submissions/review-decided-heading";
import { ReviewForm } from "@/components/submissions/review-form";
import { ReviewSummary } from "@/components/submissions/review-summary";
import { SkipToReview } from "@/components/submissions/skip-to-review";
import { StateBadge } from "@/components/submissions/state-badge";
import { VersionChanges } from "@/components/submissions/version-changes";
import { ExemplarDetails, SubmittedWork } from "@/components/submissions/review-page-sections";

export const metadata: Metadata = { title: "Review a write-up" };

export default async function ReviewPage({ params }: PageProps<"/instructor/submissions/[id]">) {
  const { id } = await params;
  const instructor = await requireRole("INSTRUCTOR", `/instructor/submissions/${id}`);
  const scope = await currentScope(instructor);
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
    nextInQueue(scope, id),
    mode === "mine" ? getReviewDraft(scope, id) : Promise.resolve(null),
    mode === "mine" ? listCommentBank(instructor) : Promise.resolve([]),
  ]);
  const fullRubric = getRubric();
  const rubric = fullRubric.criteria;
  const exemplars = getExemplars();
  const name = hideNames ? anonymousName(submission.id) : (submission.student.name ?? submission.student.email);
  const earlier = submission.versions[1];
  const changes = earlier ? diffWriteUps(earlier.writeUp, version.writeUp, version.evidence?.cells ?? []) : null;

  return (
    <div className="py-8">
      <p className="text-sm">
        <SkipToReview targetId="review-title" />
      </p>
      <InstructorNav classes={scope.classes} selected={scope.selectedId} />
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
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
      <p className="mt-1 text-sm text-ink-muted" data-testid="review-shortcuts">
        Keyboard: “Skip to review” (the first link on this page) goes straight to the rubric, which comes before the write-up in the Tab
        order; in the rubric, the arrow keys move between levels.
      </p>

      {/* The review comes first in the page (and the Tab order, and a phone's scroll); on a wide screen the grid puts it on the right. */}
      <div className="mt-8 grid gap-10 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <aside
          aria-labelledby="review-title"
          className="lg:sticky lg:top-4 lg:col-start-2 lg:row-start-1 lg:max-h-[calc(100dvh-2rem)] lg:self-start lg:overflow-y-auto"
        >
          <div className="rounded-2xl border border-line bg-surface p-5">
            <h2 id="review-title" tabIndex={-1} className="scroll-mt-4 text-xl font-semibold">
              Review
            </h2>
            <div className="mt-4">
              {mode === "decided" ? (
                version.review ? (
                  <div className="flex flex-col gap-3">
                    <ReviewDecidedHeading decision={version.review.decision} />
                    <ReviewSummary review={version.review} rubric={rubric} gradeBands={fullRubric.gradeBands} timeZone={env.TIME_ZONE} />
                  </div>
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
                  previous={draft?.previous ?? null}
                  bank={bank}
                  timeZone={env.TIME_ZONE}
                />
              )}
            </div>
          </div>
          <ExemplarDetails exemplars={exemplars} rubric={fullRubric} />
        </aside>

        <div className="flex min-w-0 flex-col gap-10 lg:col-start-1 lg:row-start-1">
          {changes && earlier ? <VersionChanges changes={changes} from={earlier.number} to={version.number} /> : null}
          <SubmittedWork
            writeUp={version.writeUp}
            evidence={version.evidence}
            truth={version.evidence ? evidenceTruth(version.evidence) : undefined}
          />
        </div>
      </div>
    </div>
  );
}
