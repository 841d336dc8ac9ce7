import "server-only";
import { env } from "@/lib/env";
import { createOllamaClient } from "@/lib/ollama/server/client";
import { OllamaError, toOllamaError } from "@/lib/ollama/errors";
import { startDeadline } from "@/lib/ollama/server/deadline";

// Loading and unloading a model with requests of their own (no messages), apart from any answer.

/**
 * Loads a model with a request of its own (no messages: Ollama answers done_reason "load" once the
 * model is ready), under its own limit. A cell's timer then starts on a loaded model: a timeout
 * during a load makes Ollama stop the model server, so a big model on a slow disk would never load
 * under the cell's limit. Returns the load's time by our clock (queueing and evictions included).
 */
export async function loadModel(
  name: string,
  { host = env.OLLAMA_HOST, numCtx, timeoutMs, signal }: { host?: string; numCtx?: number; timeoutMs: number; signal?: AbortSignal },
): Promise<number> {
  const deadline = startDeadline(signal, timeoutMs);
  const startedAt = performance.now();
  try {
    await createOllamaClient({ host, timeoutMs: timeoutMs + 5_000, signal: deadline.signal }).chat({
      model: name,
      messages: [],
      // The same context the cells ask for: another would load it again on the first cell.
      ...(numCtx ? { options: { num_ctx: numCtx } } : {}),
    });
    return performance.now() - startedAt;
  } catch (error) {
    const context = { host, model: name };
    if (deadline.timedOut()) {
      const seconds = Math.round(timeoutMs / 1000);
      throw new OllamaError("LOAD_TIMEOUT", `"${name}" did not load within ${seconds} s.`, context);
    }
    if (signal?.aborted) throw new OllamaError("ABORTED", "The request was cancelled.", context);
    throw toOllamaError(error, context);
  } finally {
    deadline.release();
  }
}

/** Unloads a model (keep_alive 0), so the next request measures a real cold start. */
export async function unloadModel(name: string, { host = env.OLLAMA_HOST } = {}): Promise<void> {
  try {
    await createOllamaClient({ host, timeoutMs: 30_000 }).chat({ model: name, messages: [], keep_alive: 0 });
  } catch (error) {
    throw toOllamaError(error, { host, model: name });
  }
}
