import "server-only";
import type { AbortableAsyncIterator, ProgressResponse } from "ollama";
import { z } from "zod";
import { env } from "@/lib/env";
import { normaliseOllamaHost } from "@/lib/env-schema";
import { forgetCatalogue } from "@/lib/ollama/server/catalogue";
import { createOllamaClient, getOllamaStatus, type OllamaStatus } from "@/lib/ollama/server/client";
import { OllamaError, toOllamaError } from "@/lib/ollama/errors";
import type { PullProgress, PullEvent } from "@/lib/ollama/types";

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
    forgetCatalogue(host);
  } catch (error) {
    if (signal?.aborted) throw new OllamaError("ABORTED", `The pull of ${name} was cancelled.`, { host, model: name });
    throw pullFailure(toOllamaError(error, { host, model: name }), name, host);
  } finally {
    signal?.removeEventListener("abort", abort);
  }
}

/** The pull route's `host` for every host of the pool. */
export const EVERY_HOST = "all";

/**
 * The configured host `value` names ("all" for every host), or null. A trailing slash or a missing
 * scheme or port still matches, but what comes back is always the configured entry, so nothing a
 * client sends becomes an address the server connects to.
 */
export function matchPullHost(value: string, hosts: readonly string[]): string | null {
  if (value.trim().toLowerCase() === EVERY_HOST) return EVERY_HOST;
  try {
    const url = normaliseOllamaHost(value);
    return hosts.find((h) => h === url) ?? null;
  } catch {
    return null;
  }
}

/** The pull route's JSON body: a model tag and, optionally, one of `hosts` or "all". */
export function pullRequestSchema(hosts: readonly string[]) {
  const refusal = (value: unknown) => {
    const named = typeof value === "string" ? `"${value.slice(0, 100)}" is not one of the lab's Ollama hosts. ` : "";
    return `${named}Pull to "${EVERY_HOST}" or to one of the hosts in OLLAMA_HOSTS: ${hosts.join(", ")}.`;
  };
  return z.strictObject({
    model: z.string().trim().regex(MODEL_TAG, { error: "Enter a model tag such as qwen3-vl:4b." }),
    host: z
      .string({ error: (issue) => refusal(issue.input) })
      .transform((value, ctx) => {
        const host = matchPullHost(value, hosts);
        if (host) return host;
        ctx.addIssue({ code: "custom", message: refusal(value) });
        return z.NEVER;
      })
      .optional(),
  });
}

/**
 * Where a pull goes: the host named, or every host for "all". Without a host, a pool of one pulls
 * there as it always did and a larger pool pulls everywhere, as the Models page's form does.
 */
export function pullTargets(host: string | undefined, hosts: readonly string[]): { hosts: string[]; isEveryHost: boolean } {
  if (host && host !== EVERY_HOST) return { hosts: [host], isEveryHost: false };
  return { hosts: [...hosts], isEveryHost: host === EVERY_HOST || hosts.length > 1 };
}

const SERVER_FAULT = "The pull failed on the server.";

function failureOf(error: unknown): OllamaError | null {
  if (error instanceof OllamaError) return error;
  console.error("[pull]", error);
  return null;
}

/** The last line of a pull to several hosts: done when at least one host has the model now. */
export function pullOutcome(
  name: string,
  results: readonly ({ host: string; ok: true } | { host: string; ok: false; message: string })[],
): Extract<PullEvent, { type: "done" | "error" }> {
  if (results.some((r) => r.ok)) return { type: "done" };
  const messages = [...new Set(results.flatMap((r) => (r.ok ? [] : [r.message])))];
  if (messages.length === 1) return { type: "error", message: messages[0]! };
  if (results.length === 0) return { type: "error", message: `No Ollama host was asked to pull "${name}".` };
  return { type: "error", message: `The pull of "${name}" failed on every host; each host's line says why.` };
}

/**
 * Pulls `name` where `targets` says and tells `send` every line of the route's stream. One host:
 * its progress, then done or error, as a single pull always said. Every host: the hosts are asked
 * at once whether they answer (1.5 s at most), then the answering ones pull one after the other,
 * so the first can serve the model while the next downloads, the pulls do not split one uplink,
 * and a tag the registry does not know stops after the first host. A host that fails gets a
 * host-error line and the others go on. Nothing more is sent once `signal` aborts.
 */
export async function streamPull(
  name: string,
  targets: { hosts: readonly string[]; isEveryHost: boolean },
  {
    signal,
    send,
    probe = (host) => getOllamaStatus({ host }),
  }: {
    signal?: AbortSignal;
    send: (event: PullEvent) => void | Promise<void>;
    probe?: (host: string) => Promise<OllamaStatus>;
  },
): Promise<void> {
  if (!targets.isEveryHost) {
    const host = targets.hosts[0] ?? env.OLLAMA_HOST;
    try {
      await pullModel(name, { host, signal, onProgress: (p) => send({ type: "progress", host, ...p }) });
      await send({ type: "done" });
    } catch (error) {
      const failure = failureOf(error);
      if (!signal?.aborted) await send({ type: "error", message: failure?.message ?? SERVER_FAULT });
    }
    return;
  }

  const results: ({ host: string; ok: true } | { host: string; ok: false; message: string })[] = [];
  const statuses = await Promise.all(targets.hosts.map(probe));
  const answering: string[] = [];
  for (const status of statuses) {
    if (status.reachable) {
      answering.push(status.host);
      continue;
    }
    const message = `${status.error.replace(/ Start it with .*$/, "")} Nothing was pulled there.`;
    results.push({ host: status.host, ok: false, message });
    await send({ type: "host-error", host: status.host, code: "UNREACHABLE", message });
  }
  if (!answering.length) {
    if (!signal?.aborted) await send({ type: "error", message: `No Ollama host is answering, so "${name}" was pulled nowhere.` });
    return;
  }
  for (const host of answering) {
    if (signal?.aborted) return;
    try {
      await pullModel(name, { host, signal, onProgress: (p) => send({ type: "progress", host, ...p }) });
      results.push({ host, ok: true });
      await send({ type: "host-done", host });
    } catch (error) {
      if (signal?.aborted) return;
      const failure = failureOf(error);
      const message = failure?.message ?? SERVER_FAULT;
      results.push({ host, ok: false, message });
      await send({ type: "host-error", host, code: failure?.code ?? "INTERNAL", message });
      // The registry is the same for every host: no use asking the next one for a tag it lacks.
      if (failure?.code === "MODEL_NOT_FOUND" || failure?.code === "BAD_REQUEST") break;
    }
  }
  if (!signal?.aborted) await send(pullOutcome(name, results));
}
