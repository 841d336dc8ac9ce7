import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/server/session";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { anonymousName, hidesStudentNames } from "@/lib/submissions/server/preferences";
import { getReviewDraft, listCommentBank, nextInQueue } from "@/lib/submissions/data/review";
import { getExemplar, getRubric } from "@/lib/submissions/server/rubric";
import { RECOMMENDATION_LABELS } from "@/lib/submissions/schemas";
import { getSubmissionForViewer } from "@/lib/submissions/data/store";
import { EvidenceAnswers } from "@/components/submissions/evidence-answers";
import { EvidenceTable } from "@/components/submissions/evidence-table";
import { HideNamesToggle } from "@/components/submissions/hide-names-toggle";
import { ReviewForm } from "@/components/submissions/review-form";
import { ReviewSummary } from "@/components/submissions/review-summary";
import { StateBadge } from "@/components/submissions/state-badge";
import { WriteUpView } from "@/components/submissions/write-up-view";

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
  const rubric = getRubric().criteria;
  const exemplar = getExemplar();
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
          <section aria-labelledby="writeup-title">
            <h2 id="writeup-title" className="text-xl font-semibold">
              The write-up
            </h2>
            <div className="mt-4">
              <WriteUpView writeUp={version.writeUp} evidence={version.evidence} />
            </div>
          </section>
          {version.evidence ? (
            <>
              <section aria-labelledby="numbers-title">
                <h2 id="numbers-title" className="text-xl font-semibold">
                  The numbers
                </h2>
                <div className="mt-4">
                  <EvidenceTable cells={version.evidence.cells} />
                </div>
              </section>
              <section aria-labelledby="answers-title">
                <h2 id="answers-title" className="text-xl font-semibold">
                  The answers, side by side, with the student&apos;s ratings
                </h2>
                <div className="mt-4">
                  <EvidenceAnswers evidence={version.evidence} writeUp={version.writeUp} />
                </div>
              </section>
            </>
          ) : (
            <p className="text-ink-muted">The evidence of this version could not be read.</p>
          )}
        </div>

        <aside aria-labelledby="review-title" className="lg:sticky lg:top-4 lg:max-h-[calc(100dvh-2rem)] lg:self-start lg:overflow-y-auto">
          <div className="rounded-2xl border border-line bg-surface p-5">
            <h2 id="review-title" className="text-xl font-semibold">
              Review
            </h2>
            <div className="mt-4">
              {mode === "decided" ? (
                version.review ? (
                  <ReviewSummary review={version.review} rubric={rubric} timeZone={env.TIME_ZONE} />
                ) : null
              ) : (
                <ReviewForm
                  key={`${submission.id}-${version.number}-${mode}`}
                  submissionId={submission.id}
                  mode={mode}
                  claimedByName={submission.claimedBy ? (submission.claimedBy.name ?? submission.claimedBy.email) : null}
                  rubric={rubric}
                  initial={draft ?? { levels: {}, feedback: "", grade: null, savedAt: null }}
                  bank={bank}
                  timeZone={env.TIME_ZONE}
                />
              )}
            </div>
          </div>
          <details className="mt-4 rounded-2xl border border-line bg-surface p-5 text-sm">
            <summary className="cursor-pointer font-semibold">Exemplar write-up</summary>
            <p className="mt-2 text-ink-muted">{exemplar.note}</p>
            <h3 className="mt-3 font-semibold">{exemplar.title}</h3>
            <p className="mt-2">{exemplar.evidence}</p>
            <ul className="mt-2 list-disc pl-5">
              {exemplar.ratings.map((r) => (
                <li key={r.cell}>
                  {r.cell}: {r.rating}/5. {r.note}
                </li>
              ))}
            </ul>
            <p className="mt-2 font-medium">Cannot know</p>
            <ul className="list-disc pl-5">
              {exemplar.cannotKnow.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
            <p className="mt-2">
              <span className="font-medium">Surprising failure ({exemplar.failure.where}):</span> {exemplar.failure.text}
            </p>
            <p className="mt-2">
              <span className="font-medium">
                {RECOMMENDATION_LABELS[exemplar.recommendation.choice]}
                {exemplar.recommendation.narrowJob ? `: ${exemplar.recommendation.narrowJob}` : ""}.
              </span>{" "}
              {exemplar.recommendation.paragraph}
            </p>
          </details>
        </aside>
      </div>
    </div>
  );
}
