import type { ReactNode } from "react";
import Link from "next/link";
import { formatBytes, formatDuration, formatNumber, formatPercent } from "@/lib/format";
import type { Spread } from "@/lib/stats";
import type { ModelSummary, PairSummary, WriteUpFinding } from "@/lib/submissions/data/class-evidence";
import { MarkerSwatch, pairLabel, RECOMMENDATION_SHAPES } from "@/components/instructor/evidence-charts";
import { ScrollTable } from "@/components/ui/scroll-table";

// The tables behind the class's evidence charts: every number a chart draws is here as text.

const th = "px-3 py-2 font-semibold";
const td = "px-3 py-2 align-top";

/** `width`: the table's least width, past which its region scrolls sideways (the page never does). */
function TableFrame({ id, caption, width, children }: { id: string; caption: string; width: string; children: ReactNode }) {
  return (
    <ScrollTable labelledBy={id} className="mt-4">
      <table className={`w-full text-left text-sm ${width}`}>
        <caption id={id} className="sr-only">
          {caption}
        </caption>
        {children}
      </table>
    </ScrollTable>
  );
}

/** Median, then the middle half and the range; how many write-ups it rests on when not all. */
function SpreadCell({ spread, format, of }: { spread: Spread | null; format: (v: number) => string; of: number }) {
  if (!spread) return <td className={`${td} text-ink-muted`}>—</td>;
  return (
    <td className={`${td} tabular-nums`}>
      <span className="font-semibold">{format(spread.median)}</span>
      {spread.n > 1 ? (
        <>
          <span className="block text-xs whitespace-nowrap text-ink-muted">
            quartiles {format(spread.q1)} – {format(spread.q3)}
          </span>
          <span className="block text-xs whitespace-nowrap text-ink-muted">
            range {format(spread.min)} – {format(spread.max)}
          </span>
        </>
      ) : null}
      {spread.n < of ? (
        <span className="block text-xs text-ink-muted">
          {spread.n} of {of} write-ups
        </span>
      ) : null}
    </td>
  );
}

const duration = (v: number) => formatDuration(v);
const speed = (v: number) => formatNumber(v, 1);
const bytes = (v: number) => formatBytes(v);
const share = (v: number) => `${formatNumber(v)}%`;
const recall = (v: number) => formatPercent(v);

function ModelRow({ pair, model, role, isFirst }: { pair: PairSummary; model: ModelSummary; role: string; isFirst: boolean }) {
  return (
    <tr className={isFirst ? "border-t border-line" : undefined}>
      {isFirst ? (
        <th scope="rowgroup" rowSpan={2} className={`${td} font-mono text-xs font-medium`}>
          {pairLabel(pair)}
          <span className="mt-1 block font-sans text-ink-muted">
            {pair.writeUps} write-up{pair.writeUps === 1 ? "" : "s"}
          </span>
        </th>
      ) : null}
      <th scope="row" className={`${td} font-medium`}>
        <span className="font-mono text-xs">{model.model}</span>
        <span className="block text-xs font-normal text-ink-muted">{role}</span>
      </th>
      <SpreadCell spread={model.loadMs} format={duration} of={pair.writeUps} />
      <SpreadCell spread={model.firstTokenMs} format={duration} of={pair.writeUps} />
      <SpreadCell spread={model.tokensPerSecond} format={speed} of={pair.writeUps} />
      <SpreadCell spread={model.residentBytes} format={bytes} of={pair.writeUps} />
      <SpreadCell spread={model.percentOnGpu} format={share} of={pair.writeUps} />
    </tr>
  );
}

export function SpeedTable({ pairs }: { pairs: PairSummary[] }) {
  return (
    <TableFrame
      id="speed-caption"
      caption="Speed and memory per model pair: median, quartiles and range across write-ups"
      width="min-w-[52rem]"
    >
      <thead className="bg-sunken text-xs text-ink-muted">
        <tr>
          {["Model pair", "Model", "Load (cold start)", "First token", "Tokens/s", "Memory", "On GPU"].map((c) => (
            <th key={c} scope="col" className={th}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      {pairs.map((pair) => (
        <tbody key={pair.key}>
          <ModelRow pair={pair} model={pair.text} role="text-only" isFirst />
          <ModelRow pair={pair} model={pair.vision} role="vision" isFirst={false} />
        </tbody>
      ))}
    </TableFrame>
  );
}

export function AccuracyTable({ pairs }: { pairs: PairSummary[] }) {
  return (
    <TableFrame
      id="accuracy-caption"
      caption="Visible-text word recall per model pair and column, on samples with ground truth"
      width="min-w-[44rem]"
    >
      <thead className="bg-sunken text-xs text-ink-muted">
        <tr>
          {["Model pair", "Write-ups with ground truth", "Text-only model", "Vision model", "OCR"].map((c) => (
            <th key={c} scope="col" className={th}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {pairs.map((pair) => (
          <tr key={pair.key} className="border-t border-line">
            <th scope="row" className={`${td} font-mono text-xs font-medium`}>
              {pairLabel(pair)}
            </th>
            <td className={`${td} tabular-nums`}>
              {pair.withGroundTruth} of {pair.writeUps}
            </td>
            <SpreadCell spread={pair.recall.TEXT} format={recall} of={pair.withGroundTruth} />
            <SpreadCell spread={pair.recall.VISION} format={recall} of={pair.withGroundTruth} />
            <SpreadCell spread={pair.recall.OCR} format={recall} of={pair.withGroundTruth} />
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}

const NARROW_JOBS_SHOWN = 5;

export function RecommendationTable({ pairs }: { pairs: PairSummary[] }) {
  return (
    <TableFrame id="recommendation-caption" caption="Recommendations per model pair" width="min-w-[44rem]">
      <thead className="bg-sunken text-xs text-ink-muted">
        <tr>
          {[
            "Model pair",
            RECOMMENDATION_SHAPES.use.label,
            RECOMMENDATION_SHAPES["do-not-use"].label,
            RECOMMENDATION_SHAPES.narrow.label,
            "Narrow jobs named",
          ].map((c) => (
            <th key={c} scope="col" className={th}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {pairs.map((pair) => {
          const jobs = [...new Set(pair.findings.map((f) => f.narrowJob).filter((j): j is string => Boolean(j)))];
          return (
            <tr key={pair.key} className="border-t border-line">
              <th scope="row" className={`${td} font-mono text-xs font-medium`}>
                {pairLabel(pair)}
              </th>
              <td className={`${td} tabular-nums`}>{pair.recommendations.use}</td>
              <td className={`${td} tabular-nums`}>{pair.recommendations["do-not-use"]}</td>
              <td className={`${td} tabular-nums`}>{pair.recommendations.narrow}</td>
              <td className={td}>
                {jobs.length ? (
                  <ul className="flex flex-col gap-1">
                    {jobs.slice(0, NARROW_JOBS_SHOWN).map((job) => (
                      <li key={job}>{job}</li>
                    ))}
                    {jobs.length > NARROW_JOBS_SHOWN ? (
                      <li className="text-ink-muted">and {jobs.length - NARROW_JOBS_SHOWN} more</li>
                    ) : null}
                  </ul>
                ) : (
                  <span className="text-ink-muted">—</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}

/** Every write-up as a dot or a marker in the charts, one row each. */
export function WriteUpTable({ findings, nameOf }: { findings: WriteUpFinding[]; nameOf: (f: WriteUpFinding) => string }) {
  return (
    <TableFrame id="write-ups-caption" caption="Each write-up: the vision model's figures and the recommendation" width="min-w-[56rem]">
      <thead className="bg-sunken text-xs text-ink-muted">
        <tr>
          {["Write-up", "Model pair", "Recommendation", "Vision tokens/s", "Vision first token", "Vision memory", "On GPU"].map((c) => (
            <th key={c} scope="col" className={th}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {findings.map((f) => {
          const kind = f.recommendation ?? "none";
          return (
            <tr key={f.submissionId} className="border-t border-line">
              <th scope="row" className={`${td} font-medium`}>
                <Link href={`/instructor/submissions/${f.submissionId}`}>{nameOf(f)}</Link>
                {f.version > 1 ? <span className="block text-xs font-normal text-ink-muted">version {f.version}</span> : null}
              </th>
              <td className={`${td} font-mono text-xs`}>{pairLabel(f)}</td>
              <td className={td}>
                <span className="inline-flex items-start gap-2">
                  <MarkerSwatch kind={kind} />
                  <span>
                    {RECOMMENDATION_SHAPES[kind].label}
                    {f.narrowJob ? <span className="block text-xs text-ink-muted">{f.narrowJob}</span> : null}
                  </span>
                </span>
              </td>
              <td className={`${td} tabular-nums`}>{formatNumber(f.vision.tokensPerSecond, 1)}</td>
              <td className={`${td} tabular-nums`}>{formatDuration(f.vision.firstTokenMs)}</td>
              <td className={`${td} tabular-nums`}>{formatBytes(f.vision.residentBytes)}</td>
              <td className={`${td} tabular-nums`}>{f.vision.percentOnGpu === null ? "—" : share(f.vision.percentOnGpu)}</td>
            </tr>
          );
        })}
      </tbody>
    </TableFrame>
  );
}
