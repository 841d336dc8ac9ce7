import type { PairSummary, WriteUpFinding } from "@/lib/submissions/data/class-evidence";
import { EvidenceDotPlot, EvidenceScatter, MarkerSwatch, RECOMMENDATION_SHAPES } from "@/components/instructor/evidence-charts";
import { RecommendationTable, WriteUpTable } from "@/components/instructor/evidence-tables";

// The class evidence page's larger sections: the headline counts, the two speed charts, and the
// recommendations (chart, legend and tables). The page loads the data and orders the sections.

const LEGEND = ["use", "do-not-use", "narrow", "none"] as const;

export function EvidenceTotals({ writeUps, pairs, withGroundTruth }: { writeUps: number; pairs: number; withGroundTruth: number }) {
  return (
    <dl className="mt-8 grid max-w-2xl grid-cols-3 gap-3 sm:gap-4">
      {[
        ["Write-ups", writeUps],
        ["Model pairs", pairs],
        ["With ground truth", withGroundTruth],
      ].map(([label, value]) => (
        <div key={label} className="rounded-xl border border-line bg-surface p-3 sm:p-4">
          <dt className="text-sm text-ink-muted">{label}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function EvidenceSpeedCharts({ pairs }: { pairs: PairSummary[] }) {
  return (
    <section aria-labelledby="speed-title" className="mt-10">
      <h2 id="speed-title" className="text-xl font-semibold">
        How fast the vision models answered
      </h2>
      <p className="mt-2 max-w-3xl text-sm text-ink-muted">
        Each dot is one write-up (the median of its three answers); the dark bar is the median across write-ups and the band the middle
        half. Every figure is in the tables below.
      </p>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <figure className="min-w-0 rounded-xl border border-line bg-surface p-4">
          <figcaption className="mb-3 font-semibold">Tokens per second (higher is faster)</figcaption>
          <EvidenceDotPlot
            id="tokens-chart"
            title="Vision model tokens per second, per model pair"
            pairs={pairs}
            metric="tokensPerSecond"
          />
        </figure>
        <figure className="min-w-0 rounded-xl border border-line bg-surface p-4">
          <figcaption className="mb-3 font-semibold">Time to the first token (lower is sooner)</figcaption>
          <EvidenceDotPlot
            id="first-token-chart"
            title="Vision model time to first token, per model pair"
            pairs={pairs}
            metric="firstTokenMs"
          />
        </figure>
      </div>
    </section>
  );
}

export type EvidenceRecommendationsProps = {
  pairs: PairSummary[];
  findings: WriteUpFinding[];
  nameOf: (finding: WriteUpFinding) => string;
};

export function EvidenceRecommendations({ pairs, findings, nameOf }: EvidenceRecommendationsProps) {
  const withoutMemory = findings.filter((f) => f.vision.residentBytes === null || f.vision.percentOnGpu === null).length;
  // "No recommendation" is in the legend only when some write-up has none.
  const shownKinds = LEGEND.filter((kind) => kind !== "none" || findings.some((f) => f.recommendation === null));
  return (
    <section aria-labelledby="recommendations-title" className="mt-10">
      <h2 id="recommendations-title" className="text-xl font-semibold">
        Recommendations and the hardware behind them
      </h2>
      <p className="mt-2 max-w-3xl text-sm text-ink-muted">
        What each write-up recommended, placed at the vision model&apos;s memory and share on the GPU in that run.
        {withoutMemory ? ` ${withoutMemory} write-up${withoutMemory === 1 ? " has" : "s have"} no memory reading and is not drawn.` : ""}
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
      <RecommendationTable pairs={pairs} />
      <h3 className="mt-8 text-lg font-semibold">Each write-up</h3>
      <WriteUpTable findings={findings} nameOf={nameOf} />
    </section>
  );
}
