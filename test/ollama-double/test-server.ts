import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { cloudOfflineError, handleChat, notFoundMessage, parseChatRequest } from "./chat";
import { atLeast, DEFAULT_VERSION, resolveProfile, VERSIONS, type Engine, type Profile } from "./engine";
import { CLOUD_STUB, DEFAULT_MODELS, renderModelfile, residentSize, type ScriptedModel } from "./models";
import { handlePull, parsePullRequest } from "./pull";
import { settleChat } from "./request-log";
import {
  DEFAULT_BEHAVIOUR,
  DEFAULT_LATENCY,
  FAILURE_MODES,
  TestServerState,
  type Behaviour,
  type FailureMode,
  type FailureOptions,
  type Latency,
  type RequestLogEntry,
} from "./state";
import { type ServerStats, type StatsRecorder } from "./stats";
import { HttpError, isAbortError, parseJsonBody, readBody, sendJson, sendText, toGoJson } from "./wire";

export { CLOUD_STUB, DEFAULT_MODELS, type ScriptedModel } from "./models";
export { DEFAULT_BEHAVIOUR, DEFAULT_LATENCY } from "./state";
export { DEFAULT_VERSION, ENGINES, type Engine, type Profile } from "./engine";
export type { Behaviour, FailureMode, Latency, RequestLogEntry } from "./state";
export type { ChatOutcome, ModelChatStats, ServerStats } from "./stats";

/** The version the default (llama-server) profile reports. */
export const OLLAMA_VERSION = DEFAULT_VERSION["llama-server"];

export type OllamaTestServer = {
  url: string;
  port: number;
  /** Every /api/* request, oldest first; the same array for the server's whole life. */
  log: RequestLogEntry[];
  setFailure(model: string | "*", mode: FailureMode, opts?: FailureOptions): void;
  /**
   * Back to the start: no failures, nothing loaded or pulled, empty log, and the latency, engine
   * profile and behaviours the server was started with.
   */
  reset(): void;
  setLatency(ms: Partial<Latency>): void;
  /** Share of a model's resident memory on the GPU, as /api/ps reports it (0 to 1). */
  setVramFraction(model: string, fraction: number): void;
  /** Switch engine profile: an engine alone reports its newest release, a version alone picks its engine. */
  setEngine(engine: Engine | undefined, version?: string): Profile;
  readonly profile: Profile;
  setBehaviour(update: Partial<Behaviour>): Behaviour;
  readonly behaviour: Behaviour;
  /** Make a thinking-capable model ignore think:false (a thinking variant) or honour it. */
  setThinking(model: string, options: { ignoresThinkFalse: boolean }): void;
  /** Chat outcomes and peak concurrency per model since the start or the last reset (a copy). */
  stats(): ServerStats;
  close(): Promise<void>;
};

export type StartOptions = Partial<Behaviour> & {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Engine profile; default llama-server (0.32.15). "go" reports 0.24.0 unless `version` says otherwise. */
  engine?: Engine;
  /** Version /api/version reports; alone, it picks the engine (before 0.30.0-rc0: go). */
  version?: string;
  latency?: Partial<Latency>;
  models?: readonly ScriptedModel[];
  /** Pause between pull progress lines while `latency.perToken` > 0. */
  pullChunkDelayMs?: number;
  /** Pause between the two writes each NDJSON line is cut into. */
  fragmentGapMs?: number;
  /** Called once per /api/* request when its response is over (the CLI prints it). */
  onRequestEnd?: (entry: RequestLogEntry) => void;
};

// Go's time.Now().Add(math.MaxInt64): what Ollama reports for keep_alive < 0.
const FOREVER_MS = 9_223_372_036_854;

type Exchange = {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  entry: RequestLogEntry;
  stats: StatsRecorder;
  signal: AbortSignal;
  startedAt: number;
};

export async function startOllamaTestServer(options: StartOptions = {}): Promise<OllamaTestServer> {
  const host = options.host ?? "127.0.0.1";
  const behaviour = { ...DEFAULT_BEHAVIOUR };
  for (const key of Object.keys(DEFAULT_BEHAVIOUR) as (keyof Behaviour)[]) {
    if (options[key] !== undefined) Object.assign(behaviour, readBehaviour({ [key]: options[key] }));
  }
  const state = new TestServerState({
    models: options.models ?? DEFAULT_MODELS,
    latency: { ...DEFAULT_LATENCY, ...options.latency },
    profile: resolveProfile({ engine: options.engine, version: options.version }),
    behaviour,
  });
  const fragmentGapMs = options.fragmentGapMs ?? 1;
  const pullChunkDelayMs = options.pullChunkDelayMs ?? 20;
  const closing = new AbortController();
  const active = new Set<ServerResponse>();

  const route = async (exchange: Exchange): Promise<void> => {
    const { req, res, path, entry, stats, signal, startedAt } = exchange;
    const method = req.method ?? "GET";
    if (path.startsWith("/__test/")) return control(state, exchange);
    if (path === "/" && (method === "GET" || method === "HEAD")) return sendText(res, 200, "Ollama is running");
    if (path === "/api/version" && (method === "GET" || method === "HEAD")) return sendJson(res, 200, { version: state.profile.version });
    if (path === "/api/tags" && method === "GET") return sendJson(res, 200, { models: listTags(state) });
    if (path === "/api/ps" && method === "GET") return sendJson(res, 200, { models: listRunning(state) });
    if (path === "/api/show" && method === "POST") {
      return sendJson(res, 200, showModel(state, parseJsonBody(await readBody(req), "api.ShowRequest"), entry));
    }
    if (path === "/api/delete" && method === "DELETE") {
      deleteModel(state, parseJsonBody(await readBody(req), "api.DeleteRequest"), entry);
      res.writeHead(200, { "Content-Length": 0 }).end();
      return;
    }
    if (path === "/api/chat" && method === "POST") {
      const request = parseChatRequest(parseJsonBody(await readBody(req), "api.ChatRequest"), entry);
      return handleChat({ state, res, entry, stats, signal, startedAt, fragmentGapMs }, request);
    }
    if (path === "/api/pull" && method === "POST") {
      const request = parsePullRequest(parseJsonBody(await readBody(req), "api.PullRequest"), entry);
      const stepDelayMs = state.latency.perToken > 0 ? pullChunkDelayMs : 0;
      return handlePull({ state, res, entry, signal, fragmentGapMs, stepDelayMs }, request);
    }
    sendText(res, 404, "404 page not found");
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? "/", "http://test-double").pathname;
    const isLogged = path.startsWith("/api/");
    const entry: RequestLogEntry = {
      id: isLogged ? state.nextRequestId() : "",
      at: Date.now(),
      method: req.method ?? "GET",
      path,
      images: { count: 0, bytes: [], sizes: [] },
    };
    const clientRequestId = req.headers["x-request-id"];
    if (typeof clientRequestId === "string" && clientRequestId !== "") entry.clientRequestId = clientRequestId;
    // Kept for the request's life: a reset while it runs starts clean counters without it.
    const stats = state.stats;
    if (isLogged) {
      state.log.push(entry);
      stats.countRequest();
    }
    const clientGone = new AbortController();
    const signal = AbortSignal.any([closing.signal, clientGone.signal]);
    active.add(res);
    res.on("close", () => {
      active.delete(res);
      if (!res.writableFinished) {
        // The client went away before the response was complete (not a cut the double made itself).
        if (!closing.signal.aborted && entry.error === undefined) entry.aborted = true;
        clientGone.abort();
      }
      if (res.headersSent) entry.status ??= res.statusCode;
      // Not settled yet: the client or a closing server ended it, or the double cut it without a word.
      settleChat(entry, stats, entry.aborted || closing.signal.aborted ? "aborted" : "failed");
      entry.endedAt = Date.now();
      if (isLogged) options.onRequestEnd?.(entry);
    });

    try {
      await route({ req, res, path, entry, stats, signal, startedAt: performance.now() });
    } catch (error) {
      if (signal.aborted || isAbortError(error)) {
        // Client gone or server closing: end an open stream without its final line.
        if (!res.writableEnded) {
          if (res.headersSent) res.end();
          else res.destroy();
        }
        return;
      }
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      entry.status = res.headersSent ? entry.status : status;
      entry.error = message;
      if (!res.headersSent) sendJson(res, status, { error: message });
      else if (!res.writableEnded) res.end(`${toGoJson({ error: message })}\n`);
      settleChat(entry, stats, "failed");
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  // Node closes an idle keep-alive socket after 5 s; a client reusing it at that moment gets
  // ECONNRESET (seen on the e2e control API). Idle sockets stay longer than any client keeps them.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    log: state.log,
    setFailure: (model, mode, opts) => state.setFailure(model, mode, opts),
    reset: () => state.reset(),
    setLatency: (ms) => {
      state.latency = { ...state.latency, ...ms };
    },
    setVramFraction: (model, fraction) => state.setVramFraction(model, fraction),
    setEngine: (engine, version) => state.setEngine({ engine, version }),
    get profile() {
      return { ...state.profile };
    },
    setBehaviour: (update) => state.setBehaviour(readBehaviour(update)),
    get behaviour() {
      return { ...state.behaviour };
    },
    setThinking: (model, { ignoresThinkFalse }) => state.setIgnoresThinkFalse(model, ignoresThinkFalse),
    stats: () => state.stats.snapshot(),
    close: () => {
      closed ??= (async () => {
        closing.abort();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        const deadline = Date.now() + 250;
        while (active.size > 0 && Date.now() < deadline) await delay(5);
        server.closeAllConnections();
        await stopped;
      })();
      return closed;
    },
  };
}

/** Installed models; on llama-server (0.30.0-rc22+) each with its capabilities; plus the cloud stub when on. */
function listTags(state: TestServerState) {
  const withCapabilities = atLeast(state.profile, VERSIONS.tagsCapabilities);
  const local = state
    .installedModels()
    .filter((entry) => state.failureFor(entry.model.name)?.mode !== "not-found")
    .map(({ model, modifiedAt }) => ({ model, modifiedAt }));
  const cloud = state.behaviour.cloudStub ? [{ model: CLOUD_STUB, modifiedAt: CLOUD_STUB.modifiedAt }] : [];
  return [...local, ...cloud].map(({ model, modifiedAt }) => ({
    name: model.name,
    model: model.name,
    ...(model.remote ? { remote_model: model.remote.model, remote_host: model.remote.host } : {}),
    modified_at: modifiedAt,
    size: model.size,
    digest: model.digest,
    details: model.details,
    ...(withCapabilities ? { capabilities: model.capabilities } : {}),
  }));
}

/** Resident size = weights + vision graph + KV cache for the loaded context; part of it on the GPU. */
function listRunning(state: TestServerState) {
  return state.loadedModels().flatMap(([name, loaded]) => {
    const entry = state.findKnown(name);
    if (!entry) return [];
    const { model } = entry;
    const size = residentSize(model, loaded.numCtx);
    const expiresAt = Number.isFinite(loaded.expiresAt) ? loaded.expiresAt : Date.now() + FOREVER_MS;
    return [
      {
        name: model.name,
        model: model.name,
        size,
        digest: model.digest,
        details: model.details,
        expires_at: new Date(expiresAt).toISOString(),
        size_vram: Math.round(size * entry.vramFraction),
        context_length: loaded.numCtx,
      },
    ];
  });
}

function requestedName(body: Record<string, unknown>, entry: RequestLogEntry): string {
  const raw = typeof body.model === "string" && body.model !== "" ? body.model : body.name;
  entry.model = typeof raw === "string" ? raw : undefined;
  if (typeof raw !== "string" || raw.trim() === "") throw new HttpError(400, "model is required");
  return raw;
}

/** No top-level parser/renderer (Ollama never fills them): the names are PARSER/RENDERER lines of `modelfile`. */
function showModel(state: TestServerState, body: Record<string, unknown>, entry: RequestLogEntry) {
  const name = requestedName(body, entry);
  if (state.findCloudStub(name)) throw new HttpError(502, cloudOfflineError("/api/show"));
  const failure = state.failureFor(name)?.mode;
  const found = failure === "not-found" ? undefined : state.findInstalled(name);
  if (!found) throw new HttpError(404, notFoundMessage(state.profile, name));
  // Listed by /api/tags, but describing it fails (a damaged manifest, say).
  if (failure === "show-error") throw new HttpError(500, `failed to read the model's manifest for ${name}`);
  const { model, modifiedAt } = found;
  return {
    license: model.license,
    modelfile: renderModelfile(state.parserHidden.has(model.name) ? { ...model, parser: undefined, renderer: undefined } : model),
    parameters: model.parameters,
    template: model.template,
    details: model.details,
    model_info: model.modelInfo,
    capabilities: model.capabilities,
    modified_at: modifiedAt,
  };
}

function deleteModel(state: TestServerState, body: Record<string, unknown>, entry: RequestLogEntry): void {
  const name = requestedName(body, entry);
  const found = state.findInstalled(name);
  if (!found) throw new HttpError(404, notFoundMessage(state.profile, name));
  found.installed = false;
  state.unload(found.model.name);
}

/** Test-only switches, so a test in another process (Playwright) can steer the double over HTTP. */
async function control(state: TestServerState, { req, res, path }: Exchange): Promise<void> {
  const method = req.method ?? "GET";
  if (method === "GET") {
    if (path === "/__test/log") return sendJson(res, 200, state.log);
    if (path === "/__test/engine") return sendJson(res, 200, state.profile);
    if (path === "/__test/behaviour") return sendJson(res, 200, state.behaviour);
    if (path === "/__test/latency") return sendJson(res, 200, state.latency);
    if (path === "/__test/stats") return sendJson(res, 200, state.stats.snapshot());
  }
  if (method !== "POST") throw new HttpError(404, `no control endpoint ${method} ${path}`);
  const text = await readBody(req);
  const body = text.trim() === "" ? {} : parseJsonBody(text, "object");
  switch (path) {
    case "/__test/reset":
      state.reset();
      return sendJson(res, 200, { ok: true });
    case "/__test/failure": {
      const { model, mode, afterChunks, chunkDelayMs } = body;
      if (typeof model !== "string" || model === "") throw new HttpError(400, `"model" must be a model name or "*"`);
      if (!FAILURE_MODES.includes(mode as FailureMode)) throw new HttpError(400, `"mode" must be one of ${FAILURE_MODES.join(", ")}`);
      state.setFailure(model, mode as FailureMode, {
        afterChunks: optionalCount(afterChunks, "afterChunks"),
        chunkDelayMs: optionalCount(chunkDelayMs, "chunkDelayMs"),
      });
      return sendJson(res, 200, { ok: true });
    }
    case "/__test/latency": {
      const update: Partial<Latency> = {};
      for (const key of ["load", "firstToken", "perToken", "prefillPerToken"] as const) {
        const value = optionalCount(body[key], key);
        if (value !== undefined) update[key] = value;
      }
      state.latency = { ...state.latency, ...update };
      return sendJson(res, 200, state.latency);
    }
    case "/__test/vram": {
      const { model, fraction } = body;
      if (typeof model !== "string" || !state.findKnown(model)) throw new HttpError(404, `model '${String(model)}' not found`);
      if (typeof fraction !== "number" || fraction < 0 || fraction > 1) throw new HttpError(400, `"fraction" must be a number from 0 to 1`);
      state.setVramFraction(model, fraction);
      return sendJson(res, 200, { ok: true });
    }
    case "/__test/engine":
      try {
        return sendJson(res, 200, state.setEngine({ engine: body.engine, version: body.version }));
      } catch (error) {
        throw new HttpError(400, (error as Error).message);
      }
    case "/__test/behaviour":
      return sendJson(res, 200, state.setBehaviour(readBehaviour(body)));
    case "/__test/thinking": {
      const { model, ignoresThinkFalse, hideParser, tokens } = body;
      if (typeof model !== "string" || !state.findKnown(model)) throw new HttpError(404, `model '${String(model)}' not found`);
      if (ignoresThinkFalse !== undefined && typeof ignoresThinkFalse !== "boolean")
        throw new HttpError(400, `"ignoresThinkFalse" must be true or false`);
      if (hideParser !== undefined && typeof hideParser !== "boolean") throw new HttpError(400, `"hideParser" must be true or false`);
      if (tokens !== undefined && tokens !== null && (typeof tokens !== "number" || !Number.isInteger(tokens) || tokens < 1))
        throw new HttpError(400, `"tokens" must be a whole number >= 1, or null for the usual length`);
      try {
        if (ignoresThinkFalse !== undefined) state.setIgnoresThinkFalse(model, ignoresThinkFalse);
        if (hideParser !== undefined) state.setParserHidden(model, hideParser);
        if (tokens !== undefined) state.setThinkingTokens(model, tokens);
      } catch (error) {
        throw new HttpError(400, (error as Error).message);
      }
      return sendJson(res, 200, { ok: true });
    }
    default:
      throw new HttpError(404, `no control endpoint ${method} ${path}`);
  }
}

/** Validates a behaviour update (from a test or over HTTP); unknown keys are a 400, like a typo should be. */
function readBehaviour(body: Record<string, unknown>): Partial<Behaviour> {
  const update: Partial<Behaviour> = {};
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case "holdHeaders":
      case "serialiseLoads":
      case "promptCache":
      case "cloudStub":
      case "pullOffline":
        if (typeof value !== "boolean") throw new HttpError(400, `"${key}" must be true or false`);
        update[key] = value;
        break;
      case "memoryBudgetBytes":
        if (value !== null && (typeof value !== "number" || !Number.isFinite(value) || value <= 0)) {
          throw new HttpError(400, `"memoryBudgetBytes" must be a number of bytes > 0, or null for no limit`);
        }
        update.memoryBudgetBytes = value;
        break;
      case "parallelPerModel":
        if (value !== null && (typeof value !== "number" || !Number.isInteger(value) || value < 1)) {
          throw new HttpError(400, `"parallelPerModel" must be a whole number >= 1, or null for no limit`);
        }
        update.parallelPerModel = value;
        break;
      default:
        throw new HttpError(400, `unknown behaviour "${key}"; known: ${Object.keys(DEFAULT_BEHAVIOUR).join(", ")}`);
    }
  }
  return update;
}

function optionalCount(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new HttpError(400, `"${name}" must be a number >= 0`);
  return value;
}
