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
  if (!known) {
    entry.error = PULL_NOT_FOUND;
    if (!writer) throw new HttpError(500, PULL_NOT_FOUND);
    await writer.writeLine({ error: PULL_NOT_FOUND });
    res.end();
    return;
  }

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
