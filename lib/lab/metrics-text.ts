import type { ModelMetrics } from "@/lib/lab/schemas";
import type { LoadedModel } from "@/lib/ollama/metrics";
import { formatBytes, formatDuration, formatNumber } from "@/lib/format";

// How a cell's thinking and memory read, in the words Ollama's figures support. Pure.

/**
 * Thinking apart from the answer. With a format, a thinking variant answers in two completions:
 * the thinking is not in the generated tokens, and Ollama counts it in the prompt tokens instead.
 */
export function thinkingText(m: ModelMetrics): string {
  const amount = m.thinkingTokens
    ? `${formatNumber(m.thinkingTokens)} tokens, ${formatDuration(m.thinkingMs ?? 0)}`
    : `${formatNumber(m.thinkingChars ?? 0)} characters`;
  if (!m.thinkingInPrompt) return `${amount} (counted in the generated tokens)`;
  const inPrompt = m.thinkingPromptTokens ? ` (${formatNumber(m.thinkingPromptTokens)} of them)` : "";
  return `${amount}: a pass of its own, not in the answer's generated tokens; Ollama counts it in the prompt tokens${inPrompt}`;
}

/** Memory as /api/ps reports it: the resident size, and the share of the model's layers on the GPU. */
export function memoryText(resident: LoadedModel): string {
  return `${formatBytes(resident.sizeBytes)} resident; model layers on GPU ${resident.percentOnGpu}% (size_vram ${resident.vramBytes.toLocaleString("en")} bytes)`;
}

/**
 * A cold-start run's first answers whose model was still loaded (or whose unload failed): what the
 * run says beside "Start" instead of claiming a cold start nobody saw.
 */
export function notColdNotes(cells: readonly { model: string | null; metrics: ModelMetrics | null }[]): string[] {
  return cells.flatMap((c) =>
    c.model && c.metrics?.coldStart && !c.metrics.coldStart.unloaded
      ? [
          `Not a cold start for ${c.model}: ${c.metrics.coldStart.reason ?? "it was still loaded"}. ` +
            "Its first answer started warm, so its time has no cold load in it.",
        ]
      : [],
  );
}
