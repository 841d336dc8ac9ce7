// Typed errors for everything that can go wrong talking to Ollama. Each carries a message a person
// can act on; the raw cause is kept for the server log.

import { AppError } from "@/lib/errors";

export type OllamaErrorCode =
  | "UNREACHABLE"
  | "MODEL_NOT_FOUND"
  | "BUSY"
  | "RUNNER_CRASHED"
  | "STREAM_FAILED"
  | "TIMEOUT"
  | "ABORTED"
  | "BAD_REQUEST"
  | "IMAGES_NOT_SUPPORTED";

const STATUS: Record<OllamaErrorCode, number> = {
  UNREACHABLE: 503,
  MODEL_NOT_FOUND: 404,
  BUSY: 503,
  RUNNER_CRASHED: 502,
  STREAM_FAILED: 502,
  TIMEOUT: 504,
  ABORTED: 409,
  BAD_REQUEST: 400,
  IMAGES_NOT_SUPPORTED: 400,
};

export class OllamaError extends AppError {
  declare readonly code: OllamaErrorCode;

  constructor(
    code: OllamaErrorCode,
    message: string,
    readonly details: { host?: string; model?: string; status?: number; partialText?: string; cause?: unknown } = {},
  ) {
    super(code, message, { status: STATUS[code], cause: details.cause });
  }

  /** What a stream produced before it failed: kept, never thrown away. */
  get partialText(): string {
    return this.details.partialText ?? "";
  }
}

type Context = { host: string; model?: string; partialText?: string; timeoutMs?: number };

/** Turns whatever ollama-js or fetch threw into an OllamaError. */
export function toOllamaError(error: unknown, context: Context): OllamaError {
  if (error instanceof OllamaError) return error;
  const e = error as { name?: string; message?: string; status_code?: number; error?: string; cause?: { code?: string } };
  const { host, model, partialText } = context;
  const base = { host, model, partialText, cause: error };
  const name = model ? `"${model}"` : "the model";

  if (e?.name === "ResponseError" && typeof e.status_code === "number") {
    const status = e.status_code;
    const text = e.error ?? e.message ?? "";
    if (status === 404)
      return new OllamaError(
        "MODEL_NOT_FOUND",
        `Ollama at ${host} does not have ${name}. Install it with: ollama pull ${model ?? "<model>"}`,
        { ...base, status },
      );
    if (status === 503)
      return new OllamaError("BUSY", `Ollama at ${host} is busy (its queue is full). Wait a moment and retry.`, { ...base, status });
    if (status >= 500)
      return new OllamaError(
        "RUNNER_CRASHED",
        `The model runner for ${name} stopped unexpectedly (often out of memory, or an image too small or too large). Ollama said: ${text}`,
        { ...base, status },
      );
    return new OllamaError("BAD_REQUEST", `Ollama refused the request for ${name}: ${text}`, { ...base, status });
  }
  if (e?.name === "TimeoutError") {
    return new OllamaError("TIMEOUT", `Ollama at ${host} did not answer within ${Math.round((context.timeoutMs ?? 0) / 1000)} s.`, base);
  }
  if (e?.name === "AbortError") return new OllamaError("ABORTED", "The request was cancelled.", base);
  const message = e?.message ?? String(error);
  if (
    message === "fetch failed" ||
    e?.cause?.code === "ECONNREFUSED" ||
    e?.cause?.code === "ENOTFOUND" ||
    e?.cause?.code === "EHOSTUNREACH"
  ) {
    return new OllamaError(
      "UNREACHABLE",
      `Ollama is not reachable at ${host}. Start it with \`ollama serve\` (or the desktop app) on that machine, or set OLLAMA_HOST to where it runs.`,
      base,
    );
  }
  if (/Did not receive done or success response in stream/.test(message)) {
    return new OllamaError("STREAM_FAILED", `The answer from ${name} was cut off before it finished. What arrived is kept.`, base);
  }
  // A chunk with an `error` key mid-stream (ollama-js throws a plain Error with its text).
  return new OllamaError("STREAM_FAILED", `${name} failed while answering: ${message}. What arrived is kept.`, base);
}
