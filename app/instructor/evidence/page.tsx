import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/server/session";
import { currentScope } from "@/lib/classes/server/class-choice";
import { loadClassEvidence, type WriteUpFinding } from "@/lib/submissions/data/class-evidence";
import { anonymousName, hidesStudentNames } from "@/lib/submissions/server/preferences";
import { InstructorNav } from "@/components/instructor/instructor-nav";
import { EvidenceRecommendations, EvidenceSpeedCharts, EvidenceTotals } from "@/components/instructor/evidence-sections";
import { AccuracyTable, SpeedTable } from "@/components/instructor/evidence-tables";
import { Notice } from "@/components/ui/notice";

export const metadata: Metadata = { title: "What the class found" };

export default async function ClassEvidencePage() {
  const instructor = await requireRole("INSTRUCTOR", "/instructor/evidence");
  const scope = await currentScope(instructor);
  const [evidence, hideNames] = await Promise.all([loadClassEvidence(scope), hidesStudentNames()]);
  const findings = evidence.pairs.flatMap((p) => p.findings);
  const nameOf = (f: WriteUpFinding) => (hideNames ? anonymousName(f.submissionId) : f.studentName);
  const withGroundTruth = evidence.pairs.reduce((sum, p) => sum + p.withGroundTruth, 0);
  return (
    <div className="py-10">
      <h1 className="text-3xl font-semibold tracking-tight">What the class found</h1>
      <p className="mt-2 max-w-3xl text-ink-muted">
        The numbers behind every submitted write-up, per pair of models compared: the evidence each student froze when they submitted (the
        latest version), not the live runs.
      </p>
      <InstructorNav classes={scope.classes} selected={scope.selectedId} />
      {evidence.writeUps === 0 ? (
        <Notice title="Nothing has been submitted yet" className="mt-8 max-w-3xl">
          <p>
            When students submit their lab write-ups, this page shows, for each pair of models they compared: how many write-ups, the median
            and spread of load time, time to first token, tokens per second, memory and share on the GPU for each model; how much of a
            sample screenshot&apos;s text each column read; and what students recommended, against the hardware they measured on.
          </p>
        </Notice>
      ) : (
        <>
          <EvidenceTotals writeUps={evidence.writeUps} pairs={evidence.pairs.length} withGroundTruth={withGroundTruth} />
          <EvidenceSpeedCharts pairs={evidence.pairs} />

          <section aria-labelledby="speed-table-title" className="mt-10">
            <h2 id="speed-table-title" className="text-xl font-semibold">
              Speed and memory by model pair
            </h2>
            <p className="mt-2 max-w-3xl text-sm text-ink-muted">
              Median across write-ups, with quartiles and range. Load counts only runs in which the model started cold; first token, tokens
              per second, memory and share on the GPU are each write-up&apos;s median of its three answers.
            </p>
            <SpeedTable pairs={evidence.pairs} />
          </section>

          <section aria-labelledby="accuracy-title" className="mt-10">
            <h2 id="accuracy-title" className="text-xl font-semibold">
              Visible text read correctly
            </h2>
            <p className="mt-2 max-w-3xl text-sm text-ink-muted">
              Word recall: the share of a sample screenshot&apos;s words each column got, where the screenshot had ground truth (uploaded
              screenshots have none). The text-only model never sees the image, so its recall shows what guessing gets.
            </p>
            <AccuracyTable pairs={evidence.pairs} />
          </section>

          <EvidenceRecommendations pairs={evidence.pairs} findings={findings} nameOf={nameOf} />
        </>
      )}
    </div>
  );
}
