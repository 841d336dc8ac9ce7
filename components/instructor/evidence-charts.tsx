import type { ReactNode } from "react";
import { ChartFrame, XTickLabels } from "@/components/ui/chart-frame";
import { decimalsOf, niceTicks, type Ticks } from "@/lib/charts/ticks";
import { formatBytes, formatDuration, formatNumber } from "@/lib/format";
import type { PairSummary, WriteUpFinding } from "@/lib/submissions/data/class-evidence";
import { RECOMMENDATION_LABELS, type Recommendation } from "@/lib/submissions/schemas";

// Hand-made SVG charts for the class's evidence. Horizontal positions are percentages of the
// chart's width and everything else is in CSS pixels, so the charts fit any width without
// shrinking their text. Colours come from the theme (fill-*/stroke-* utilities), so both schemes
// work. Every number drawn is also in a table on the page; the SVG's title and description say
// what it shows.

/** Keeps the outermost dots and tick labels inside the chart. */
const PAD = 5;

const xAt = (value: number, max: number) => `${PAD + (value / max) * (100 - 2 * PAD)}%`;

const truncate = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

export const pairLabel = (pair: { textModel: string; visionModel: string }) => `${pair.textModel} + ${pair.visionModel}`;

type DotMetric = "tokensPerSecond" | "firstTokenMs";

const DOT_METRICS: Record<DotMetric, { axis: string; tick: (v: number, ticks: Ticks) => string; words: (v: number) => string }> = {
  tokensPerSecond: {
    axis: "tokens per second",
    tick: (v, ticks) => formatNumber(v, ticks.decimals),
    words: (v) => `${formatNumber(v, 1)} tokens/s`,
  },
  firstTokenMs: {
    axis: "time to the first token",
    // One unit per axis: milliseconds for a fast class, seconds otherwise.
    tick: (v, ticks) =>
      ticks.max >= 2000 ? `${formatNumber(v / 1000, decimalsOf(ticks.step / 1000))} s` : `${formatNumber(v, ticks.decimals)} ms`,
    words: (v) => formatDuration(v),
  },
};

const ROW = 54;
const AXIS = 40;
// A few write-ups with the same figure would hide each other: shift them up and down a little.
const JITTER = [0, -7, 7, -3.5, 3.5, -10, 10];

/** One row per model pair: each write-up's figure for the vision model as a dot, the median as a bar, the middle half as a band. */
export function EvidenceDotPlot({ id, title, pairs, metric }: { id: string; title: string; pairs: PairSummary[]; metric: DotMetric }) {
  const { axis, tick, words } = DOT_METRICS[metric];
  const values = pairs.flatMap((p) => p.findings.map((f) => f.vision[metric]).filter((v): v is number => v !== null));
  const ticks = niceTicks(Math.max(0, ...values));
  const { max } = ticks;
  const height = pairs.length * ROW + AXIS;
  const plotBottom = pairs.length * ROW + 4;
  const description = pairs
    .map((p) => {
      const s = p.vision[metric];
      if (!s) return `${pairLabel(p)}: no measurement.`;
      return (
        `${pairLabel(p)}: ${s.n} write-up${s.n === 1 ? "" : "s"}, median ${words(s.median)}` +
        (s.n > 1 ? `, middle half ${words(s.q1)} to ${words(s.q3)}, range ${words(s.min)} to ${words(s.max)}.` : ".")
      );
    })
    .join(" ");
  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      height={height}
      className="block overflow-visible text-xs"
      testId={`chart-${id}`}
    >
      {ticks.values.map((t) => (
        <line key={t} x1={xAt(t, max)} x2={xAt(t, max)} y1={20} y2={plotBottom} className="stroke-line" strokeWidth={1} />
      ))}
      {pairs.map((pair, i) => {
        const top = i * ROW;
        const cy = top + 36;
        const spread = pair.vision[metric];
        return (
          <g key={pair.key}>
            <text x="0" y={top + 14} className="fill-ink font-mono">
              {truncate(pairLabel(pair), 44)}
            </text>
            {spread ? (
              <>
                <rect
                  x={xAt(spread.q1, max)}
                  width={`${((spread.q3 - spread.q1) / max) * (100 - 2 * PAD)}%`}
                  y={cy - 10}
                  height={20}
                  rx={3}
                  className="fill-accent-soft"
                />
                {pair.findings.map((f, j) =>
                  f.vision[metric] === null ? null : (
                    <circle
                      key={f.submissionId}
                      cx={xAt(f.vision[metric], max)}
                      cy={cy + JITTER[j % JITTER.length]!}
                      r={5}
                      className="fill-accent stroke-surface"
                      strokeWidth={1.5}
                    >
                      <title>{words(f.vision[metric])}</title>
                    </circle>
                  ),
                )}
                <line
                  x1={xAt(spread.median, max)}
                  x2={xAt(spread.median, max)}
                  y1={cy - 14}
                  y2={cy + 14}
                  className="stroke-ink"
                  strokeWidth={3}
                  strokeLinecap="round"
                />
              </>
            ) : (
              <text x={`${PAD}%`} y={cy + 4} className="fill-ink-muted">
                not measured
              </text>
            )}
          </g>
        );
      })}
      <XTickLabels values={ticks.values} xAt={(t) => xAt(t, max)} y={plotBottom + 16} label={(t) => tick(t, ticks)} />
      <text x="100%" y={plotBottom + 34} textAnchor="end" className="fill-ink-muted">
        {axis}
      </text>
    </ChartFrame>
  );
}

type RecommendationKey = Recommendation | "none";

export const RECOMMENDATION_SHAPES: Record<RecommendationKey, { shape: string; label: string }> = {
  use: { shape: "circle", label: RECOMMENDATION_LABELS.use },
  "do-not-use": { shape: "cross", label: RECOMMENDATION_LABELS["do-not-use"] },
  narrow: { shape: "triangle", label: RECOMMENDATION_LABELS.narrow },
  none: { shape: "ring", label: "No recommendation" },
};

/** A recommendation's marker, drawn around (0, 0): shape and colour both tell them apart. */
function MarkerShape({ kind }: { kind: RecommendationKey }) {
  switch (kind) {
    case "use":
      return <circle r={6} className="fill-success stroke-surface" strokeWidth={1.5} />;
    case "do-not-use":
      return <path d="M-5,-5L5,5M5,-5L-5,5" className="stroke-danger" strokeWidth={3} strokeLinecap="round" fill="none" />;
    case "narrow":
      return <path d="M0,-7L6.5,5L-6.5,5Z" className="fill-warning stroke-surface" strokeWidth={1.5} />;
    default:
      return <circle r={5} className="stroke-ink-muted" strokeWidth={2} fill="none" />;
  }
}

/** The legend's swatch: the same marker, in a line of text. */
export function MarkerSwatch({ kind }: { kind: RecommendationKey }) {
  return (
    <svg width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true" className="inline-block shrink-0 align-[-3px]">
      <MarkerShape kind={kind} />
    </svg>
  );
}

const SCATTER_HEIGHT = 270;
const PLOT_TOP = 22;
const PLOT_BOTTOM = 222;
const yAtShare = (percent: number) => PLOT_BOTTOM - (percent / 100) * (PLOT_BOTTOM - PLOT_TOP);

/** Each write-up's recommendation at the vision model's memory (across) and share on the GPU (up). */
export function EvidenceScatter({ id, findings }: { id: string; findings: WriteUpFinding[] }) {
  const points = findings.filter((f) => f.vision.residentBytes !== null && f.vision.percentOnGpu !== null);
  const ticks = niceTicks(Math.max(0, ...points.map((f) => f.vision.residentBytes! / 1e9)));
  const { max } = ticks;
  const seen = new Map<string, number>();
  const description = (Object.keys(RECOMMENDATION_SHAPES) as RecommendationKey[])
    .map((kind) => {
      const group = points.filter((f) => (f.recommendation ?? "none") === kind);
      if (!group.length) return null;
      const memory = group.map((f) => f.vision.residentBytes!).sort((a, b) => a - b);
      const share = group.map((f) => f.vision.percentOnGpu!).sort((a, b) => a - b);
      return (
        `${RECOMMENDATION_SHAPES[kind].label} (${RECOMMENDATION_SHAPES[kind].shape}): ${group.length} write-up${group.length === 1 ? "" : "s"}, ` +
        `memory ${formatBytes(memory[0])} to ${formatBytes(memory[memory.length - 1])}, ` +
        `${formatNumber(share[0])}% to ${formatNumber(share[share.length - 1])}% on the GPU.`
      );
    })
    .filter(Boolean)
    .join(" ");
  const markers: ReactNode[] = points.map((f) => {
    const kind: RecommendationKey = f.recommendation ?? "none";
    const x = xAt(f.vision.residentBytes! / 1e9, max);
    const y = yAtShare(f.vision.percentOnGpu!);
    // Write-ups measured on the same hardware land on one spot: ring them around it.
    const spot = `${x}|${y}`;
    const k = seen.get(spot) ?? 0;
    seen.set(spot, k + 1);
    const angle = (k * Math.PI) / 3;
    const radius = k === 0 ? 0 : 9 * Math.ceil(k / 6);
    return (
      <g key={f.submissionId} transform={`translate(${(radius * Math.cos(angle)).toFixed(1)},${(radius * Math.sin(angle)).toFixed(1)})`}>
        <svg x={x} y={y} overflow="visible">
          <MarkerShape kind={kind} />
          <title>
            {`${RECOMMENDATION_SHAPES[kind].label}: ${pairLabel(f)}, ${formatBytes(f.vision.residentBytes)}, ${formatNumber(f.vision.percentOnGpu)}% on GPU`}
          </title>
        </svg>
      </g>
    );
  });
  return (
    <ChartFrame
      id={id}
      title="Recommendations against the vision model's memory and share on the GPU"
      description={description || "No write-up recorded the vision model's memory."}
      height={SCATTER_HEIGHT}
      className="block overflow-visible text-xs"
      testId={`chart-${id}`}
    >
      {[0, 25, 50, 75, 100].map((share) => (
        <g key={share}>
          <line x1="0" x2="100%" y1={yAtShare(share)} y2={yAtShare(share)} className="stroke-line" strokeWidth={1} />
          <text x="0" y={yAtShare(share) - 4} className="fill-ink-muted tabular-nums">
            {share === 100 ? "100% on GPU" : `${share}%`}
          </text>
        </g>
      ))}
      {ticks.values.map((t) => (
        <line
          key={t}
          x1={xAt(t, max)}
          x2={xAt(t, max)}
          y1={PLOT_BOTTOM}
          y2={PLOT_BOTTOM + 5}
          className="stroke-line-strong"
          strokeWidth={1}
        />
      ))}
      <XTickLabels values={ticks.values} xAt={(t) => xAt(t, max)} y={PLOT_BOTTOM + 20} label={(t) => formatNumber(t, ticks.decimals)} />
      <text x="100%" y={PLOT_BOTTOM + 40} textAnchor="end" className="fill-ink-muted">
        vision model in memory (GB)
      </text>
      {markers}
    </ChartFrame>
  );
}
