import { type ServerResponse } from "node:http";
import { parseKeepAlive, msToNs } from "./durations";
import { Base64Error, countImageTokens, decodeBase64Strict, findRunnerCrash, sniffImage } from "./images";
import { type ScriptedModel } from "./models";
import { composeReply, composeThinking, countWords, sha256Hex, tokenize, type ReplyInput, type SeenImage } from "./replies";
import { fillSchema } from "./schema-reply";
import { type FailureRule, type LoadedModel, type RequestLogEntry, type TestServerState } from "./state";
import { FragmentedNdjsonWriter, HttpError, jsonKind, sendJson, sleep, unmarshalError } from "./wire";

export const RUNNER_STOPPED =
  "model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs for details";
export const SERVER_BUSY = "server busy, please try again.  maximum pending requests exceeded";
export const MID_STREAM_ERROR = "an error was encountered while running the model: unexpected EOF";

export const DEFAULT_NUM_CTX = 4096;
const WARM_LOAD_NS = 50_000;
const MIN_TOKEN_NS = 10_000;

export type ChatExchange = {
  state: TestServerState;
  res: ServerResponse;
  entry: RequestLogEntry;
  signal: AbortSignal;
  startedAt: number;
  fragmentGapMs: number;
};

type ChatMessage = { role: string; content: string; images: Buffer[] };

type ChatRequest = {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  format: unknown;
  options: Record<string, unknown>;
  keepAliveMs: number;
  think: boolean | string | undefined;
  hasTools: boolean;
};

type Piece = { kind: "thinking" | "content"; text: string };

type Metrics = {
  total_duration: number;
  load_duration: number;
  prompt_eval_count: number;
  prompt_eval_duration: number;
  eval_count: number;
  eval_duration: number;
};

/**
 * Reads a chat request the way Ollama's JSON binding does (images are base64-decoded here, so a
 * bad image is a 400 before the model is even looked up) and records it in the log entry first,
 * so a failed request still shows what it carried.
 */
export function parseChatRequest(body: Record<string, unknown>, entry: RequestLogEntry): ChatRequest {
  const { model, messages, stream, format, options, keep_alive: keepAlive, think, tools } = body;
  entry.model = typeof model === "string" ? model : undefined;
  entry.stream = typeof stream === "boolean" ? stream : undefined;
  entry.format = format ?? undefined;
  entry.options = isRecord(options) ? options : undefined;
  entry.keepAlive = keepAlive ?? undefined;
  entry.think = think ?? undefined;
  entry.messages = Array.isArray(messages) ? messages.length : undefined;

  if (model !== undefined && model !== null && typeof model !== "string") throw unmarshalError(model, "ChatRequest.model", "string");
  if (stream !== undefined && stream !== null && typeof stream !== "boolean") throw unmarshalError(stream, "ChatRequest.stream", "bool");
  if (options !== undefined && options !== null && !isRecord(options)) {
    throw unmarshalError(options, "ChatRequest.options", "map[string]interface {}");
  }
  if (messages !== undefined && messages !== null && !Array.isArray(messages)) {
    throw unmarshalError(messages, "ChatRequest.messages", "[]api.Message");
  }
  const parsedThink = parseThink(think);
  const keepAliveMs = parseKeepAlive(keepAlive);
  const parsedMessages = (Array.isArray(messages) ? messages : []).map((message) => parseMessage(message, entry));

  if (typeof format === "string" && format !== "" && format !== "json") {
    throw new HttpError(400, `invalid format: expected "json" or a valid JSON schema`);
  }
  return {
    model: typeof model === "string" ? model : "",
    messages: parsedMessages,
    stream: typeof stream === "boolean" ? stream : true,
    format: format === "" ? undefined : (format ?? undefined),
    options: isRecord(options) ? options : {},
    keepAliveMs,
    think: parsedThink,
    hasTools: Array.isArray(tools) && tools.length > 0,
  };
}

function parseMessage(message: unknown, entry: RequestLogEntry): ChatMessage {
  if (!isRecord(message))
    throw new HttpError(400, `json: cannot unmarshal ${jsonKind(message)} into Go struct field ChatRequest.messages of type api.Message`);
  const { role, content, images } = message;
  if (role !== undefined && role !== null && typeof role !== "string") throw unmarshalError(role, "ChatRequest.messages.role", "string");
  if (content !== undefined && content !== null && typeof content !== "string") {
    throw unmarshalError(content, "ChatRequest.messages.content", "string");
  }
  if (images !== undefined && images !== null && !Array.isArray(images)) {
    throw unmarshalError(images, "ChatRequest.messages.images", "[]api.ImageData");
  }
  const decoded: Buffer[] = [];
  for (const image of Array.isArray(images) ? images : []) {
    entry.images.count++;
    if (typeof image !== "string") throw unmarshalError(image, "ChatRequest.messages.images", "api.ImageData");
    let bytes: Buffer;
    try {
      bytes = decodeBase64Strict(image);
    } catch (error) {
      if (error instanceof Base64Error) throw new HttpError(400, error.message);
      throw error;
    }
    const sniffed = sniffImage(bytes);
    entry.images.bytes.push(bytes.length);
    entry.images.sizes.push(sniffed ? { width: sniffed.width, height: sniffed.height } : null);
    decoded.push(bytes);
  }
  return { role: typeof role === "string" ? role : "", content: typeof content === "string" ? content : "", images: decoded };
}

function parseThink(think: unknown): boolean | string | undefined {
  if (think === undefined || think === null) return undefined;
  if (typeof think === "boolean") return think;
  if (typeof think === "string" && ["high", "medium", "low"].includes(think)) return think;
  throw new HttpError(400, `invalid think value: ${JSON.stringify(think)} (must be "high", "medium", "low", true, or false)`);
}

export async function handleChat(exchange: ChatExchange, request: ChatRequest): Promise<void> {
  const { state } = exchange;
  if (request.model.trim() === "") throw new HttpError(400, "model is required");

  const failure = state.failureFor(request.model);
  const entry = failure?.mode === "not-found" ? undefined : state.findInstalled(request.model);
  if (!entry) throw new HttpError(404, `model '${request.model}' not found`);
  const { model } = entry;

  const wantsThinking = request.think === true || typeof request.think === "string";
  if (wantsThinking && !model.capabilities.includes("thinking")) {
    throw new HttpError(400, `"${request.model}" does not support thinking`);
  }
  if (request.hasTools && !model.capabilities.includes("tools")) {
    throw new HttpError(400, `"${request.model}" does not support tools`);
  }

  const isLoadOnly = request.messages.length === 0;
  if (isLoadOnly && request.keepAliveMs === 0) {
    state.unload(model.name);
    sendLoadReply(exchange, request, "unload");
    return;
  }
  if (failure?.mode === "busy") throw new HttpError(503, SERVER_BUSY);
  const loadNs = await schedule(exchange, model, request);
  if (failure?.mode === "crash") {
    state.unload(model.name);
    throw new HttpError(500, RUNNER_STOPPED);
  }
  if (isLoadOnly) {
    sendLoadReply(exchange, request, "load");
    return;
  }

  const seen = processImages(exchange, model, request);
  const pieces = buildPieces(model, request, seen);
  const promptTokens =
    Math.round(countWords(request.messages.map((message) => message.content).join(" ")) * 1.3) +
    seen.reduce((sum, image) => sum + image.tokens, 0);
  const numCtx = readNumCtx(request);
  const numPredict = typeof request.options.num_predict === "number" ? request.options.num_predict : -1;
  const budget = Math.max(1, Math.min(numPredict > 0 ? numPredict : Number.POSITIVE_INFINITY, numCtx - promptTokens));
  const generated = pieces.slice(0, budget);
  const doneReason = generated.length < pieces.length ? "length" : "stop";

  try {
    await generate(exchange, request, generated, failure, { loadNs, promptTokens, doneReason });
  } finally {
    finishRequest(state, model, request);
  }
}

/** An empty `messages` only loads the model, or with keep_alive 0 unloads it; no metrics, as in Ollama. */
function sendLoadReply(exchange: ChatExchange, request: ChatRequest, doneReason: "load" | "unload"): void {
  exchange.entry.status = 200;
  sendJson(exchange.res, 200, {
    model: request.model,
    created_at: new Date().toISOString(),
    message: { role: "assistant", content: "" },
    done_reason: doneReason,
    done: true,
  });
}

/** Loads the model unless a runner with the same context size is warm; returns load_duration. */
async function schedule(exchange: ChatExchange, model: ScriptedModel, request: ChatRequest): Promise<number> {
  const { state, signal } = exchange;
  const numCtx = readNumCtx(request);
  const warm = state.getLoaded(model.name);
  const expiresAt = Date.now() + request.keepAliveMs;
  if (warm && warm.numCtx === numCtx) {
    state.markLoaded(model.name, { numCtx, expiresAt: Math.max(expiresAt, Date.now()) });
    return WARM_LOAD_NS;
  }
  state.unload(model.name);
  const { load } = state.latency;
  const started = performance.now();
  await sleep(load, signal);
  const loaded: LoadedModel = { numCtx, expiresAt: Math.max(expiresAt, Date.now() + 1) };
  state.markLoaded(model.name, loaded);
  // Timers may fire a hair early against performance.now(); never report less than was asked for.
  return Math.max(msToNs(performance.now() - started), msToNs(load), 1_000_000);
}

function finishRequest(state: TestServerState, model: ScriptedModel, request: ChatRequest): void {
  if (request.keepAliveMs === 0) {
    state.unload(model.name);
    return;
  }
  const loaded = state.getLoaded(model.name);
  if (loaded) state.markLoaded(model.name, { ...loaded, expiresAt: Date.now() + request.keepAliveMs });
}

function readNumCtx(request: ChatRequest): number {
  const numCtx = request.options.num_ctx;
  return typeof numCtx === "number" && numCtx > 0 ? Math.floor(numCtx) : DEFAULT_NUM_CTX;
}

/** What the vision encoder gets; an image the real runner cannot take crashes it (HTTP 500). */
function processImages(exchange: ChatExchange, model: ScriptedModel, request: ChatRequest): SeenImage[] {
  const vision = model.vision;
  if (!vision) return [];
  const seen: SeenImage[] = [];
  for (const bytes of request.messages.flatMap((message) => message.images)) {
    const sniffed = sniffImage(bytes);
    if (!sniffed) {
      throw new HttpError(500, "failed to process inputs: image: unknown format");
    }
    if (findRunnerCrash(sniffed, vision)) {
      exchange.state.unload(model.name);
      throw new HttpError(500, RUNNER_STOPPED);
    }
    seen.push({ ...sniffed, bytes: bytes.length, tokens: countImageTokens(sniffed, vision), sha256: sha256Hex(bytes) });
  }
  return seen;
}

function buildPieces(model: ScriptedModel, request: ChatRequest, seen: SeenImage[]): Piece[] {
  const lastUser = [...request.messages].reverse().find((message) => message.role === "user") ?? request.messages.at(-1);
  const input: ReplyInput = {
    model: model.name,
    isVision: Boolean(model.vision),
    prompt: lastUser?.content ?? "",
    imageCount: request.messages.reduce((sum, message) => sum + message.images.length, 0),
    seen,
  };
  const prose = applyStops(composeReply(input), request.options.stop);
  let content = prose;
  if (isRecord(request.format)) {
    content = JSON.stringify(fillSchema(request.format, { model: model.name, summary: prose, seen }));
  } else if (request.format === "json") {
    content = JSON.stringify({ answer: prose, model: model.name, images_seen: seen.length });
  }
  const thinks = model.capabilities.includes("thinking") && request.think !== false;
  return [
    ...(thinks ? tokenize(composeThinking(input)).map((text): Piece => ({ kind: "thinking", text })) : []),
    ...tokenize(content).map((text): Piece => ({ kind: "content", text })),
  ];
}

function applyStops(text: string, stop: unknown): string {
  const stops = (Array.isArray(stop) ? stop : [stop]).filter((value): value is string => typeof value === "string" && value !== "");
  const cut = Math.min(...stops.map((value) => text.indexOf(value)).filter((index) => index >= 0), text.length);
  return text.slice(0, cut);
}

type GenerationPlan = { loadNs: number; promptTokens: number; doneReason: "stop" | "length" };

/** Emits the pieces with real delays, streamed or collected, and applies the failure mode. */
async function generate(
  exchange: ChatExchange,
  request: ChatRequest,
  pieces: Piece[],
  failure: FailureRule | undefined,
  plan: GenerationPlan,
): Promise<void> {
  const { res, signal, state, entry } = exchange;
  const { firstToken, perToken } = state.latency;
  const markStarted = () => {
    entry.status = 200;
  };
  const writer = request.stream ? new FragmentedNdjsonWriter(res, signal, exchange.fragmentGapMs, markStarted) : undefined;
  const failAt = failure && ["mid-stream-error", "cut-stream"].includes(failure.mode) ? Math.min(failure.afterChunks, pieces.length) : -1;
  let evalNs = 0;

  for (let index = 0; index <= pieces.length; index++) {
    if (index === failAt) {
      await fail(exchange, writer, failure?.mode);
      return;
    }
    const piece = pieces[index];
    if (!piece) break;
    const isSlow = failure?.mode === "slow" && index >= failure.afterChunks;
    const waitMs = isSlow ? failure.chunkDelayMs : index === 0 ? firstToken : perToken;
    await sleep(waitMs, signal);
    evalNs += Math.max(msToNs(isSlow ? failure.chunkDelayMs : perToken), MIN_TOKEN_NS);
    if (writer) {
      const message =
        piece.kind === "thinking" ? { role: "assistant", content: "", thinking: piece.text } : { role: "assistant", content: piece.text };
      await writer.writeLine({ model: request.model, created_at: new Date().toISOString(), message, done: false });
    }
  }

  const promptEvalNs = Math.max(msToNs(firstToken), 1000);
  const metrics: Metrics = {
    total_duration: Math.max(msToNs(performance.now() - exchange.startedAt), plan.loadNs + promptEvalNs + evalNs),
    load_duration: plan.loadNs,
    prompt_eval_count: plan.promptTokens,
    prompt_eval_duration: promptEvalNs,
    eval_count: pieces.length,
    eval_duration: evalNs,
  };
  if (writer) {
    await writer.writeLine(finalResponse(request.model, { role: "assistant", content: "" }, plan.doneReason, metrics));
    res.end();
    return;
  }
  const thinking = pieces
    .filter((piece) => piece.kind === "thinking")
    .map((piece) => piece.text)
    .join("");
  const content = pieces
    .filter((piece) => piece.kind === "content")
    .map((piece) => piece.text)
    .join("");
  const message: Record<string, string> = thinking ? { role: "assistant", content, thinking } : { role: "assistant", content };
  entry.status = 200;
  sendJson(res, 200, finalResponse(request.model, message, plan.doneReason, metrics));
}

function finalResponse(model: string, message: Record<string, string>, doneReason: string, metrics: Metrics) {
  return { model, created_at: new Date().toISOString(), message, done_reason: doneReason, done: true, ...metrics };
}

/** Before any output Ollama can still answer with a status; after it, only the body can tell. */
async function fail(
  exchange: ChatExchange,
  writer: FragmentedNdjsonWriter | undefined,
  mode: FailureRule["mode"] | undefined,
): Promise<void> {
  const { res, entry } = exchange;
  const hasStarted = writer !== undefined && res.headersSent;
  if (mode === "mid-stream-error") {
    entry.error = MID_STREAM_ERROR;
    if (!hasStarted) throw new HttpError(500, MID_STREAM_ERROR);
    await writer.writeLine({ error: MID_STREAM_ERROR });
    res.end();
    return;
  }
  entry.error = "stream cut (test double)";
  if (hasStarted) res.end();
  else res.destroy();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
