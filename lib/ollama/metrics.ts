// Metrics from Ollama's own fields (nanoseconds) and our clock (milliseconds), and the schemas of
// what the lab stores about an answer. Pure: the browser uses the inferred types.

import { z } from "zod";

export type FinalChunk = {
  done_reason?: string;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
};

/**
 * How the model started, from /api/ps taken before the request: not loaded (cold), loaded with
 * another context length (reload), loaded (warm); unknown when /api/ps did not answer.
 */
export const startStateSchema = z.enum(["cold", "warm", "reload", "unknown"]);
export type StartState = z.infer<typeof startStateSchema>;

export const runMetricsSchema = z.object({
  /** the model had to be loaded for this request */
  isCold: z.boolean(),
  /** absent in rows written before it was recorded */
  startState: startStateSchema.optional(),
  loadMs: z.number(),
  /** our clock: request sent to first content */
  timeToFirstTokenMs: z.number().nullable(),
  promptTokens: z.number(),
  prefillMs: z.number(),
  evalTokens: z.number(),
  tokensPerSecond: z.number().nullable(),
  /** Ollama's total_duration */
  totalMs: z.number(),
  /** our clock: request sent to the last byte */
  wallMs: z.number(),
  doneReason: z.string().nullable(),
  /** characters the model put in message.thinking */
  thinkingChars: z.number().optional(),
  /** streamed chunks that carried thinking: one token each as Ollama streams (our count, not Ollama's) */
  thinkingTokens: z.number().optional(),
  /** our clock: first thinking to first answer text (or the end, when no answer came) */
  thinkingMs: z.number().optional(),
  /**
   * Ollama ran two completions (a thinking variant asked with think:true and a format, 0.30+): the
   * final prompt_eval_count includes the thinking and eval_count/eval_duration cover the answer only.
   * Otherwise thinking tokens are part of evalTokens.
   */
  thinkingInPrompt: z.boolean().optional(),
  /** Ollama's eval_duration */
  evalMs: z.number().optional(),
  /**
   * Waiting for the model: total_duration minus load, prefill and generation. A request queued
   * behind another on the same model (OLLAMA_NUM_PARALLEL, 1 by default) waits here.
   */
  waitedMs: z.number().optional(),
  /** the model was loaded by a request of its own first (under its own, longer limit): that load's time by our clock */
  preloadMs: z.number().optional(),
});
export type RunMetrics = z.infer<typeof runMetricsSchema>;

/** A loaded model as /api/ps reports it. */
export const residentSchema = z.object({
  name: z.string(),
  sizeBytes: z.number(),
  vramBytes: z.number(),
  percentOnGpu: z.number(),
  expiresAt: z.string().nullable(),
  contextLength: z.number().nullable(),
});
export type LoadedModel = z.infer<typeof residentSchema>;

export const chatOptionsSchema = z.object({
  temperature: z.number().optional(),
  seed: z.number().optional(),
  num_ctx: z.number().optional(),
  num_predict: z.number().optional(),
});
export type ChatOptions = z.infer<typeof chatOptionsSchema>;

/** What it takes to reproduce an answer: which weights, which Ollama, which options. */
export const reproStampSchema = z.object({
  model: z.string(),
  digest: z.string(),
  quantization: z.string(),
  ollamaVersion: z.string().nullable(),
  host: z.string(),
  /** the engine that version runs (see lib/ollama/engine.ts) */
  engine: z.enum(["go-1mp", "go", "llama-server"]).nullable().optional(),
  options: chatOptionsSchema,
  /** `think` as sent, when it was */
  think: z.boolean().optional(),
});
export type ReproStamp = z.infer<typeof reproStampSchema>;

const ms = (ns: number | undefined) => (ns ?? 0) / 1e6;

/**
 * Only when /api/ps could not tell: a load under this counts as warm. (load_duration also holds
 * time spent queued behind other loads, so it is a poor witness when /api/ps is there.)
 */
export const COLD_LOAD_THRESHOLD_MS = 10;

/** What our side saw of the stream and the load, beside Ollama's own figures. */
export type ObservedExtra = {
  startState?: StartState;
  thinkingChars?: number;
  thinkingTokens?: number;
  thinkingMs?: number;
  thinkingInPrompt?: boolean;
  /** a separate load request came first: how the model started before it, and how long it took */
  preload?: { startState: StartState; ms: number };
};

export function computeMetrics(
  final: FinalChunk,
  clock: { startedAt: number; firstTokenAt: number | null; endedAt: number },
  extra: ObservedExtra = {},
): RunMetrics {
  const ownLoadMs = ms(final.load_duration);
  const loadMs = ownLoadMs + (extra.preload?.ms ?? 0);
  const evalTokens = final.eval_count ?? 0;
  const evalNs = final.eval_duration ?? 0;
  const startState = extra.preload?.startState ?? extra.startState ?? "unknown";
  const totalMs = ms(final.total_duration);
  const prefillMs = ms(final.prompt_eval_duration);
  return {
    isCold: startState === "unknown" ? loadMs >= COLD_LOAD_THRESHOLD_MS : startState !== "warm",
    startState,
    thinkingChars: extra.thinkingChars ?? 0,
    ...(extra.thinkingTokens ? { thinkingTokens: extra.thinkingTokens, thinkingMs: extra.thinkingMs ?? 0 } : {}),
    ...(extra.thinkingInPrompt ? { thinkingInPrompt: true } : {}),
    ...(extra.preload ? { preloadMs: extra.preload.ms } : {}),
    evalMs: ms(evalNs),
    // Ollama's own total minus its parts; a few ms are always left over (tokenising, the last chunk).
    waitedMs: Math.max(0, totalMs - ownLoadMs - prefillMs - ms(evalNs)),
    loadMs,
    timeToFirstTokenMs: clock.firstTokenAt === null ? null : clock.firstTokenAt - clock.startedAt,
    promptTokens: final.prompt_eval_count ?? 0,
    prefillMs,
    evalTokens,
    tokensPerSecond: evalNs > 0 ? (evalTokens * 1e9) / evalNs : null,
    totalMs,
    wallMs: clock.endedAt - clock.startedAt,
    doneReason: final.done_reason ?? null,
  };
}

/** Share of a loaded model's resident bytes on the GPU (0 to 100). */
export function percentOnGpu(sizeBytes: number, vramBytes: number): number {
  if (sizeBytes <= 0) return 0;
  return Math.round(Math.min(1, Math.max(0, vramBytes / sizeBytes)) * 1000) / 10;
}
