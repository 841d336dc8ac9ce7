import { EvidenceAnswers } from "@/components/submissions/evidence-answers";
import { EvidenceTable } from "@/components/submissions/evidence-table";
import { WriteUpView } from "@/components/submissions/write-up-view";
import type { Exemplar } from "@/lib/submissions/server/rubric";
import { RECOMMENDATION_LABELS, type Evidence, type WriteUp } from "@/lib/submissions/schemas";

// The parts of an instructor's review page that show what was submitted and what good looks like.

/** The write-up, its numbers, and the answers side by side with the student's ratings. */
export function SubmittedWork({ writeUp, evidence }: { writeUp: WriteUp; evidence: Evidence | null }) {
  return (
    <>
      <section aria-labelledby="writeup-title">
        <h2 id="writeup-title" className="text-xl font-semibold">
          The write-up
        </h2>
        <div className="mt-4">
          <WriteUpView writeUp={writeUp} evidence={evidence} />
        </div>
      </section>
      {evidence ? (
        <>
          <section aria-labelledby="numbers-title">
            <h2 id="numbers-title" className="text-xl font-semibold">
              The numbers
            </h2>
            <div className="mt-4">
              <EvidenceTable cells={evidence.cells} />
            </div>
          </section>
          <section aria-labelledby="answers-title">
            <h2 id="answers-title" className="text-xl font-semibold">
              The answers, side by side, with the student&apos;s ratings
            </h2>
            <div className="mt-4">
              <EvidenceAnswers evidence={evidence} writeUp={writeUp} />
            </div>
          </section>
        </>
      ) : (
        <p className="text-ink-muted">The evidence of this version could not be read.</p>
      )}
    </>
  );
}

/** The exemplar write-up, folded away beside the review. */
export function ExemplarDetails({ exemplar }: { exemplar: Exemplar }) {
  return (
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
  );
}
