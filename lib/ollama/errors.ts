// Typed errors for everything that can go wrong talking to Ollama. Each carries a message a person
// can act on; the raw cause is kept for the server log.

import { AppError } from "@/lib/app-error";
import type { ErrorCode } from "@/lib/errors/table";

export type OllamaErrorCode = Extract<
  ErrorCode,
  | "UNREACHABLE"
  | "MODEL_NOT_FOUND"
  | "BUSY"
  | "RUNNER_CRASHED"
  | "STREAM_FAILED"
  | "TIMEOUT"
  | "LOAD_TIMEOUT"
  | "ABORTED"
  | "BAD_REQUEST"
  | "IMAGES_NOT_SUPPORTED"
  | "CONTEXT_TOO_SMALL"
  | "REGISTRY_UNREACHABLE"
>;

export class OllamaError extends AppError {
  declare readonly code: OllamaErrorCode;

  constructor(
    code: OllamaErrorCode,
    message: string,
    readonly details: {
      host?: string;
      model?: string;
      status?: number;
      partialText?: string;
      partialThinking?: string;
      cause?: unknown;
    } = {},
  ) {
    super(code, message, { cause: details.cause });
  }

  /** What a stream produced before it failed: kept, never thrown away. */
  get partialText(): string {
    return this.details.partialText ?? "";
  }

  get partialThinking(): string {
    return this.details.partialThinking ?? "";
  }
}

type Context = { host: string; model?: string; partialText?: string; partialThinking?: string; timeoutMs?: number };

/**
 * Ollama 0.30 and later pass llama-server's errors on with llama-server's own JSON as the message
 * ({"error":{"code":400,"message":"…","type":"…"}}); the Go engine sends plain text. The text a
 * person can read, and llama-server's error type when there is one.
 */
export function readRunnerError(text: string): { message: string; type: string | null; details: Record<string, unknown> } {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown; type?: unknown } & Record<string, unknown> };
    if (parsed?.error && typeof parsed.error.message === "string") {
      return {
        message: parsed.error.message,
        type: typeof parsed.error.type === "string" ? parsed.error.type : null,
        details: parsed.error,
      };
    }
  } catch {
    // plain text
  }
  return { message: text, type: null, details: {} };
}

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ECONNRESET"]);
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT", "ETIMEDOUT"]);

/** Turns whatever ollama-js or fetch threw into an OllamaError. */
export function toOllamaError(error: unknown, context: Context): OllamaError {
  if (error instanceof OllamaError) return error;
  const e = error as { name?: string; message?: string; status_code?: number; error?: string; cause?: { code?: string; name?: string } };
  const { host, model, partialText, partialThinking } = context;
  const base = { host, model, partialText, partialThinking, cause: error };
  const name = model ? `"${model}"` : "the model";

  if (e?.name === "ResponseError" && typeof e.status_code === "number") {
    const status = e.status_code;
    const runner = readRunnerError(e.error ?? e.message ?? "");
    if (status === 404) {
      return new OllamaError(
        "MODEL_NOT_FOUND",
        `${name} is not installed on the lab's Ollama. An instructor can pull it on the Models page.`,
        {
          ...base,
          status,
        },
      );
    }
    if (runner.type === "exceed_context_size_error") {
      return new OllamaError(
        "CONTEXT_TOO_SMALL",
        `The prompt and image do not fit ${name}'s context (${runner.message}). Use a smaller image or a larger context.`,
        { ...base, status },
      );
    }
    if (/does not support multimodal|image input is not supported/i.test(runner.message)) {
      return new OllamaError("IMAGES_NOT_SUPPORTED", `${name} cannot take images (Ollama said: ${runner.message})`, { ...base, status });
    }
    if (status === 503 && /busy|maximum pending/i.test(runner.message)) {
      return new OllamaError("BUSY", "Ollama is busy (its queue is full). Wait a moment and retry.", { ...base, status });
    }
    if (status >= 500) {
      return new OllamaError(
        "RUNNER_CRASHED",
        `The model runner for ${name} stopped unexpectedly (often out of memory, or an image too small or too large). Ollama said: ${runner.message}`,
        { ...base, status },
      );
    }
    return new OllamaError("BAD_REQUEST", `Ollama refused the request for ${name}: ${runner.message}`, { ...base, status });
  }
  const code = e?.cause?.code;
  if (e?.name === "TimeoutError" || (code && TIMEOUT_CODES.has(code))) {
    const seconds = context.timeoutMs ? `within ${Math.round(context.timeoutMs / 1000)} s` : "in time";
    return new OllamaError("TIMEOUT", `${model ? name : "Ollama"} did not answer ${seconds}. What arrived is kept.`, base);
  }
  if (e?.name === "AbortError") return new OllamaError("ABORTED", "The request was cancelled.", base);
  const message = e?.message ?? String(error);
  if (code === "UND_ERR_SOCKET" || message === "terminated") {
    return new OllamaError("STREAM_FAILED", `The connection to Ollama dropped while ${name} was answering. What arrived is kept.`, base);
  }
  if (message === "fetch failed" || (code && UNREACHABLE_CODES.has(code))) {
    return new OllamaError(
      "UNREACHABLE",
      "Ollama is not reachable, so no model can run until it is started again. Ask your instructor; instructors find how to start it on the Models page.",
      base,
    );
  }
  if (/Did not receive done or success response in stream/.test(message)) {
    return new OllamaError(
      "STREAM_FAILED",
      `The answer from ${name} stopped before Ollama finished it (the stream ended without its final message, as Ollama does after a long run of repeated tokens). What arrived is kept.`,
      base,
    );
  }
  // A chunk with an `error` key mid-stream (ollama-js throws a plain Error with its text).
  return new OllamaError(
    "STREAM_FAILED",
    `${name} failed while answering: ${readRunnerError(message).message}. What arrived is kept.`,
    base,
  );
}
