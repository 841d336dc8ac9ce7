import type { LabCellView } from "@/lib/lab/types";
import type { ModelMetrics } from "@/lib/lab/schemas";
import { cn } from "@/lib/utils/cn";
import { formatDuration, formatNumber, formatPercent } from "@/lib/format";
import { CellScoresView } from "@/components/lab/run-summary";
import { StructuredOutput } from "@/components/lab/structured-output";
import { imageTokensText, labelOf, startText, statusLabel } from "@/components/lab/run/cell-text";
import { memoryText, thinkingText } from "@/lib/lab/metrics-text";
import type { FailureGroup } from "@/components/lab/run/failures";
import { RetryCell } from "@/components/lab/run/run-controls";

const num = formatNumber;
const seconds = formatDuration;

const STATUS_CLASSES: Partial<Record<LabCellView["status"], string>> = {
  DONE: "bg-success-soft text-success",
  FAILED: "bg-danger-soft text-danger",
  INTERRUPTED: "bg-danger-soft text-danger",
  EMPTY: "bg-warning-soft text-warning",
};

const RETRYABLE: LabCellView["status"][] = ["FAILED", "CANCELLED", "INTERRUPTED", "EMPTY"];

/** The cell's own error, or a pointer to the shared failure said above the results. */
function CellError({ cell, shared }: { cell: LabCellView; shared?: FailureGroup }) {
  if (shared) {
    return (
      <p className="text-sm text-danger" data-testid="cell-error">
        {shared.explanation.title}.{" "}
        <a href={`#${shared.anchor}`} className="font-semibold text-danger hover:text-danger">
          See the message above the results
        </a>
        .
      </p>
    );
  }
  if (!cell.error) return null;
  return (
    <p className={cn("text-sm", cell.status === "EMPTY" ? "text-warning" : "text-danger")} data-testid="cell-error">
      {cell.error}
    </p>
  );
}

/** What the model said: its structured answer with the raw reply, or the raw text. Untrusted: text only. */
function CellAnswer({ cell }: { cell: LabCellView }) {
  if (cell.structured) {
    return (
      <>
        <StructuredOutput value={cell.structured} />
        <details className="text-xs">
          <summary className="cursor-pointer">Raw reply</summary>
          <pre tabIndex={0} className="mt-1 max-h-48 overflow-auto rounded bg-sunken p-2 whitespace-pre-wrap">
            {cell.output}
          </pre>
        </details>
      </>
    );
  }
  if (cell.output) {
    return (
      <div>
        {cell.column === "VISION" && cell.status === "DONE" ? (
          <p className="text-xs font-semibold text-warning">Not valid JSON for the schema: shown as raw text.</p>
        ) : null}
        {/* Model output is untrusted text: rendered as text, never as HTML, never acted on. */}
        <pre
          tabIndex={0}
          className="max-h-72 overflow-auto rounded-lg bg-sunken p-3 font-sans text-sm whitespace-pre-wrap"
          data-testid="cell-output"
        >
          {cell.output}
        </pre>
      </div>
    );
  }
  return cell.status === "RUNNING" || cell.status === "PENDING" ? (
    <p className="text-sm text-ink-muted">Waiting for the first words…</p>
  ) : null;
}

/** Ollama's numbers for the answer: how the model started, prefill, generation, memory, host. */
function CellMetrics({ cell, m }: { cell: LabCellView; m: ModelMetrics }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 text-xs text-ink-muted" data-testid="cell-metrics">
      <dt>Start</dt>
      <dd>{startText(m)}</dd>
      <dt>First token</dt>
      <dd>{seconds(m.timeToFirstTokenMs)}</dd>
      <dt>Prompt tokens</dt>
      <dd>
        {num(m.promptTokens)}
        {cell.column === "TEXT" ? " (no image)" : imageTokensText(m)}
        {m.thinkingInPrompt ? ", the thinking included" : ""}
      </dd>
      <dt>Prefill</dt>
      <dd>
        {seconds(m.prefillMs)}
        {cell.column === "VISION" && cell.promptKind !== "easy" ? " (the image came from the prompt cache)" : ""}
      </dd>
      <dt>Generation</dt>
      <dd>
        {num(m.evalTokens)} tokens, {num(m.tokensPerSecond, 1)} tok/s
      </dd>
      <dt>Total</dt>
      <dd>
        {seconds(m.totalMs)} · {m.doneReason === "length" ? `cut off after ${num(m.evalTokens)} tokens` : (m.doneReason ?? "—")}
      </dd>
      {m.waitedMs !== undefined ? (
        <>
          <dt>Waited for the model</dt>
          <dd data-testid="cell-waited">{seconds(m.waitedMs)}</dd>
        </>
      ) : null}
      {m.thinkingChars ? (
        <>
          <dt>Thinking</dt>
          <dd data-testid="cell-thinking-metrics">{thinkingText(m)}</dd>
        </>
      ) : null}
      <dt>Memory</dt>
      <dd>{m.resident ? memoryText(m.resident) : "—"}</dd>
      {cell.stamp || cell.hostLabel ? (
        <>
          <dt>Served by</dt>
          <dd data-testid="cell-host">
            Ollama {cell.stamp?.ollamaVersion ?? "version unknown"}
            {cell.hostLabel ? ` on ${cell.hostLabel}` : ""}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** One answer of a run: one model (or OCR) on one prompt, with its status, scores and numbers. */
export function Cell({
  cell,
  onRetry,
  isBusy,
  shared,
  retryError,
}: {
  cell: LabCellView;
  onRetry?: (id: string) => void;
  isBusy: boolean;
  /** the failure this cell shares with others, said once above the results */
  shared?: FailureGroup;
  retryError?: string;
}) {
  return (
    <article
      className="flex min-w-0 flex-col gap-3 rounded-xl border border-line bg-surface p-4"
      data-testid={`cell-${cell.column}-${cell.promptKind}`}
      aria-label={`${cell.column === "OCR" ? "OCR" : `${labelOf(cell.promptKind)} prompt`}, ${cell.model ?? "tesseract"}`}
    >
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="font-mono text-xs">{cell.model ?? "tesseract.js"}</span>
        <span
          className={cn("rounded-full px-2 py-0.5 text-xs font-semibold", STATUS_CLASSES[cell.status] ?? "bg-sunken text-ink")}
          data-testid="cell-status"
        >
          {statusLabel(cell.status)}
        </span>
      </div>
      <CellError cell={cell} shared={shared} />
      {cell.thinking ? (
        <details className="text-xs" data-testid="cell-thinking">
          <summary className="cursor-pointer">Thinking ({formatNumber(cell.thinking.length)} characters)</summary>
          {/* Untrusted model text, as text. */}
          <pre tabIndex={0} className="mt-1 max-h-48 overflow-auto rounded bg-sunken p-2 font-sans whitespace-pre-wrap">
            {cell.thinking}
          </pre>
        </details>
      ) : null}
      <CellAnswer cell={cell} />
      {cell.accuracy ? (
        <p className="text-sm" data-testid="cell-accuracy">
          Visible text: recall <strong>{formatPercent(cell.accuracy.wordRecall)}</strong>, precision{" "}
          {formatPercent(cell.accuracy.wordPrecision)}, CER {formatNumber(cell.accuracy.charErrorRate, 2)}
        </p>
      ) : null}
      {cell.scores ? <CellScoresView scores={cell.scores} /> : null}
      {cell.ocrMetrics ? (
        <p className="text-xs text-ink-muted">
          Read in {seconds(cell.ocrMetrics.ocrMs)}, confidence {cell.ocrMetrics.confidence}%.
        </p>
      ) : null}
      {cell.metrics ? <CellMetrics cell={cell} m={cell.metrics} /> : null}
      {cell.stamp ? (
        <details className="text-xs">
          <summary className="cursor-pointer">Reproducibility stamp</summary>
          <pre tabIndex={0} className="mt-1 overflow-auto rounded bg-sunken p-2">
            {JSON.stringify(cell.stamp, null, 2)}
          </pre>
        </details>
      ) : null}
      {cell.previous.length ? (
        <p className="text-xs text-ink-muted">
          Attempt {cell.attempts}; earlier attempts kept ({cell.previous.length}).
        </p>
      ) : null}
      {onRetry && RETRYABLE.includes(cell.status) ? (
        <RetryCell cellId={cell.id} isBusy={isBusy} error={retryError} onRetry={onRetry} />
      ) : null}
    </article>
  );
}
