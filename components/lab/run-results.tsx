"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type KeyboardEvent } from "react";
import { cancelLabRunAction, retryLabCellAction } from "@/app/lessons/[slug]/lab/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { TriangleAlert } from "lucide-react";
import type { LabCellView, LabRunView } from "@/components/lab/types";
import type { ModelMetrics, VisionOutput } from "@/lib/lab/schemas";
import { PROMPT_KIND_INFO, type PromptKind } from "@/lib/lab/prompt-kinds";
import { cn } from "@/lib/utils/cn";
import { explainFailure, type FailureExplanation } from "@/lib/errors/table";
import { formatBytes, formatDuration, formatNumber, formatPercent, plural } from "@/lib/format";
import { controlText } from "@/lib/lab/controls";
import { CellScoresView, GroundTruth, RunSummaryCard } from "@/components/lab/run-summary";
import type { SampleTruth } from "@/lib/lab/types";
import { RUN_OUTCOME_LABELS } from "@/lib/lab/run-status";
import { PROMPT_KINDS } from "@/lib/lab/prompt-kinds";

const labelOf = (kind: string) => (kind in PROMPT_KIND_INFO ? PROMPT_KIND_INFO[kind as PromptKind].label : "OCR");
const COLUMNS = [
  { key: "TEXT", title: "Text-only model", note: "Got the prompt only: no image was sent." },
  { key: "VISION", title: "Vision model", note: "Got the prompt and the screenshot, asked for structured output." },
  { key: "OCR", title: "OCR baseline", note: "tesseract.js on the same image: text only, no controls, no task." },
] as const;

const num = formatNumber;
const seconds = formatDuration;

function statusLabel(status: LabCellView["status"]) {
  return {
    PENDING: "Queued",
    RUNNING: "Running…",
    DONE: "Done",
    EMPTY: "No answer",
    FAILED: "Failed",
    CANCELLED: "Cancelled",
    INTERRUPTED: "Interrupted",
  }[status];
}

/** How the model started, and what its load_duration holds. */
function startText(m: ModelMetrics): string {
  const state = m.startState ?? (m.isCold ? "cold" : "warm");
  if (state === "warm") return "warm (already loaded)";
  const what = state === "reload" ? "reloaded for another context size" : state === "cold" ? "cold" : m.isCold ? "cold" : "warm";
  // Ollama loads one model at a time: with both columns running, one load can wait for the other.
  const load = m.lanesInParallel ? `load + wait ${seconds(m.loadMs)}` : `load ${seconds(m.loadMs)}`;
  return `${what}, ${load}`;
}

function imageTokensText(m: ModelMetrics): string {
  if (!m.expectedImageTokens) return "";
  const measured = m.measuredImageTokens ? `, measured ${num(m.measuredImageTokens)}` : "";
  return ` (image: about ${num(m.expectedImageTokens)} expected${measured})`;
}

function StructuredOutput({ value }: { value: VisionOutput }) {
  const list = (title: string, items: string[]) => (
    <div>
      <p className="font-semibold">{title}</p>
      {items.length ? (
        <ul className="list-disc pl-5">
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : (
        <p className="text-ink-muted">none</p>
      )}
    </div>
  );
  return (
    <div className="flex flex-col gap-2 text-sm">
      {list("Visible text", value.visible_text)}
      {list("Visible controls", value.visible_controls.map(controlText))}
      <div>
        <p className="font-semibold">Likely user task</p>
        <p>{value.likely_user_task ?? <span className="text-ink-muted">not stated</span>}</p>
      </div>
      {list("Uncertainties", value.uncertainties)}
    </div>
  );
}

function Cell({
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
  const m = cell.metrics;
  const ocr = cell.ocrMetrics;
  const structured = cell.structured;
  return (
    <article
      className="flex min-w-0 flex-col gap-3 rounded-xl border border-line bg-surface p-4"
      data-testid={`cell-${cell.column}-${cell.promptKind}`}
      aria-label={`${cell.column === "OCR" ? "OCR" : `${labelOf(cell.promptKind)} prompt`}, ${cell.model ?? "tesseract"}`}
    >
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="font-mono text-xs">{cell.model ?? "tesseract.js"}</span>
        <span
          className={cn(
            "rounded-full px-2 py-0.5 text-xs font-semibold",
            cell.status === "DONE"
              ? "bg-success-soft text-success"
              : cell.status === "FAILED" || cell.status === "INTERRUPTED"
                ? "bg-danger-soft text-danger"
                : cell.status === "EMPTY"
                  ? "bg-warning-soft text-warning"
                  : "bg-sunken text-ink",
          )}
          data-testid="cell-status"
        >
          {statusLabel(cell.status)}
        </span>
      </div>
      {shared ? (
        <p className="text-sm text-danger" data-testid="cell-error">
          {shared.explanation.title}.{" "}
          <a href={`#${shared.anchor}`} className="font-semibold text-danger hover:text-danger">
            See the message above the results
          </a>
          .
        </p>
      ) : cell.error ? (
        <p className={cn("text-sm", cell.status === "EMPTY" ? "text-warning" : "text-danger")} data-testid="cell-error">
          {cell.error}
        </p>
      ) : null}
      {cell.thinking ? (
        <details className="text-xs" data-testid="cell-thinking">
          <summary className="cursor-pointer">Thinking ({formatNumber(cell.thinking.length)} characters)</summary>
          {/* Untrusted model text, as text. */}
          <pre tabIndex={0} className="mt-1 max-h-48 overflow-auto rounded bg-sunken p-2 font-sans whitespace-pre-wrap">
            {cell.thinking}
          </pre>
        </details>
      ) : null}
      {structured ? (
        <>
          <StructuredOutput value={structured} />
          <details className="text-xs">
            <summary className="cursor-pointer">Raw reply</summary>
            <pre tabIndex={0} className="mt-1 max-h-48 overflow-auto rounded bg-sunken p-2 whitespace-pre-wrap">
              {cell.output}
            </pre>
          </details>
        </>
      ) : cell.output ? (
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
      ) : cell.status === "RUNNING" || cell.status === "PENDING" ? (
        <p className="text-sm text-ink-muted">Waiting for the first words…</p>
      ) : null}
      {cell.accuracy ? (
        <p className="text-sm" data-testid="cell-accuracy">
          Visible text: recall <strong>{formatPercent(cell.accuracy.wordRecall)}</strong>, precision{" "}
          {formatPercent(cell.accuracy.wordPrecision)}, CER {formatNumber(cell.accuracy.charErrorRate, 2)}
        </p>
      ) : null}
      {cell.scores ? <CellScoresView scores={cell.scores} /> : null}
      {ocr ? (
        <p className="text-xs text-ink-muted">
          Read in {seconds(ocr.ocrMs)}, confidence {ocr.confidence}%.
        </p>
      ) : null}
      {m ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 text-xs text-ink-muted" data-testid="cell-metrics">
          <dt>Start</dt>
          <dd>{startText(m)}</dd>
          <dt>First token</dt>
          <dd>{seconds(m.timeToFirstTokenMs)}</dd>
          <dt>Prompt tokens</dt>
          <dd>
            {num(m.promptTokens)}
            {cell.column === "TEXT" ? " (no image)" : imageTokensText(m)}
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
          {m.thinkingChars ? (
            <>
              <dt>Thinking</dt>
              <dd>{num(m.thinkingChars)} characters (counted in the generated tokens)</dd>
            </>
          ) : null}
          <dt>Memory</dt>
          <dd>{m.resident ? `${formatBytes(m.resident.sizeBytes)}, ${m.resident.percentOnGpu}% on GPU` : "—"}</dd>
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
      ) : null}
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
      {onRetry && ["FAILED", "CANCELLED", "INTERRUPTED", "EMPTY"].includes(cell.status) ? (
        <div className="flex flex-col gap-2">
          <Button
            variant="secondary"
            className="self-start aria-disabled:cursor-progress aria-disabled:opacity-75"
            aria-disabled={isBusy || undefined}
            aria-describedby={retryError ? `retry-error-${cell.id}` : undefined}
            onClick={() => onRetry(cell.id)}
          >
            Retry this cell
          </Button>
          <div aria-live="polite">
            {retryError ? (
              <p id={`retry-error-${cell.id}`} className="text-sm font-semibold text-danger">
                {retryError}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </article>
  );
}

function Bars({ run }: { run: LabRunView }) {
  const rows = (["TEXT", "VISION"] as const).flatMap((column) => {
    const cells = run.cells.filter((c) => c.column === column && c.status === "DONE");
    if (!cells.length) return [];
    const sum = (key: "loadMs" | "prefillMs") => cells.reduce((n, c) => n + (c.metrics?.[key] ?? 0), 0);
    const gen = cells.reduce((n, c) => (c.metrics ? n + Math.max(0, c.metrics.totalMs - c.metrics.loadMs - c.metrics.prefillMs) : n), 0);
    const lanesInParallel = cells.some((c) => c.metrics?.lanesInParallel);
    return [{ model: cells[0]!.model!, load: sum("loadMs"), prefill: sum("prefillMs"), generation: gen, lanesInParallel }];
  });
  if (!rows.length) return null;
  const max = Math.max(...rows.map((r) => r.load + r.prefill + r.generation), 1);
  return (
    <figure className="rounded-xl border border-line bg-surface p-4">
      <figcaption className="font-semibold">Where the time went (all prompts)</figcaption>
      <div className="mt-3 flex flex-col gap-3">
        {rows.map((r) => (
          <div key={r.model}>
            <p className="font-mono text-xs">{r.model}</p>
            <div
              className="mt-1 flex h-4 overflow-hidden rounded bg-sunken"
              role="img"
              aria-label={`${r.model}: load ${seconds(r.load)}, prefill ${seconds(r.prefill)}, generation ${seconds(r.generation)}`}
            >
              <div className="bg-warning" style={{ width: `${(r.load / max) * 100}%` }} />
              <div className="bg-accent" style={{ width: `${(r.prefill / max) * 100}%` }} />
              <div className="bg-success" style={{ width: `${(r.generation / max) * 100}%` }} />
            </div>
            <p className="text-xs text-ink-muted">
              load {seconds(r.load)} · prefill {seconds(r.prefill)} · generation {seconds(r.generation)}
            </p>
          </div>
        ))}
      </div>
      <p className="mt-2 text-xs text-ink-muted">
        <span className="mr-1 inline-block size-2 rounded-sm bg-warning" /> load{" "}
        <span className="mr-1 ml-3 inline-block size-2 rounded-sm bg-accent" /> prefill
        <span className="mr-1 ml-3 inline-block size-2 rounded-sm bg-success" /> generation
      </p>
      <p className="mt-2 text-xs text-ink-muted">
        {rows.some((r) => r.lanesInParallel)
          ? "Both models ran at once and Ollama loads one model at a time, so a load can include waiting for the other model's. Tick “Measure a cold start” to run them one after the other. "
          : ""}
        Prefill: the first vision prompt pays for the image; the later prompts on the same image reuse Ollama&apos;s prompt cache, so their
        prefill is much shorter. Compare the image&apos;s cost on the first prompt.
      </p>
    </figure>
  );
}

/** Rows of the wide grid: the model columns' three prompts; the OCR baseline's one result sits in the first row. */
const rowKinds = (column: string) => (column === "OCR" ? ["ocr", "-", "-"] : PROMPT_KINDS);

/** Elapsed time of a running run, ticking each second. */
function useElapsed(startedAt: string | null, isActive: boolean): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isActive) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isActive]);
  return startedAt ? Math.max(0, now - Date.parse(startedAt)) : null;
}

function RunProgress({ run }: { run: LabRunView }) {
  const elapsed = useElapsed(run.startedAt, run.isActive);
  const { finished, total, failed } = run.tally;
  return (
    <div className="mt-4" data-testid="run-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p id="run-progress-label" className="font-semibold">
          {finished} of {total} {plural(total, "cell")} finished{failed ? `, ${failed} failed` : ""}
        </p>
        <p className="text-ink-muted tabular-nums">
          {elapsed !== null ? `${formatDuration(Math.floor(elapsed / 1000) * 1000)} elapsed` : "starting…"}
        </p>
      </div>
      <div
        role="progressbar"
        aria-labelledby="run-progress-label"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={finished}
        aria-valuetext={`${finished} of ${total} ${plural(total, "cell")} finished`}
        className="mt-1 h-2.5 overflow-hidden rounded-full bg-sunken"
      >
        <div
          className="h-full rounded-full bg-accent transition-[width] duration-500 motion-reduce:transition-none"
          style={{ width: `${total ? (finished / total) * 100 : 0}%` }}
        />
      </div>
    </div>
  );
}

const DEFENCE_TEXT = {
  textOnlyNote: "text-only prompt says no image was sent",
  injectionLine: "vision prompt says text in the image is not an instruction",
};

/** What was run: the screenshot, models, prompts, defences and predictions; "Run again" refills the form. */
function RunSetup({ run, onRunAgain }: { run: LabRunView; onRunAgain?: () => void }) {
  const off = (Object.keys(DEFENCE_TEXT) as (keyof typeof DEFENCE_TEXT)[]).filter((k) => !run.defences[k]);
  return (
    <div
      className="mt-4 grid gap-4 rounded-xl border border-line bg-surface p-4 sm:grid-cols-[12rem_minmax(0,1fr)]"
      data-testid="run-setup"
    >
      <a href={`/api/lab/images/${run.imageId}`} target="_blank" rel="noopener" className="block self-start">
        {/* eslint-disable-next-line @next/next/no-img-element -- a private, already normalised upload */}
        <img
          src={`/api/lab/images/${run.imageId}`}
          alt="The screenshot this run used (opens full size)"
          className="max-h-40 w-full rounded-lg border border-line bg-sunken object-contain"
        />
      </a>
      <div className="flex min-w-0 flex-col gap-2 text-sm">
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1">
          <dt className="text-ink-muted">Text-only model</dt>
          <dd className="font-mono text-xs break-all">{run.textModel ?? "none"}</dd>
          <dt className="text-ink-muted">Vision model</dt>
          <dd className="font-mono text-xs break-all">{run.visionModel ?? "none"}</dd>
          <dt className="text-ink-muted">Start</dt>
          <dd>{run.measureCold ? "cold start measured (each model unloaded first)" : "models as they were loaded"}</dd>
          <dt className="text-ink-muted">Defences</dt>
          <dd data-testid="run-defences">
            {off.length === 0 ? "both on" : off.length === 2 ? "both off (undefended contrast)" : `off: ${DEFENCE_TEXT[off[0]!]}`}
          </dd>
        </dl>
        <details>
          <summary className="cursor-pointer font-semibold">Prompts used</summary>
          <dl className="mt-2 flex flex-col gap-2">
            {PROMPT_KINDS.map((kind) => (
              <div key={kind}>
                <dt className="text-xs font-semibold text-ink-muted">{PROMPT_KIND_INFO[kind].label}</dt>
                <dd className="whitespace-pre-wrap">{run.prompts[kind]}</dd>
              </div>
            ))}
          </dl>
        </details>
        {onRunAgain ? (
          <Button variant="secondary" className="self-start" onClick={onRunAgain}>
            Run again
          </Button>
        ) : null}
      </div>
    </div>
  );
}

/** Wide screens: a grid whose rows are the prompt kinds, so answers to one prompt sit side by side. Phones: one column at a time, as tabs. */
function Columns({
  run,
  isBusy,
  onRetry,
  failures,
  retryError,
}: {
  run: LabRunView;
  isBusy: boolean;
  onRetry?: (id: string) => void;
  failures: FailureGroup[];
  retryError: { cellId: string; text: string } | null;
}) {
  const present = COLUMNS.filter((col) => run.cells.some((c) => c.column === col.key));
  const [selected, setSelected] = useState<string>(present.find((c) => c.key === "VISION")?.key ?? present[0]?.key ?? "TEXT");
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const target =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? present.length - 1
          : delta
            ? (index + delta + present.length) % present.length
            : null;
    if (target === null) return;
    event.preventDefault();
    setSelected(present[target]!.key);
    tabs.current[target]?.focus();
  };
  const statusOf = (key: string) => {
    const cells = run.cells.filter((c) => c.column === key);
    const done = cells.filter((c) => !["PENDING", "RUNNING"].includes(c.status)).length;
    return `${done}/${cells.length}`;
  };
  return (
    <div className="mt-6">
      <div role="tablist" aria-label="Result columns" className="flex gap-1 rounded-xl bg-sunken p-1 lg:hidden">
        {present.map((col, index) => (
          <button
            key={col.key}
            ref={(el) => {
              tabs.current[index] = el;
            }}
            role="tab"
            id={`tab-${col.key}`}
            aria-selected={selected === col.key}
            aria-controls={`column-${col.key}`}
            tabIndex={selected === col.key ? 0 : -1}
            onClick={() => setSelected(col.key)}
            onKeyDown={(e) => onKeyDown(e, index)}
            className={cn(
              "min-h-11 flex-1 rounded-lg px-2 text-sm font-semibold",
              selected === col.key ? "bg-surface text-ink shadow-sm" : "text-ink-muted hover:text-ink",
            )}
          >
            {col.title.replace(" model", "").replace(" baseline", "")}
            <span className="ml-1 text-xs font-normal">{statusOf(col.key)}</span>
          </button>
        ))}
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        {present.map((col) => (
          <div
            key={col.key}
            id={`column-${col.key}`}
            role="tabpanel"
            aria-labelledby={`tab-${col.key}`}
            className={cn(
              "flex min-w-0 flex-col gap-3 lg:row-span-4 lg:grid lg:grid-rows-subgrid",
              selected !== col.key && "hidden lg:grid",
            )}
          >
            <div>
              <h4 className="font-semibold">{col.title}</h4>
              <p className="text-xs text-ink-muted">{col.note}</p>
            </div>
            {rowKinds(col.key).map((kind, row) => {
              const cell = run.cells.find((c) => c.column === col.key && c.promptKind === kind);
              if (!cell) return <div key={`${kind}-${row}`} aria-hidden="true" className="hidden lg:block" />;
              return (
                <div key={cell.id} className="min-w-0">
                  <p className="mb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase">{labelOf(cell.promptKind)}</p>
                  <Cell
                    cell={cell}
                    isBusy={isBusy}
                    onRetry={onRetry}
                    shared={failures.find((g) => g.cells.includes(cell.id))}
                    retryError={retryError?.cellId === cell.id ? retryError.text : undefined}
                  />
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}

/** A failure several cells share: said once above the results, in plain words, with what to do. */
type FailureGroup = {
  code: string;
  anchor: string;
  cells: string[];
  models: string[];
  /** what Ollama or the server said, once per distinct message */
  said: string[];
  explanation: FailureExplanation;
};

const listModels = (models: string[]) => (models.length ? models.join(" and ") : "the model");

/** Failed cells grouped by error code; a code two or more cells share is said once, above the results. */
function sharedFailures(run: LabRunView, operator: boolean): FailureGroup[] {
  const byCode = new Map<string, LabCellView[]>();
  for (const cell of run.cells) {
    if (cell.status !== "FAILED") continue;
    const code = cell.errorCode ?? "INTERNAL";
    byCode.set(code, [...(byCode.get(code) ?? []), cell]);
  }
  return [...byCode]
    .filter(([, cells]) => cells.length > 1)
    .map(([code, cells]) => {
      const models = [...new Set(cells.map((c) => c.model ?? "tesseract.js"))];
      return {
        code,
        anchor: `run-failure-${code.toLowerCase()}`,
        cells: cells.map((c) => c.id),
        models,
        said: [...new Set(cells.flatMap((c) => (c.error ? [c.error] : [])))],
        explanation: explainFailure(code, models, operator),
      };
    });
}

function FailureScope({ group, run }: { group: FailureGroup; run: LabRunView }) {
  const modelCells = run.cells.filter((c) => c.column !== "OCR").length;
  const count = group.cells.length;
  const isEveryModelAnswer = count === modelCells && group.models.every((m) => m !== "tesseract.js");
  return (
    <p className="mt-1 text-ink-muted">
      {isEveryModelAnswer ? `It stopped every model answer (${count}).` : `It stopped ${count} answers from ${listModels(group.models)}.`}
    </p>
  );
}

function FailureBody({ group, run }: { group: FailureGroup; run: LabRunView }) {
  return (
    <>
      <FailureScope group={group} run={run} />
      <p className="mt-2">{group.explanation.why}</p>
      <p className="mt-2">
        <strong>What to do:</strong> {group.explanation.whatToDo}
      </p>
      {group.said.length ? (
        <details className="mt-2">
          <summary className="cursor-pointer font-semibold">What {group.code === "INTERNAL" ? "the server" : "Ollama"} said</summary>
          <ul className="mt-1 flex flex-col gap-1">
            {group.said.map((text) => (
              <li key={text} className="break-words">
                {text}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/** Said once for the failures several cells share; the cells point here instead of repeating it. */
function SharedFailures({ groups, run }: { groups: FailureGroup[]; run: LabRunView }) {
  const box = "mt-6 scroll-mt-6 rounded-lg border border-danger/40 bg-danger-soft px-4 py-3 text-sm";
  if (groups.length === 1) {
    const group = groups[0]!;
    return (
      <section id={group.anchor} aria-labelledby={`${group.anchor}-title`} tabIndex={-1} className={box} data-testid="run-failures">
        <h4 id={`${group.anchor}-title`} className="flex items-start gap-2 text-base font-semibold">
          <TriangleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-danger" />
          {group.explanation.title}
        </h4>
        <FailureBody group={group} run={run} />
      </section>
    );
  }
  return (
    <section id="run-failures" aria-labelledby="run-failures-title" tabIndex={-1} className={box} data-testid="run-failures">
      <h4 id="run-failures-title" className="flex items-start gap-2 text-base font-semibold">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-danger" />
        Answers failed for {groups.length} reasons
      </h4>
      <ul className="mt-2 flex flex-col gap-4">
        {groups.map((group) => (
          <li key={group.code} id={group.anchor} tabIndex={-1} className="scroll-mt-6">
            <h5 className="font-semibold">{group.explanation.title}</h5>
            <FailureBody group={group} run={run} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The side-by-side results, following the run live over server-sent events (the database is the source). */
/** `readOnly`: someone else's run (an instructor looking): no cancel, no retry, no write-up link. */
export function RunResults({
  initial,
  readOnly = false,
  truth = null,
  onChange,
  onRunAgain,
  showOperatorHelp = readOnly,
}: {
  initial: LabRunView;
  readOnly?: boolean;
  /** the sample's ground truth and trap, shown once the run has finished */
  truth?: SampleTruth | null;
  /** the run as it changes, for the run list */
  onChange?: (run: LabRunView) => void;
  onRunAgain?: (run: LabRunView) => void;
  /** say what to run or check on the Ollama machine, rather than "ask your instructor" */
  showOperatorHelp?: boolean;
}) {
  const router = useRouter();
  const [run, setRun] = useState(initial);
  /** a refused cancel or retry, shown by the button that asked */
  const [message, setMessage] = useState<{ target: "cancel" | { cellId: string }; text: string } | null>(null);
  const [isBusy, startTransition] = useTransition();
  const [follow, setFollow] = useState(0);

  useEffect(() => {
    if (!run.isActive && run.status !== "QUEUED" && follow === 0) return;
    const source = new EventSource(`/api/lab/runs/${run.id}/events`);
    source.addEventListener("run", (event) => setRun(JSON.parse((event as MessageEvent<string>).data) as LabRunView));
    source.addEventListener("end", () => {
      source.close();
      // A finished run may now be chosen as a write-up's evidence, and the run list shows how it ended.
      router.refresh();
    });
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- resubscribe only for a new run or a retry
  }, [run.id, follow]);

  useEffect(() => onChange?.(run), [run, onChange]);

  const act = (target: "cancel" | { cellId: string }, action: () => Promise<{ ok: boolean; message?: string }>) => {
    if (isBusy) return;
    startTransition(async () => {
      const result = await action().catch(() => ({ ok: false, message: "The server did not answer. Try again." }));
      if (!result.ok) setMessage({ target, text: result.message ?? "That did not work." });
      else {
        setMessage(null);
        setFollow((n) => n + 1);
      }
    });
  };
  const failures = sharedFailures(run, showOperatorHelp);

  const isLive = run.isActive || run.status === "QUEUED";
  const outcome = RUN_OUTCOME_LABELS[run.outcome];
  return (
    <section aria-labelledby="results-title" className="mt-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="results-title" className="text-xl font-semibold">
          Results{" "}
          <span
            className={cn("text-base font-normal", run.outcome === "done-with-failures" ? "text-danger" : "text-ink-muted")}
            data-testid="run-outcome"
          >
            · {outcome.toLowerCase()}
          </span>
        </h3>
        {run.isActive && !readOnly ? (
          <Button
            variant="secondary"
            className="aria-disabled:cursor-progress aria-disabled:opacity-75"
            aria-disabled={isBusy || undefined}
            aria-describedby={message?.target === "cancel" ? "cancel-error" : undefined}
            onClick={() => act("cancel", () => cancelLabRunAction(run.id))}
          >
            Cancel run
          </Button>
        ) : null}
      </div>
      <div aria-live="polite">
        {message?.target === "cancel" ? (
          <p id="cancel-error" className="mt-2 text-right text-sm font-semibold text-danger">
            {message.text}
          </p>
        ) : null}
      </div>
      {isLive ? <RunProgress run={run} /> : null}
      <p aria-live="polite" className="sr-only">
        {isLive
          ? `${run.tally.finished} of ${run.tally.total} ${plural(run.tally.total, "cell")} finished`
          : `Run ${outcome.toLowerCase()}.`}
        {failures.length ? ` ${failures.map((g) => g.explanation.title).join(". ")}: see the message above the results.` : ""}
      </p>
      <RunSetup run={run} onRunAgain={readOnly || !onRunAgain ? undefined : () => onRunAgain(run)} />
      {run.status === "INTERRUPTED" ? (
        <Notice tone="warning" className="mt-3">
          The server stopped while this run was going. Everything that arrived is below; retry the interrupted cells.
        </Notice>
      ) : null}
      {!isLive ? <RunSummaryCard run={run} /> : null}
      {!isLive && !readOnly && run.outcome !== "cancelled" ? (
        <p className="mt-3 text-sm">
          <a href="#write-up">Write it up</a>: rate the answers and recommend, with this run as your evidence.
        </p>
      ) : null}
      {failures.length ? <SharedFailures groups={failures} run={run} /> : null}
      <Columns
        run={run}
        isBusy={isBusy}
        failures={failures}
        retryError={message && message.target !== "cancel" ? { cellId: message.target.cellId, text: message.text } : null}
        onRetry={readOnly ? undefined : (cellId) => act({ cellId }, () => retryLabCellAction(cellId))}
      />
      <div className="mt-6">
        <Bars run={run} />
      </div>
      {!isLive && truth ? <GroundTruth truth={truth} /> : null}
    </section>
  );
}
