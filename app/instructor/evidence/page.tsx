import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/server/session";
import { loadClassEvidence, type WriteUpFinding } from "@/lib/submissions/data/class-evidence";
import { anonymousName, hidesStudentNames } from "@/lib/submissions/server/preferences";
import { InstructorNav } from "@/components/instructor/instructor-nav";
import { EvidenceDotPlot, EvidenceScatter, MarkerSwatch, RECOMMENDATION_SHAPES } from "@/components/instructor/evidence-charts";
import { AccuracyTable, RecommendationTable, SpeedTable, WriteUpTable } from "@/components/instructor/evidence-tables";
import { Notice } from "@/components/ui/notice";

export const metadata: Metadata = { title: "What the class found" };

const LEGEND = ["use", "do-not-use", "narrow", "none"] as const;

export default async function ClassEvidencePage() {
  const instructor = await requireRole("INSTRUCTOR", "/instructor/evidence");
  const [evidence, hideNames] = await Promise.all([loadClassEvidence(instructor), hidesStudentNames()]);
  const findings = evidence.pairs.flatMap((p) => p.findings);
  const nameOf = (f: WriteUpFinding) => (hideNames ? anonymousName(f.submissionId) : f.studentName);
  const withGroundTruth = evidence.pairs.reduce((sum, p) => sum + p.withGroundTruth, 0);
  const withoutMemory = findings.filter((f) => f.vision.residentBytes === null || f.vision.percentOnGpu === null).length;
  const shownKinds = LEGEND.filter((kind) => kind !== "none" || findings.some((f) => f.recommendation === null));
  return (
    <div className="py-10">
      <h1 className="text-3xl font-semibold tracking-tight">What the class found</h1>
      <p className="mt-2 max-w-3xl text-ink-muted">
        The numbers behind every submitted write-up, per pair of models compared: the evidence each student froze when they submitted (the
        latest version), not the live runs.
      </p>
      <InstructorNav />
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
          <dl className="mt-8 grid max-w-2xl grid-cols-3 gap-3 sm:gap-4">
            {[
              ["Write-ups", evidence.writeUps],
              ["Model pairs", evidence.pairs.length],
              ["With ground truth", withGroundTruth],
            ].map(([label, value]) => (
              <div key={label} className="rounded-xl border border-line bg-surface p-3 sm:p-4">
                <dt className="text-sm text-ink-muted">{label}</dt>
                <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>

          <section aria-labelledby="speed-title" className="mt-10">
            <h2 id="speed-title" className="text-xl font-semibold">
              How fast the vision models answered
            </h2>
            <p className="mt-2 max-w-3xl text-sm text-ink-muted">
              Each dot is one write-up (the median of its three answers); the dark bar is the median across write-ups and the band the
              middle half. Every figure is in the tables below.
            </p>
            <div className="mt-4 grid gap-6 lg:grid-cols-2">
              <figure className="min-w-0 rounded-xl border border-line bg-surface p-4">
                <figcaption className="mb-3 font-semibold">Tokens per second (higher is faster)</figcaption>
                <EvidenceDotPlot
                  id="tokens-chart"
                  title="Vision model tokens per second, per model pair"
                  pairs={evidence.pairs}
                  metric="tokensPerSecond"
                />
              </figure>
              <figure className="min-w-0 rounded-xl border border-line bg-surface p-4">
                <figcaption className="mb-3 font-semibold">Time to the first token (lower is sooner)</figcaption>
                <EvidenceDotPlot
                  id="first-token-chart"
                  title="Vision model time to first token, per model pair"
                  pairs={evidence.pairs}
                  metric="firstTokenMs"
                />
              </figure>
            </div>
          </section>

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

          <section aria-labelledby="recommendations-title" className="mt-10">
            <h2 id="recommendations-title" className="text-xl font-semibold">
              Recommendations and the hardware behind them
            </h2>
            <p className="mt-2 max-w-3xl text-sm text-ink-muted">
              What each write-up recommended, placed at the vision model&apos;s memory and share on the GPU in that run.
              {withoutMemory
                ? ` ${withoutMemory} write-up${withoutMemory === 1 ? " has" : "s have"} no memory reading and is not drawn.`
                : ""}
            </p>
            <figure className="mt-4 min-w-0 rounded-xl border border-line bg-surface p-4">
              <figcaption className="mb-3">
                <span className="font-semibold">Recommendation by memory and GPU share</span>
                <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label="Legend">
                  {shownKinds.map((kind) => (
                    <li key={kind} className="inline-flex items-center gap-2">
                      <MarkerSwatch kind={kind} />
                      {RECOMMENDATION_SHAPES[kind].label} ({RECOMMENDATION_SHAPES[kind].shape})
                    </li>
                  ))}
                </ul>
              </figcaption>
              <EvidenceScatter id="recommendation-chart" findings={findings} />
            </figure>
            <RecommendationTable pairs={evidence.pairs} />
            <h3 className="mt-8 text-lg font-semibold">Each write-up</h3>
            <WriteUpTable findings={findings} nameOf={nameOf} />
          </section>
        </>
      )}
    </div>
  );
}
