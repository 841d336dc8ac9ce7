import "server-only";
import { Ollama } from "ollama";
import { Agent, fetch as undiciFetch } from "undici";
import { env } from "@/lib/env";
import { engineOf, type OllamaEngine } from "@/lib/ollama/engine";

// Node's fetch gives up after 300 s without response headers (a cold load of a large model plus
// the image prefill can take longer) or between two body chunks, and then says "fetch failed" as
// if Ollama were down. Calls to Ollama go through an agent without those limits; each call carries
// its own timeout instead, and its caller's signal, so a cancel reaches the request even during a
// load, before any header has arrived (ollama-js only learns of its stream once headers arrive: docs/ollama.md, "Two engines").
const shared = globalThis as unknown as { lessonLabOllamaAgent?: Agent };
const agent = (shared.lessonLabOllamaAgent ??= new Agent({ headersTimeout: 0, bodyTimeout: 0, keepAliveTimeout: 10_000 }));

export function createOllamaClient({
  host = env.OLLAMA_HOST,
  timeoutMs = 10_000,
  signal,
  requestId,
}: {
  host?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** sent as X-Request-Id, for an operator's (or a test's) log */ requestId?: string;
} = {}): Ollama {
  const timedFetch = ((input: string | URL, init?: RequestInit) => {
    const signals = [AbortSignal.timeout(timeoutMs), init?.signal, signal].filter((s): s is AbortSignal => Boolean(s));
    const headers = new Headers(init?.headers);
    if (requestId) headers.set("X-Request-Id", requestId);
    return undiciFetch(input, { ...(init as object), headers, signal: AbortSignal.any(signals), dispatcher: agent });
  }) as unknown as typeof fetch;
  return new Ollama({ host, fetch: timedFetch });
}

export type OllamaStatus =
  { reachable: true; host: string; version: string; engine: OllamaEngine | null } | { reachable: false; host: string; error: string };

/** Whether Ollama answers at the configured host, and which engine it runs. Never throws: Ollama being down is a state. */
export async function getOllamaStatus({ host = env.OLLAMA_HOST, timeoutMs = 1500 } = {}): Promise<OllamaStatus> {
  try {
    const { version } = await createOllamaClient({ host, timeoutMs }).version();
    return { reachable: true, host, version, engine: engineOf(version) };
  } catch (error) {
    const name = (error as Error).name;
    const reason =
      name === "TimeoutError" || name === "AbortError" ? `no answer within ${timeoutMs} ms` : `not reachable (${(error as Error).message})`;
    return { reachable: false, host, error: `Ollama at ${host}: ${reason}. Start it with \`ollama serve\` or set OLLAMA_HOST.` };
  }
}

const versionCache = new Map<string, { at: number; version: string | null }>();

/** Ollama's version, asked once a minute per host (for stamps and the engine's rules), null when down. */
export async function getOllamaVersion(host = env.OLLAMA_HOST): Promise<string | null> {
  const cached = versionCache.get(host);
  if (cached && Date.now() - cached.at < 60_000) return cached.version;
  const status = await getOllamaStatus({ host });
  const version = status.reachable ? status.version : null;
  versionCache.set(host, { at: Date.now(), version });
  return version;
}

/** For tests that switch the double's engine. */
export function forgetOllamaVersions(): void {
  versionCache.clear();
}
