import "server-only";
import type { AbortableAsyncIterator, ChatResponse } from "ollama";
import { env } from "@/lib/env";
import { findInstalledModel, listLoadedModels } from "@/lib/ollama/catalogue";
import { createOllamaClient, getOllamaStatus } from "@/lib/ollama/client";
import { OllamaError, toOllamaError } from "@/lib/ollama/errors";
import {
  computeMetrics,
  type ChatOptions,
  type FinalChunk,
  type LoadedModel,
  type ReproStamp,
  type RunMetrics,
} from "@/lib/ollama/metrics";

export type ChatRequest = {
  model: string;
  prompt: string;
  /** Only vision models may receive images; anything else is refused before a byte is sent. */
  images?: Uint8Array[];
  /** A JSON schema (structured output) or "json". The reply is still text; parse it yourself. */
  format?: Record<string, unknown> | "json";
  options?: ChatOptions;
  keepAlive?: string | number;
  signal?: AbortSignal;
  /** Whole request, load included. */
  timeoutMs?: number;
  /** Called as text arrives, so callers can keep every token (e.g. write it to the database). */
  onText?: (delta: string, soFar: string) => void | Promise<void>;
  host?: string;
};

export type ChatResult = { text: string; metrics: RunMetrics; resident: LoadedModel | null; stamp: ReproStamp };

const versionCache = new Map<string, { at: number; version: string | null }>();

/** The Ollama version for the stamp; asked once a minute per host, not once per answer. */
async function ollamaVersion(host: string): Promise<string | null> {
  const cached = versionCache.get(host);
  if (cached && Date.now() - cached.at < 60_000) return cached.version;
  const status = await getOllamaStatus({ host });
  const version = status.reachable ? status.version : null;
  versionCache.set(host, { at: Date.now(), version });
  return version;
}

/**
 * Streams one prompt to one model and measures it: Ollama's own durations for load, prefill and
 * generation, our clock for time to first token, then an /api/ps snapshot of the model's memory.
 * Failures become OllamaError; text that arrived before a failure is in `error.partialText`.
 */
export async function runChat(request: ChatRequest): Promise<ChatResult> {
  const host = request.host ?? env.OLLAMA_HOST;
  const timeoutMs = request.timeoutMs ?? 120_000;
  const model = await findInstalledModel(request.model, { host }).catch((error: unknown) => {
    throw toOllamaError(error, { host, model: request.model });
  });
  if (!model) {
    throw new OllamaError(
      "MODEL_NOT_FOUND",
      `Ollama at ${host} does not have "${request.model}". Install it with: ollama pull ${request.model}`,
      { host, model: request.model, status: 404 },
    );
  }
  if (request.images?.length && model.kind !== "vision") {
    throw new OllamaError("IMAGES_NOT_SUPPORTED", `"${model.name}" is a text-only model: it cannot see images, so none was sent.`, {
      host,
      model: model.name,
    });
  }

  // Streaming calls have no fetch timeout of their own: the generous one here covers stalls.
  const client = createOllamaClient({ host, timeoutMs: timeoutMs + 5_000 });
  const options = request.options ?? {};
  let text = "";
  let firstTokenAt: number | null = null;
  let final: FinalChunk | null = null;
  let timedOut = false;
  const startedAt = performance.now();
  let stream: AbortableAsyncIterator<ChatResponse> | undefined;
  const abort = () => stream?.abort();
  const timer = setTimeout(() => {
    timedOut = true;
    abort();
  }, timeoutMs);
  request.signal?.addEventListener("abort", abort, { once: true });
  try {
    if (request.signal?.aborted) throw new OllamaError("ABORTED", "The request was cancelled.", { host, model: model.name });
    stream = await client.chat({
      model: model.name,
      messages: [{ role: "user", content: request.prompt, ...(request.images?.length ? { images: request.images } : {}) }],
      stream: true,
      ...(request.format ? { format: request.format } : {}),
      options,
      ...(request.keepAlive !== undefined ? { keep_alive: request.keepAlive } : {}),
      // Thinking models would spend the budget on hidden reasoning; the lesson compares answers.
      ...(model.capabilities.includes("thinking") ? { think: false } : {}),
    });
    if (request.signal?.aborted) abort();
    for await (const part of stream) {
      const delta = part.message?.content ?? "";
      if (delta) {
        firstTokenAt ??= performance.now();
        text += delta;
        await request.onText?.(delta, text);
      }
      if (part.done) final = part as unknown as FinalChunk;
    }
    if (!final)
      throw new OllamaError("STREAM_FAILED", `The answer from "${model.name}" was cut off before it finished. What arrived is kept.`, {
        host,
        model: model.name,
        partialText: text,
      });
  } catch (error) {
    if (timedOut)
      throw new OllamaError("TIMEOUT", `"${model.name}" did not finish within ${Math.round(timeoutMs / 1000)} s. What arrived is kept.`, {
        host,
        model: model.name,
        partialText: text,
      });
    if (request.signal?.aborted)
      throw new OllamaError("ABORTED", "The request was cancelled. What arrived is kept.", { host, model: model.name, partialText: text });
    throw toOllamaError(error, { host, model: model.name, partialText: text, timeoutMs });
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener("abort", abort);
  }

  const metrics = computeMetrics(final, { startedAt, firstTokenAt, endedAt: performance.now() });
  const [resident, ollamaVersionNow] = await Promise.all([
    listLoadedModels({ host })
      .then((loaded) => loaded.find((m) => m.name === model.name) ?? null)
      .catch(() => null),
    ollamaVersion(host),
  ]);
  return {
    text,
    metrics,
    resident,
    stamp: { model: model.name, digest: model.digest, quantization: model.quantization, ollamaVersion: ollamaVersionNow, host, options },
  };
}

/** Unloads a model (keep_alive 0), so the next request measures a real cold start. */
export async function unloadModel(name: string, { host = env.OLLAMA_HOST } = {}): Promise<void> {
  try {
    await createOllamaClient({ host, timeoutMs: 30_000 }).chat({ model: name, messages: [], keep_alive: 0 });
  } catch (error) {
    throw toOllamaError(error, { host, model: name });
  }
}
