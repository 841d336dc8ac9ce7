import "server-only";
import type { AbortableAsyncIterator, ProgressResponse } from "ollama";
import { env } from "@/lib/env";
import { forgetCatalogue } from "@/lib/ollama/catalogue";
import { createOllamaClient } from "@/lib/ollama/client";
import { OllamaError, toOllamaError } from "@/lib/ollama/errors";

export type PullProgress = {
  status: string;
  layers: { digest: string; total: number; completed: number }[];
  total: number;
  completed: number;
  /** 0 to 100, over all layers seen so far */
  percent: number;
  isDone: boolean;
};

export const MODEL_TAG = /^[a-z0-9][a-z0-9._/-]{0,79}(:[a-z0-9._-]{1,40})?$/i;

/**
 * Pulls a model, reporting progress per layer and overall. Cancel with `signal`; an unknown model
 * ends with MODEL_NOT_FOUND.
 */
export async function pullModel(
  name: string,
  {
    signal,
    onProgress,
    host = env.OLLAMA_HOST,
  }: { signal?: AbortSignal; onProgress: (p: PullProgress) => void | Promise<void>; host?: string },
): Promise<void> {
  if (!MODEL_TAG.test(name))
    throw new OllamaError("BAD_REQUEST", `"${name}" is not a model tag (for example qwen3-vl:4b).`, { host, model: name });
  const client = createOllamaClient({ host, timeoutMs: 24 * 60 * 60 * 1000 });
  const layers = new Map<string, { digest: string; total: number; completed: number }>();
  let stream: AbortableAsyncIterator<ProgressResponse> | undefined;
  const abort = () => stream?.abort();
  signal?.addEventListener("abort", abort, { once: true });
  try {
    stream = await client.pull({ model: name, stream: true });
    if (signal?.aborted) abort();
    for await (const part of stream) {
      if (part.digest && part.total) layers.set(part.digest, { digest: part.digest, total: part.total, completed: part.completed ?? 0 });
      const all = [...layers.values()];
      const total = all.reduce((n, l) => n + l.total, 0);
      const completed = all.reduce((n, l) => n + Math.min(l.completed, l.total), 0);
      await onProgress({
        status: part.status,
        layers: all,
        total,
        completed,
        percent: total ? Math.floor((completed / total) * 1000) / 10 : 0,
        isDone: part.status === "success",
      });
    }
    forgetCatalogue();
  } catch (error) {
    if (signal?.aborted) throw new OllamaError("ABORTED", `The pull of ${name} was cancelled.`, { host, model: name });
    const e = toOllamaError(error, { host, model: name });
    // The pull endpoint reports an unknown model as an error line, not a 404.
    if (e.code === "STREAM_FAILED" && /not found|does not exist|manifest/i.test(e.message)) {
      throw new OllamaError("MODEL_NOT_FOUND", `There is no model "${name}" in the Ollama library. Check the tag on ollama.com/library.`, {
        host,
        model: name,
      });
    }
    throw e;
  } finally {
    signal?.removeEventListener("abort", abort);
  }
}
