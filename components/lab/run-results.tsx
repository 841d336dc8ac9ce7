"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { cancelLabRunAction, retryLabCellAction } from "@/app/lessons/[slug]/lab/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { LabCellView, LabRunView } from "@/components/lab/types";
import type { ModelMetrics, VisionOutput } from "@/lib/lab/schemas";
import { PROMPT_KIND_INFO, type PromptKind } from "@/lib/lab/prompt-kinds";
import { cn } from "@/lib/utils/cn";
import { formatBytes, formatDuration, formatNumber, formatPercent } from "@/lib/format";
import { controlText } from "@/lib/lab/controls";

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

function Cell({ cell, onRetry, isBusy }: { cell: LabCellView; onRetry?: (id: string) => void; isBusy: boolean }) {
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
      {cell.error ? <p className={cn("text-sm", cell.status === "EMPTY" ? "text-warning" : "text-danger")}>{cell.error}</p> : null}
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
        <Button variant="secondary" className="self-start" disabled={isBusy} onClick={() => onRetry(cell.id)}>
          Retry this cell
        </Button>
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

/** The side-by-side grid, following the run live over server-sent events (the database is the source). */
/** `readOnly`: someone else's run (an instructor looking): no cancel, no retry, no write-up link. */
export function RunResults({ initial, readOnly = false }: { initial: LabRunView; readOnly?: boolean }) {
  const router = useRouter();
  const [run, setRun] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, startTransition] = useTransition();
  const [follow, setFollow] = useState(0);

  useEffect(() => {
    if (!run.isActive && run.status !== "QUEUED" && follow === 0) return;
    const source = new EventSource(`/api/lab/runs/${run.id}/events`);
    source.addEventListener("run", (event) => setRun(JSON.parse((event as MessageEvent<string>).data) as LabRunView));
    source.addEventListener("end", () => {
      source.close();
      // A finished run may now be chosen as a write-up's evidence.
      router.refresh();
    });
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- resubscribe only for a new run or a retry
  }, [run.id, follow]);

  const act = (action: () => Promise<{ ok: boolean; message?: string }>) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setMessage(result.message ?? "That did not work.");
      else {
        setMessage(null);
        setFollow((n) => n + 1);
      }
    });

  return (
    <section aria-labelledby="results-title" className="mt-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="results-title" className="text-xl font-semibold">
          Results{" "}
          <span className="text-base font-normal text-ink-muted">· {run.status === "RUNNING" ? "running" : run.status.toLowerCase()}</span>
        </h3>
        {run.isActive && !readOnly ? (
          <Button variant="secondary" disabled={isBusy} onClick={() => act(() => cancelLabRunAction(run.id))}>
            Cancel run
          </Button>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-ink-muted">
        {run.textModel ?? "no text-only model"} vs {run.visionModel ?? "no vision model"} ·{" "}
        {run.measureCold ? "cold start measured" : "models as loaded"} ·{" "}
        <a href={`/api/lab/images/${run.imageId}`} target="_blank" rel="noopener">
          open the screenshot
        </a>
        {run.isActive || readOnly ? null : (
          <>
            {" "}
            · <a href="#write-up">write it up</a>
          </>
        )}
      </p>
      <p aria-live="polite" className="sr-only">
        {run.cells.filter((c) => c.status === "DONE").length} of {run.cells.length} cells done
      </p>
      {message ? (
        <Notice tone="danger" className="mt-3">
          {message}
        </Notice>
      ) : null}
      {run.status === "INTERRUPTED" ? (
        <Notice tone="warning" className="mt-3">
          The server stopped while this run was going. Everything that arrived is below; retry the interrupted cells.
        </Notice>
      ) : null}
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        {COLUMNS.map((col) => (
          <div key={col.key} className="flex min-w-0 flex-col gap-3">
            <div>
              <h4 className="font-semibold">{col.title}</h4>
              <p className="text-xs text-ink-muted">{col.note}</p>
            </div>
            {run.cells
              .filter((c) => c.column === col.key)
              .map((cell) => (
                <div key={cell.id}>
                  <p className="mb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase">{labelOf(cell.promptKind)}</p>
                  <Cell cell={cell} isBusy={isBusy} onRetry={readOnly ? undefined : (id) => act(() => retryLabCellAction(id))} />
                </div>
              ))}
            {run.cells.some((c) => c.column === col.key) ? null : <p className="text-sm text-ink-muted">Not part of this run.</p>}
          </div>
        ))}
      </div>
      <div className="mt-6">
        <Bars run={run} />
      </div>
    </section>
  );
}
