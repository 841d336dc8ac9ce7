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

// Every failed pull ends with a line "pull model manifest: <reason>" (so the word "manifest" says
// nothing). The registry answering 404 becomes "file does not exist"; no network becomes Go's dial
// error. Only the first means there is no such model.
const NO_SUCH_MODEL = /file does not exist|not found/i;
const REGISTRY_UNREACHABLE =
  /dial tcp|lookup |no such host|i\/o timeout|server misbehaving|connection refused|network is unreachable|tls:|certificate/i;

export function pullFailure(e: OllamaError, name: string, host: string): OllamaError {
  if (e.code !== "STREAM_FAILED" && e.code !== "RUNNER_CRASHED") return e;
  if (REGISTRY_UNREACHABLE.test(e.message)) {
    return new OllamaError(
      "REGISTRY_UNREACHABLE",
      `Ollama at ${host} could not reach the model registry (registry.ollama.ai) to pull "${name}": the machine running Ollama has no internet access, or a proxy or firewall blocks it. Pull the model on a connected machine, or fix its network, then try again.`,
      { host, model: name, cause: e },
    );
  }
  if (NO_SUCH_MODEL.test(e.message)) {
    return new OllamaError("MODEL_NOT_FOUND", `There is no model "${name}" in the Ollama library. Check the tag on ollama.com/library.`, {
      host,
      model: name,
      cause: e,
    });
  }
  return e;
}

/**
 * Pulls a model, reporting progress per layer and overall. Cancel with `signal`; an unknown model
 * ends with MODEL_NOT_FOUND, an unreachable registry with REGISTRY_UNREACHABLE.
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
    throw pullFailure(toOllamaError(error, { host, model: name }), name, host);
  } finally {
    signal?.removeEventListener("abort", abort);
  }
}
