import "server-only";
import type { ChatResponse } from "ollama";
import { env } from "@/lib/env";
import { findInstalledModel, listLoadedModels, type InstalledModel } from "@/lib/ollama/server/catalogue";
import { createOllamaClient, getOllamaVersion } from "@/lib/ollama/server/client";
import { engineOf } from "@/lib/ollama/engine";
import { OllamaError, toOllamaError } from "@/lib/ollama/errors";
import { startDeadline } from "@/lib/ollama/server/deadline";
import {
  computeMetrics,
  type ChatOptions,
  type FinalChunk,
  type LoadedModel,
  type ReproStamp,
  type RunMetrics,
  type StartState,
} from "@/lib/ollama/metrics";

export type ChatRequest = {
  model: string;
  prompt: string;
  /** A system message sent before the prompt (the rules the model answers under). */
  system?: string;
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
  onText?: (delta: string, soFar: string, thinkingSoFar: string) => void | Promise<void>;
  host?: string;
  /** sent as X-Request-Id (the lab sends "<cell id>:<attempt>") */
  requestId?: string;
  /** the model was just loaded by loadModel: how it started before that load, and the load's time */
  preload?: { startState: StartState; ms: number };
};

export type ChatResult = {
  text: string;
  /** what a thinking model put in message.thinking (kept apart from the answer) */
  thinking: string;
  metrics: RunMetrics;
  resident: LoadedModel | null;
  stamp: ReproStamp;
};

/**
 * Whether to send `think`, and what. Models that honour it get think:false (the lab compares
 * answers, not reasoning). A thinking variant ignores think:false and, next to a format, would put
 * the whole answer in message.thinking (Ollama 0.31.2 and later): it is asked with think:true, so
 * the format applies after its thinking and the answer lands in content.
 */
export function thinkFor(model: Pick<InstalledModel, "capabilities" | "isThinkingVariant">): { think?: boolean } {
  if (!model.capabilities.includes("thinking")) return {};
  return { think: model.isThinkingVariant };
}

/** Cold or warm, from /api/ps before the request: not loaded, or loaded with another context, means a load. */
export function startStateOf(loaded: LoadedModel[] | null, name: string, numCtx: number | undefined): StartState {
  if (!loaded) return "unknown";
  const model = loaded.find((m) => m.name === name);
  if (!model) return "cold";
  if (numCtx && model.contextLength && model.contextLength !== numCtx) return "reload";
  return "warm";
}

/** The installed model a request may go to; refuses a missing model, images for a text model, or a request already cancelled. */
async function requireChatModel(request: ChatRequest, host: string): Promise<InstalledModel> {
  const model = await findInstalledModel(request.model, { host }).catch((error: unknown) => {
    throw toOllamaError(error, { host, model: request.model });
  });
  if (!model) {
    throw new OllamaError(
      "MODEL_NOT_FOUND",
      `"${request.model}" is not installed on the lab's Ollama. An instructor can pull it on the Models page.`,
      {
        host,
        model: request.model,
        status: 404,
      },
    );
  }
  if (request.images?.length && model.kind !== "vision") {
    throw new OllamaError("IMAGES_NOT_SUPPORTED", `"${model.name}" is a text-only model: it cannot see images, so none was sent.`, {
      host,
      model: model.name,
    });
  }
  if (request.signal?.aborted) throw new OllamaError("ABORTED", "The request was cancelled.", { host, model: model.name });
  return model;
}

/** What has arrived so far, kept outside the stream so a failure can keep it too. */
type Arrived = {
  text: string;
  thinking: string;
  firstTokenAt: number | null;
  /** chunks that carried thinking, and when the first came */
  thinkingChunks: number;
  thinkingStartedAt: number | null;
  /** when the first answer text came */
  contentStartedAt: number | null;
};

/** Sends the chat and reads its stream to the end into `arrived`; the final chunk carries Ollama's measurements. */
async function streamAnswer(
  client: ReturnType<typeof createOllamaClient>,
  model: InstalledModel,
  request: ChatRequest,
  options: ChatOptions,
  arrived: Arrived,
  host: string,
): Promise<FinalChunk> {
  let final: FinalChunk | null = null;
  const stream = await client.chat({
    model: model.name,
    messages: [
      ...(request.system ? [{ role: "system", content: request.system }] : []),
      { role: "user", content: request.prompt, ...(request.images?.length ? { images: request.images } : {}) },
    ],
    stream: true,
    ...(request.format ? { format: request.format } : {}),
    options,
    ...(request.keepAlive !== undefined ? { keep_alive: request.keepAlive } : {}),
    ...thinkFor(model),
  });
  for await (const part of stream as AsyncIterable<ChatResponse>) {
    const delta = part.message?.content ?? "";
    const thought = part.message?.thinking ?? "";
    if (delta || thought) {
      const now = performance.now();
      arrived.firstTokenAt ??= now;
      if (thought) {
        arrived.thinkingChunks++;
        arrived.thinkingStartedAt ??= now;
      }
      if (delta) arrived.contentStartedAt ??= now;
      arrived.text += delta;
      arrived.thinking += thought;
      await request.onText?.(delta, arrived.text, arrived.thinking);
    }
    if (part.done) final = part as unknown as FinalChunk;
  }
  if (!final) {
    throw new OllamaError("STREAM_FAILED", `The answer from "${model.name}" was cut off before it finished. What arrived is kept.`, {
      host,
      model: model.name,
      partialText: arrived.text,
      partialThinking: arrived.thinking,
    });
  }
  return final;
}

/**
 * Streams one prompt to one model and measures it: Ollama's own durations for load, prefill and
 * generation, our clock for time to first token, /api/ps before (cold or warm) and after (memory).
 * Failures become OllamaError; text that arrived before a failure is in `error.partialText`.
 */
export async function runChat(request: ChatRequest): Promise<ChatResult> {
  const host = request.host ?? env.OLLAMA_HOST;
  const timeoutMs = request.timeoutMs ?? 120_000;
  const model = await requireChatModel(request, host);

  const options = request.options ?? {};
  const [loadedBefore, version] = await Promise.all([listLoadedModels({ host }).catch(() => null), getOllamaVersion(host)]);
  const startState = startStateOf(loadedBefore, model.name, options.num_ctx);

  const deadline = startDeadline(request.signal, timeoutMs);
  const client = createOllamaClient({ host, timeoutMs: timeoutMs + 5_000, signal: deadline.signal, requestId: request.requestId });

  const arrived: Arrived = {
    text: "",
    thinking: "",
    firstTokenAt: null,
    thinkingChunks: 0,
    thinkingStartedAt: null,
    contentStartedAt: null,
  };
  let final: FinalChunk;
  const startedAt = performance.now();
  try {
    final = await streamAnswer(client, model, request, options, arrived, host);
  } catch (error) {
    const context = { host, model: model.name, partialText: arrived.text, partialThinking: arrived.thinking };
    if (deadline.timedOut()) {
      throw new OllamaError(
        "TIMEOUT",
        `"${model.name}" did not finish within ${Math.round(timeoutMs / 1000)} s. What arrived is kept.`,
        context,
      );
    }
    if (request.signal?.aborted) throw new OllamaError("ABORTED", "The request was cancelled. What arrived is kept.", context);
    throw toOllamaError(error, { ...context, timeoutMs });
  } finally {
    deadline.release();
  }
  const { text, thinking, firstTokenAt } = arrived;
  const endedAt = performance.now();
  const thinkingMs = arrived.thinkingStartedAt === null ? 0 : (arrived.contentStartedAt ?? endedAt) - arrived.thinkingStartedAt;
  const metrics = computeMetrics(
    final,
    { startedAt, firstTokenAt, endedAt },
    {
      startState,
      thinkingChars: thinking.length,
      thinkingTokens: arrived.thinkingChunks,
      thinkingMs,
      // With think:true and a format, Ollama thinks in one completion and answers in a second that
      // is prompted with the thinking (docs/ollama.md, "Thinking with a format").
      // (Only when an answer followed: thinking that used up num_predict never reaches the second.)
      thinkingInPrompt: arrived.thinkingChunks > 0 && arrived.text.length > 0 && request.format !== undefined,
      ...(request.preload ? { preload: request.preload } : {}),
    },
  );
  const resident = await listLoadedModels({ host })
    .then((loaded) => loaded.find((m) => m.name === model.name) ?? null)
    .catch(() => null);
  return {
    text,
    thinking,
    metrics,
    resident,
    stamp: {
      model: model.name,
      digest: model.digest,
      quantization: model.quantization,
      ollamaVersion: version,
      engine: engineOf(version),
      host,
      options,
      ...thinkFor(model),
    },
  };
}
