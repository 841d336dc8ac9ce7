import type { LabCellView } from "@/lib/lab/types";
import type { ModelMetrics } from "@/lib/lab/schemas";
import { PROMPT_KIND_INFO, type PromptKind } from "@/lib/lab/prompt-kinds";
import { formatDuration, formatNumber } from "@/lib/format";

// The words a result cell is described with, shared by the cell and the columns around it.

export const labelOf = (kind: string) => (kind in PROMPT_KIND_INFO ? PROMPT_KIND_INFO[kind as PromptKind].label : "OCR");

export function statusLabel(status: LabCellView["status"]) {
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
export function startText(m: ModelMetrics): string {
  const state = m.startState ?? (m.isCold ? "cold" : "warm");
  if (state === "warm") return "warm (already loaded)";
  const what = state === "reload" ? "reloaded for another context size" : state === "cold" ? "cold" : m.isCold ? "cold" : "warm";
  // Ollama loads one model at a time: with both columns running, one load can wait for the other.
  const load = m.lanesInParallel ? `load + wait ${formatDuration(m.loadMs)}` : `load ${formatDuration(m.loadMs)}`;
  // Loaded by a request of its own before the answer's clock started.
  return m.preloadMs !== undefined ? `${what}, ${load} (loaded before the answer was timed)` : `${what}, ${load}`;
}

export function imageTokensText(m: ModelMetrics): string {
  if (!m.expectedImageTokens) return "";
  const measured = m.measuredImageTokens ? `, measured ${formatNumber(m.measuredImageTokens)}` : "";
  return ` (image: about ${formatNumber(m.expectedImageTokens)} expected${measured})`;
}
