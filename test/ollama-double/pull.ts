import { createHash } from "node:crypto";
import { type ServerResponse } from "node:http";
import { normalizeModelName, type ScriptedModel } from "./models";
import { type RequestLogEntry, type TestServerState } from "./state";
import { FragmentedNdjsonWriter, HttpError, sendJson, sleep, unmarshalError } from "./wire";

export const PULL_NOT_FOUND = "pull model manifest: file does not exist";

export type PullExchange = {
  state: TestServerState;
  res: ServerResponse;
  entry: RequestLogEntry;
  signal: AbortSignal;
  fragmentGapMs: number;
  /** Pause between progress lines. */
  stepDelayMs: number;
};

type PullRequest = { name: string; stream: boolean };
type Progress = { status: string; digest?: string; total?: number; completed?: number };

/**
 * The manifest request's error while the registry's name cannot be resolved (Go's *url.Error): a
 * plain name lives under `library/` on registry.ollama.ai, a tag defaults to `latest`.
 */
export function pullOfflineError(name: string): string {
  const normalized = normalizeModelName(name);
  const colon = normalized.lastIndexOf(":");
  const [repository, tag] = [normalized.slice(0, colon), normalized.slice(colon + 1)];
  const parts = repository.split("/");
  const hasHost = parts.length > 2 || (parts.length === 2 && parts[0]?.includes("."));
  const host = hasHost ? (parts.shift() ?? "registry.ollama.ai") : "registry.ollama.ai";
  const path = parts.length === 1 ? `library/${parts[0] ?? ""}` : parts.join("/");
  return `pull model manifest: Get "https://${host}/v2/${path}/manifests/${tag}": dial tcp: lookup ${host}: no such host`;
}

/** ollama-js sends the old `name` field; newer clients send `model`. Either works, as in Ollama. */
export function parsePullRequest(body: Record<string, unknown>, entry: RequestLogEntry): PullRequest {
  const { model, name, stream } = body;
  const raw = typeof model === "string" && model !== "" ? model : name;
  entry.model = typeof raw === "string" ? raw : undefined;
  entry.stream = typeof stream === "boolean" ? stream : undefined;
  if (raw !== undefined && raw !== null && typeof raw !== "string") throw unmarshalError(raw, "PullRequest.model", "string");
  if (stream !== undefined && stream !== null && typeof stream !== "boolean") throw unmarshalError(stream, "PullRequest.stream", "bool");
  if (typeof raw !== "string" || raw.trim() === "") throw new HttpError(400, "invalid model name");
  return { name: raw, stream: typeof stream === "boolean" ? stream : true };
}

export async function handlePull(exchange: PullExchange, request: PullRequest): Promise<void> {
  const { state, res, signal, entry } = exchange;
  const known = state.findKnown(request.name);
  const markStarted = () => {
    entry.status = 200;
  };
  const writer = request.stream ? new FragmentedNdjsonWriter(res, signal, exchange.fragmentGapMs, markStarted) : undefined;
  const emit = async (progress: Progress) => {
    if (writer) await writer.writeLine(progress);
    await sleep(exchange.stepDelayMs, signal);
  };

  await emit({ status: "pulling manifest" });
  const failure = state.behaviour.pullOffline ? pullOfflineError(request.name) : known ? undefined : PULL_NOT_FOUND;
  if (failure) {
    entry.error = failure;
    if (!writer) throw new HttpError(500, failure);
    await writer.writeLine({ error: failure });
    res.end();
    return;
  }
  if (!known) return;

  for (const layer of layersOf(known.model)) {
    const status = `pulling ${layer.digest.slice(0, 12)}`;
    await emit({ status, digest: `sha256:${layer.digest}`, total: layer.total });
    for (let step = 1; step <= layer.steps; step++) {
      const completed = Math.round((layer.total * step) / layer.steps);
      await emit({ status, digest: `sha256:${layer.digest}`, total: layer.total, completed });
    }
  }
  await emit({ status: "verifying sha256 digest" });
  await emit({ status: "writing manifest" });
  known.installed = true;
  known.modifiedAt = new Date().toISOString();
  if (writer) {
    await writer.writeLine({ status: "success" });
    res.end();
    return;
  }
  entry.status = 200;
  sendJson(res, 200, { status: "success" });
}

/** The weights layer is as big as the model; template and licence are small. */
function layersOf(model: ScriptedModel): { digest: string; total: number; steps: number }[] {
  const digestOf = (part: string) =>
    createHash("sha256")
      .update(`${normalizeModelName(model.name)}:${part}`)
      .digest("hex");
  return [
    { digest: model.digest, total: model.size, steps: 5 },
    { digest: digestOf("template"), total: Buffer.byteLength(model.template), steps: 1 },
    { digest: digestOf("license"), total: Buffer.byteLength(model.license), steps: 1 },
  ];
}
