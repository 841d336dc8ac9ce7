import { EvidenceAnswers } from "@/components/submissions/evidence-answers";
import { EvidenceTable } from "@/components/submissions/evidence-table";
import { WriteUpView } from "@/components/submissions/write-up-view";
import { ExemplarList } from "@/components/submissions/exemplar-view";
import { GradeBandsTable } from "@/components/submissions/rubric-guide";
import type { Exemplar } from "@/lib/submissions/exemplars";
import type { Evidence, WriteUp } from "@/lib/submissions/schemas";
import type { Rubric } from "@/lib/submissions/scoring";
import type { EvidenceTruth } from "@/lib/submissions/server/ground-truth";

// The parts of an instructor's review page that show what was submitted and what good looks like.

/** The write-up, its numbers, and the answers side by side with the student's ratings and their ground-truth scores. */
export function SubmittedWork({ writeUp, evidence, truth }: { writeUp: WriteUp; evidence: Evidence | null; truth?: EvidenceTruth }) {
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
              <EvidenceAnswers evidence={evidence} writeUp={writeUp} truth={truth} />
            </div>
          </section>
        </>
      ) : (
        <p className="text-ink-muted">The evidence of this version could not be read.</p>
      )}
    </>
  );
}

/** Beside the review: the grade bands the student also sees, and the exemplars, each folded away. */
export function ExemplarDetails({
  exemplars,
  rubric,
}: {
  exemplars: readonly Exemplar[];
  rubric: Pick<Rubric, "criteria" | "gradeBands">;
}) {
  return (
    <>
      <div className="mt-4 rounded-2xl border border-line bg-surface p-5">
        <GradeBandsTable bands={rubric.gradeBands} />
      </div>
      <div className="mt-4 rounded-2xl border border-line bg-surface p-5">
        <ExemplarList exemplars={exemplars} rubric={rubric} headingLevel={2} />
      </div>
    </>
  );
}
