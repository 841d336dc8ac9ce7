import "server-only";
import { Ollama } from "ollama";
import { env } from "@/lib/env";

/**
 * ollama-js does not read OLLAMA_HOST itself, and only streamed calls can be aborted, so every
 * client gets our validated host and a fetch that gives up after `timeoutMs`.
 */
export function createOllamaClient({ host = env.OLLAMA_HOST, timeoutMs = 10_000 } = {}): Ollama {
  const timedFetch: typeof fetch = (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
  return new Ollama({ host, fetch: timedFetch });
}

export type OllamaStatus = { reachable: true; host: string; version: string } | { reachable: false; host: string; error: string };

/** Whether Ollama answers at the configured host. Never throws: Ollama being down is a state. */
export async function getOllamaStatus({ host = env.OLLAMA_HOST, timeoutMs = 1500 } = {}): Promise<OllamaStatus> {
  try {
    const { version } = await createOllamaClient({ host, timeoutMs }).version();
    return { reachable: true, host, version };
  } catch (error) {
    const name = (error as Error).name;
    const reason =
      name === "TimeoutError" || name === "AbortError" ? `no answer within ${timeoutMs} ms` : `not reachable (${(error as Error).message})`;
    return { reachable: false, host, error: `Ollama at ${host}: ${reason}. Start it with \`ollama serve\` or set OLLAMA_HOST.` };
  }
}
