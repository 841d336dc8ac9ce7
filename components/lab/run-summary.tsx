import type { LabRunView } from "@/components/lab/types";
import { formatBytes, formatDuration, formatNumber, formatPercent } from "@/lib/format";
import type { CellScores } from "@/lib/lab/scoring/types";
import { COLUMN_NAMES, partialRunNote, summariseRun, type ColumnSummary, type PredictionCheck, type Ratio } from "@/lib/lab/summary";
import { controlText } from "@/lib/lab/controls";
import { cn } from "@/lib/utils/cn";
import type { SampleTruth } from "@/lib/lab/types";

// The run as an experiment: the summary at the top of the results, each answer's scores with their
// evidence, and the sample's ground truth and trap once the run is over. Model text appears only as
// quoted evidence (plain text), never in the verdict.

const ratio = (r: Ratio | null) => (r ? `${r.right} / ${r.total}` : "—");

function Verdict({ check }: { check: PredictionCheck }) {
  const tone = {
    right: "bg-success-soft text-success",
    close: "bg-warning-soft text-warning",
    wrong: "bg-danger-soft text-danger",
    unknown: "bg-sunken text-ink-muted",
  }[check.verdict];
  const word = { right: "right", close: "close", wrong: "wrong", unknown: "can't tell" }[check.verdict];
  return <span className={cn("rounded-full px-2 py-0.5 text-xs font-semibold", tone)}>{word}</span>;
}

function columnCell(summary: ColumnSummary, key: string): string {
  switch (key) {
    case "controls":
      return summary.controlsState ? `${ratio(summary.controlsState)} (named ${ratio(summary.controlsFound)})` : "—";
    case "pairs":
      return ratio(summary.pairs);
    case "text":
      return formatPercent(summary.textRecall);
    case "inventions":
      return summary.inventions ? String(summary.inventions.length) : "—";
    case "injection":
      return summary.injection
        ? summary.injection.complied
          ? "followed it"
          : summary.injection.findings.length
            ? "passed it on"
            : "ignored it"
        : "—";
    case "time":
      return formatDuration(summary.totalMs);
    case "first":
      return formatDuration(summary.firstTokenMs);
    case "speed":
      return summary.tokensPerSecond === null ? "—" : `${formatNumber(summary.tokensPerSecond, 1)} tok/s`;
    case "memory":
      return summary.memoryBytes === null ? "—" : `${formatBytes(summary.memoryBytes)}, model layers on GPU ${summary.percentOnGpu}%`;
    default:
      return "—";
  }
}

export function RunSummaryCard({ run }: { run: LabRunView }) {
  const summary = summariseRun(run);
  const partial = partialRunNote(run);
  const scored = summary.hasGroundTruth;
  const rows = [
    ...(scored && summary.columns.some((c) => c.controlsState) ? [{ key: "controls", label: "Controls, right state" }] : []),
    ...(scored && summary.columns.some((c) => c.pairs) ? [{ key: "pairs", label: "Values on the right label" }] : []),
    ...(scored ? [{ key: "text", label: "Visible text found" }] : []),
    ...(scored && summary.columns.some((c) => c.inventions) ? [{ key: "inventions", label: "Hidden state invented" }] : []),
    ...(scored && summary.columns.some((c) => c.injection) ? [{ key: "injection", label: "Injected instruction" }] : []),
    { key: "time", label: "Time for its answers" },
    { key: "first", label: "First token (first answer)" },
    { key: "speed", label: "Generation speed (median)" },
    { key: "memory", label: "Memory" },
  ];
  return (
    <section aria-labelledby="summary-title" className="mt-6 rounded-xl border border-line bg-surface p-4 sm:p-5" data-testid="run-summary">
      <h4 id="summary-title" className="text-lg font-semibold">
        Summary{partial ? " (partial)" : ""}
      </h4>
      {partial ? (
        <p
          className="mt-2 rounded-lg border border-warning/40 bg-warning-soft px-3 py-2 text-sm font-semibold text-ink"
          data-testid="run-partial"
        >
          {partial}
        </p>
      ) : null}
      <div className="mt-2 flex flex-col gap-1" data-testid="run-verdict">
        {summary.verdict.map((line, i) => (
          <p key={i} className={i === 0 ? "font-medium" : "text-sm text-ink-muted"}>
            {line}
          </p>
        ))}
      </div>
      <div className="mt-4 overflow-x-auto" role="region" aria-labelledby="summary-table-caption" tabIndex={0}>
        <table className="w-full min-w-[32rem] text-sm">
          <caption id="summary-table-caption" className="sr-only">
            Scores, time and memory per column
          </caption>
          <thead>
            <tr className="border-b border-line text-left">
              <th scope="col" className="py-2 pr-3 font-semibold">
                Measure
              </th>
              {summary.columns.map((c) => (
                <th key={c.column} scope="col" className="py-2 pr-3 font-semibold">
                  {COLUMN_NAMES[c.column][0]!.toUpperCase() + COLUMN_NAMES[c.column].slice(1)}
                  <span className="block font-mono text-xs font-normal text-ink-muted">{c.model}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-b border-line last:border-0">
                <th scope="row" className="py-1.5 pr-3 text-left font-normal text-ink-muted">
                  {row.label}
                </th>
                {summary.columns.map((c) => (
                  <td key={c.column} className="py-1.5 pr-3 tabular-nums">
                    {c.column === "OCR" && ["first", "speed", "memory"].includes(row.key) ? "—" : columnCell(c, row.key)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summary.predictions.length ? (
        <div className="mt-4">
          <h5 className="font-semibold">Your predictions</h5>
          <ul className="mt-2 flex flex-col gap-2 text-sm" data-testid="prediction-checks">
            {summary.predictions.map((check) => (
              <li key={check.label} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <span className="font-medium">{check.label}:</span>
                <span>
                  you said {check.predicted}; measured {check.measured}
                </span>
                <Verdict check={check} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {summary.columns.some((c) => c.inventions?.length || c.injection?.findings.length) ? (
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer font-semibold">The evidence: what was invented or passed on</summary>
          <ul className="mt-2 flex flex-col gap-2">
            {summary.columns.flatMap((c) => [
              ...(c.inventions ?? []).map((inv, i) => (
                <li key={`${c.column}-inv-${i}`}>
                  <span className="font-medium">
                    {COLUMN_NAMES[c.column]}, {inv.promptKind === "ocr" ? "OCR" : `${inv.promptKind} prompt`}:
                  </span>{" "}
                  {inv.description} <q className="text-ink-muted">{inv.evidence}</q>
                </li>
              )),
              ...(c.injection?.findings ?? []).map((f, i) => (
                <li key={`${c.column}-inj-${i}`}>
                  <span className="font-medium">
                    {COLUMN_NAMES[c.column]}, {f.promptKind} prompt ({f.kind === "complied" ? "followed" : "passed on"}):
                  </span>{" "}
                  {f.description} <q className="text-ink-muted">{f.evidence}</q>
                </li>
              )),
            ])}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** One answer's scores, each with its evidence. */
export function CellScoresView({ scores }: { scores: CellScores }) {
  const { controls, pairs, inventions, injection } = scores;
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid="cell-scores">
      {controls ? (
        <details>
          <summary className="cursor-pointer">
            Controls: <strong>{controls.stateRight}</strong> of {controls.total} with the right state ({controls.found} named)
          </summary>
          <ul className="mt-1 flex flex-col gap-0.5 text-xs">
            {controls.matches.map((m, i) => (
              <li key={i}>
                <span aria-hidden="true">{m.stateRight ? "✓" : m.found ? "~" : "✗"}</span>{" "}
                <span className="sr-only">{m.stateRight ? "right:" : m.found ? "named, state wrong or missing:" : "missed:"}</span>
                {m.type} “{m.label}”: {m.truthState}
                {m.found && !m.stateRight ? <span className="text-ink-muted"> (said: {m.claimedState ?? "no state"})</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {pairs ? (
        <details>
          <summary className="cursor-pointer">
            Values on the right label: <strong>{pairs.right}</strong> of {pairs.total}
          </summary>
          <ul className="mt-1 flex flex-col gap-0.5 text-xs">
            {pairs.matches.map((m, i) => (
              <li key={i}>
                <span aria-hidden="true">{m.found ? "✓" : "✗"}</span> <span className="sr-only">{m.found ? "right:" : "not found:"}</span>
                {m.label}: {m.value}
                {!m.found && m.claimed ? <span className="text-ink-muted"> (said: {m.claimed})</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {inventions ? (
        inventions.inventions.length ? (
          <details>
            <summary className="cursor-pointer text-danger">
              Invented hidden state: <strong>{inventions.inventions.length}</strong>
            </summary>
            <ul className="mt-1 flex flex-col gap-0.5 text-xs">
              {inventions.inventions.map((inv, i) => (
                <li key={i}>
                  {inv.description}: <q>{inv.evidence}</q>
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <p>Invented hidden state: none of the {inventions.checked} checks</p>
        )
      ) : null}
      {injection ? (
        injection.findings.length ? (
          <details>
            <summary className="cursor-pointer text-danger">
              Injected instruction: <strong>{injection.complied ? "followed" : "passed on"}</strong>
            </summary>
            <ul className="mt-1 flex flex-col gap-0.5 text-xs">
              {injection.findings.map((f, i) => (
                <li key={i}>
                  {f.description}: <q>{f.evidence}</q>
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <p>Injected instruction: not followed</p>
        )
      ) : null}
    </div>
  );
}

/** The sample's ground truth and trap, after the run: what a careful reader sees. */
export function GroundTruth({ truth }: { truth: SampleTruth }) {
  return (
    <details className="mt-6 rounded-xl border border-line bg-surface p-4" data-testid="ground-truth">
      <summary className="cursor-pointer font-semibold">Ground truth and the trap: {truth.title}</summary>
      <div className="mt-3 flex flex-col gap-3 text-sm">
        {truth.trap ? (
          <p>
            <span className="font-semibold">The trap: </span>
            {truth.trap}
          </p>
        ) : null}
        <p>
          <span className="font-semibold">Likely task: </span>
          {truth.likelyTask}
        </p>
        {truth.controls.length ? (
          <div>
            <p className="font-semibold">Controls and their state</p>
            <ul className="list-disc pl-5">
              {truth.controls.map((c, i) => (
                <li key={i}>{controlText(c)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {truth.pairs.length ? (
          <div>
            <p className="font-semibold">Values and their labels</p>
            <ul className="list-disc pl-5">
              {truth.pairs.map((p, i) => (
                <li key={i}>
                  {p.label}: {p.value}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </details>
  );
}
