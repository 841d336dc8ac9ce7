import { formatBytes, formatDuration, formatNumber, plural } from "@/lib/format";
import type { LabCellView, LabRunView } from "@/lib/lab/types";
import type { Invention, InjectionFinding } from "@/lib/lab/scoring/types";
import { median } from "@/lib/stats";

// A run read as an experiment: per column the scores, time and memory side by side, the student's
// predictions against what was measured, and a verdict line. Everything here is built from the
// numbers the runner stored; no model text is ever copied into the verdict. Pure: the page uses it.

export type Column = "TEXT" | "VISION" | "OCR";
export const COLUMN_NAMES: Record<Column, string> = { TEXT: "text-only model", VISION: "vision model", OCR: "OCR" };

export type Ratio = { right: number; total: number };

export type ColumnSummary = {
  column: Column;
  model: string | null;
  cells: { finished: number; total: number; failed: number };
  /** best visible-text word recall over the column's answers */
  textRecall: number | null;
  /** best over the column's answers: controls named, and named with the right state */
  controlsFound: Ratio | null;
  controlsState: Ratio | null;
  /** best over the column's answers: label-value pairs bound right */
  pairs: Ratio | null;
  /** over all the column's answers */
  inventions: (Invention & { promptKind: string })[] | null;
  injection: { complied: boolean; findings: (InjectionFinding & { promptKind: string })[] } | null;
  /** model columns: the answers' total time, median speed, first token of the first answer, memory */
  totalMs: number | null;
  firstTokenMs: number | null;
  tokensPerSecond: number | null;
  memoryBytes: number | null;
  percentOnGpu: number | null;
  /** the image's cost (vision): measured when it could be, else the estimate */
  imageTokens: { value: number; measured: boolean } | null;
};

export type PredictionCheck = { label: string; predicted: string; measured: string; verdict: "right" | "wrong" | "close" | "unknown" };

export type RunSummary = {
  columns: ColumnSummary[];
  hasGroundTruth: boolean;
  predictions: PredictionCheck[];
  /** sentences built from the numbers, the first one the headline */
  verdict: string[];
};

const best = <T>(values: (T | null)[], score: (v: T) => number): T | null =>
  values.reduce<T | null>((a, v) => (v === null ? a : a === null || score(v) > score(a) ? v : a), null);

const finished = (c: LabCellView) => c.status === "DONE";

function summariseColumn(column: Column, cells: LabCellView[], model: string | null): ColumnSummary {
  const done = cells.filter(finished);
  const scores = done.map((c) => c.scores);
  const controls = best(
    scores.map((s) => s?.controls ?? null),
    (c) => c.stateRight * 1000 + c.found,
  );
  const pairs = best(
    scores.map((s) => s?.pairs ?? null),
    (p) => p.right,
  );
  const withInventions = done.filter((c) => c.scores?.inventions);
  const withInjection = done.filter((c) => c.scores?.injection);
  const metrics = done.map((c) => c.metrics).filter((m) => m !== null);
  const firstAnswered = done.find((c) => c.metrics?.timeToFirstTokenMs !== null && c.metrics?.timeToFirstTokenMs !== undefined);
  const resident = metrics.map((m) => m.resident).find((r) => r) ?? null;
  const imageCell =
    column === "VISION"
      ? (done.find((c) => c.metrics?.measuredImageTokens) ?? done.find((c) => c.metrics?.expectedImageTokens))
      : undefined;
  const speeds = metrics.map((m) => m.tokensPerSecond).filter((v): v is number => v !== null);
  return {
    column,
    model,
    cells: {
      finished: cells.filter((c) => c.status !== "PENDING" && c.status !== "RUNNING").length,
      total: cells.length,
      failed: cells.filter((c) => ["FAILED", "EMPTY", "INTERRUPTED"].includes(c.status)).length,
    },
    textRecall: best(
      done.map((c) => c.accuracy?.wordRecall ?? null),
      (r) => r,
    ),
    controlsFound: controls ? { right: controls.found, total: controls.total } : null,
    controlsState: controls ? { right: controls.stateRight, total: controls.total } : null,
    pairs: pairs ? { right: pairs.right, total: pairs.total } : null,
    inventions: withInventions.length
      ? withInventions.flatMap((c) => c.scores!.inventions!.inventions.map((i) => ({ ...i, promptKind: c.promptKind })))
      : null,
    injection: withInjection.length
      ? {
          complied: withInjection.some((c) => c.scores!.injection!.complied),
          findings: withInjection.flatMap((c) => c.scores!.injection!.findings.map((f) => ({ ...f, promptKind: c.promptKind }))),
        }
      : null,
    totalMs: column === "OCR" ? (done[0]?.ocrMetrics?.ocrMs ?? null) : metrics.length ? metrics.reduce((n, m) => n + m.totalMs, 0) : null,
    firstTokenMs: firstAnswered?.metrics?.timeToFirstTokenMs ?? null,
    tokensPerSecond: speeds.length ? median(speeds) : null,
    memoryBytes: resident?.sizeBytes ?? null,
    percentOnGpu: resident?.percentOnGpu ?? null,
    imageTokens: imageCell?.metrics
      ? imageCell.metrics.measuredImageTokens
        ? { value: imageCell.metrics.measuredImageTokens, measured: true }
        : { value: imageCell.metrics.expectedImageTokens!, measured: false }
      : null,
  };
}

/** One time against another in words: "about as long as", "6.0 times as long as", "40% of". */
export function comparedTime(factor: number): string {
  if (Math.abs(factor - 1) < 0.05) return "about as long as";
  if (factor > 1) return `${formatNumber(factor, 1)} times as long as`;
  return `${Math.round(factor * 100)}% of`;
}

const ratio = (r: Ratio | null) => (r ? `${r.right} of ${r.total}` : "—");

function predictionChecks(run: Pick<LabRunView, "predictions">, columns: ColumnSummary[]): PredictionCheck[] {
  const checks: PredictionCheck[] = [];
  const byColumn = (c: Column) => columns.find((s) => s.column === c);
  const { imageTokens, faster, controls, estimateSeenFirst } = run.predictions;
  if (imageTokens === null && estimateSeenFirst) {
    const measured = byColumn("VISION")?.imageTokens ?? null;
    checks.push({
      label: "Image tokens",
      predicted: "none: you looked at the estimate first",
      measured: measured ? formatNumber(measured.value) : "not measured",
      verdict: "unknown",
    });
  }
  if (imageTokens !== null) {
    const measured = byColumn("VISION")?.imageTokens ?? null;
    const off = measured ? Math.abs(imageTokens - measured.value) / measured.value : null;
    checks.push({
      label: "Image tokens",
      predicted: formatNumber(imageTokens),
      measured: measured
        ? `${formatNumber(measured.value)}${measured.measured ? " (Ollama's count)" : " (the estimate; not measured)"}`
        : "not measured",
      verdict: off === null ? "unknown" : off <= 0.05 ? "right" : off <= 0.2 ? "close" : "wrong",
    });
  }
  if (faster !== null) {
    const text = byColumn("TEXT")?.totalMs ?? null;
    const vision = byColumn("VISION")?.totalMs ?? null;
    const actual = text === null || vision === null ? null : text <= vision ? "TEXT" : "VISION";
    checks.push({
      label: "Faster model (total time for its answers)",
      predicted: COLUMN_NAMES[faster],
      measured: actual
        ? `${COLUMN_NAMES[actual]} (${formatDuration(Math.min(text!, vision!))} against ${formatDuration(Math.max(text!, vision!))})`
        : "not measured",
      verdict: actual === null ? "unknown" : actual === faster ? "right" : "wrong",
    });
  }
  if (controls !== null) {
    const scored = columns.filter((c) => c.controlsState);
    const top = Math.max(0, ...scored.map((c) => c.controlsState!.right));
    const leaders = scored.filter((c) => c.controlsState!.right === top && top > 0).map((c) => c.column);
    checks.push({
      label: "Column with the most controls in the right state",
      predicted: COLUMN_NAMES[controls],
      measured: !scored.length
        ? "not scored (no ground truth)"
        : leaders.length
          ? `${leaders.map((c) => COLUMN_NAMES[c]).join(" and ")} (${top} of ${scored[0]!.controlsState!.total})`
          : "none got a state right",
      verdict: !scored.length ? "unknown" : leaders.includes(controls) ? "right" : "wrong",
    });
  }
  return checks;
}

function listOf(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

function verdictLines(columns: ColumnSummary[], hasGroundTruth: boolean): string[] {
  const lines: string[] = [];
  const text = columns.find((c) => c.column === "TEXT");
  const vision = columns.find((c) => c.column === "VISION");
  const present = columns.filter((c) => c.cells.total > 0 && c.cells.finished > c.cells.failed);
  if (!present.length) return ["No answer finished, so there is nothing to compare yet: retry the failed cells."];

  if (hasGroundTruth) {
    const withControls = present.filter((c) => c.controlsState);
    if (withControls.length) {
      const leader = withControls.reduce((a, b) => (b.controlsState!.right > a.controlsState!.right ? b : a));
      const others = withControls.filter((c) => c !== leader);
      const beats = others.every((o) => o.controlsState!.right < leader.controlsState!.right);
      lines.push(
        beats && leader.controlsState!.right > 0
          ? `Only the ${COLUMN_NAMES[leader.column]} read the controls' state well: ${ratio(leader.controlsState)} right, against ${listOf(
              others.map((o) => `${ratio(o.controlsState)} for the ${COLUMN_NAMES[o.column]}`),
            )}.`
          : `Controls with the right state: ${listOf(withControls.map((c) => `${ratio(c.controlsState)} for the ${COLUMN_NAMES[c.column]}`))}.`,
      );
    }
    const withPairs = present.filter((c) => c.pairs);
    if (withPairs.length)
      lines.push(`Values bound to their labels: ${listOf(withPairs.map((c) => `${ratio(c.pairs)} for the ${COLUMN_NAMES[c.column]}`))}.`);
    const withRecall = present.filter((c) => c.textRecall !== null);
    if (withRecall.length)
      lines.push(
        `Visible text found: ${listOf(withRecall.map((c) => `${Math.round(c.textRecall! * 100)}% for the ${COLUMN_NAMES[c.column]}`))}.`,
      );
    const inventors = present.filter((c) => c.inventions?.length);
    if (inventors.length)
      lines.push(
        `Invented what the screenshot does not show: ${listOf(
          inventors.map((c) => `the ${COLUMN_NAMES[c.column]} ${c.inventions!.length} time${c.inventions!.length === 1 ? "" : "s"}`),
        )}.`,
      );
    else if (present.some((c) => c.inventions)) lines.push("No column invented hidden state the checks look for.");
    const injected = present.filter((c) => c.injection);
    if (injected.length) {
      const followed = injected.filter((c) => c.injection!.complied);
      const relayed = injected.filter((c) => !c.injection!.complied && c.injection!.findings.length);
      lines.push(
        followed.length
          ? `The ${listOf(followed.map((c) => COLUMN_NAMES[c.column]))} followed the instruction hidden in the image.`
          : relayed.length
            ? `No column obeyed the hidden instruction, but the ${listOf(relayed.map((c) => COLUMN_NAMES[c.column]))} passed it on as advice.`
            : "No column followed or passed on the instruction hidden in the image.",
      );
    }
  } else {
    lines.push("An uploaded screenshot has no ground truth, so nothing is scored: compare the answers with the screenshot yourself.");
  }

  if (text?.totalMs && vision?.totalMs) {
    const factor = vision.totalMs / text.totalMs;
    lines.push(
      `The vision model took ${formatDuration(vision.totalMs)} for its answers, ${comparedTime(factor)} the text-only model's ${formatDuration(text.totalMs)}` +
        (vision.memoryBytes
          ? `, and held ${formatBytes(vision.memoryBytes)} (Ollama reports ${vision.percentOnGpu}% of its layers on the GPU).`
          : "."),
    );
  } else if (vision?.totalMs) {
    lines.push(
      `The vision model took ${formatDuration(vision.totalMs)} for its answers` +
        (vision.memoryBytes
          ? ` and held ${formatBytes(vision.memoryBytes)} (Ollama reports ${vision.percentOnGpu}% of its layers on the GPU).`
          : "."),
    );
  }
  const failed = columns.filter((c) => c.cells.failed);
  if (failed.length)
    lines.push(
      `Not every answer finished: ${listOf(failed.map((c) => `${c.cells.failed} of the ${COLUMN_NAMES[c.column]}'s`))} failed, so those scores are incomplete.`,
    );
  return lines;
}

export function summariseRun(run: Pick<LabRunView, "cells" | "textModel" | "visionModel" | "predictions" | "sampleId">): RunSummary {
  const columns = (["TEXT", "VISION", "OCR"] as const)
    .map((column) =>
      summariseColumn(
        column,
        run.cells.filter((c) => c.column === column),
        column === "TEXT" ? run.textModel : column === "VISION" ? run.visionModel : "tesseract.js",
      ),
    )
    .filter((c) => c.cells.total > 0);
  const hasGroundTruth = run.sampleId !== null;
  return { columns, hasGroundTruth, predictions: predictionChecks(run, columns), verdict: verdictLines(columns, hasGroundTruth) };
}

/** Cells that got an answer or a failure before the run stopped (not those cancelled or never run). */
const ANSWERED = new Set(["DONE", "EMPTY", "FAILED"]);

/** A cancelled run's summary covers only the cells that finished first: said above it, or null. */
export function partialRunNote(run: Pick<LabRunView, "outcome" | "cells">): string | null {
  if (run.outcome !== "cancelled") return null;
  const answered = run.cells.filter((c) => ANSWERED.has(c.status)).length;
  const total = run.cells.length;
  return `Partial: the run was cancelled after ${answered} of ${total} ${plural(total, "cell")}, so this summary covers only ${
    answered === 1 ? "that one" : "those"
  }.`;
}
