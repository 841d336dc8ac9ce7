import { type ServerResponse } from "node:http";
import { parseKeepAlive, msToNs } from "./durations";
import { atLeast, VERSIONS, type Profile } from "./engine";
import {
  Base64Error,
  countImageTokens,
  countLlamaServerImageTokens,
  decodeBase64Strict,
  findRunnerCrash,
  IMAGE_MARKER_TOKENS,
  sniffImage,
  type VisionSpec,
} from "./images";
import { type ScriptedModel } from "./models";
import { settleChat } from "./request-log";
import { composeReply, composeThinking, countWords, sha256Hex, tokenize, type ReplyInput, type SeenImage } from "./replies";
import { schedule, type Slot } from "./scheduler";
import { fillSchema } from "./schema-reply";
import { type FailureRule, type LoadedModel, type RequestLogEntry, type TestServerState } from "./state";
import { type StatsRecorder } from "./stats";
import { FragmentedNdjsonWriter, HttpError, jsonKind, sendJson, sleep, unmarshalError } from "./wire";

export const RUNNER_STOPPED =
  "model runner has unexpectedly stopped, this may be due to resource limitations or an internal error, check ollama server logs for details";
export const SERVER_BUSY = "server busy, please try again.  maximum pending requests exceeded";
export const MID_STREAM_ERROR = "an error was encountered while running the model: unexpected EOF";

/** llama-server refuses images when it was started without a projector (`--mmproj`). */
export const MULTIMODAL_UNSUPPORTED = "Multimodal data provided, but model does not support multimodal requests.";
/** What the Go runner sends (nothing) when more than 30 identical tokens in a row trip its guard. */
export const REPEAT_TOKEN = "\n";
export const REPEAT_RUN = 31;

export const DEFAULT_NUM_CTX = 4096;
/** api.DefaultOptions NumKeep: tokens kept at the front when a prompt is truncated. */
const NUM_KEEP = 4;
const MIN_TOKEN_NS = 10_000;

/**
 * How Ollama 0.30+ passes a llama-server HTTP error on: its status, and its raw JSON body as the
 * error string (llama.cpp's ordered_json: code, message, type, then extra fields).
 */
export function llamaServerError(status: number, message: string, type: string, extra: Record<string, unknown> = {}): HttpError {
  return new HttpError(status, JSON.stringify({ error: { code: status, message, type, ...extra } }));
}

/** Go's *url.Error for a proxied cloud request while ollama.com cannot be resolved. */
export function cloudOfflineError(path: string): string {
  return `Post "https://ollama.com:443${path}": dial tcp: lookup ollama.com: no such host`;
}

/** 404 text: `model 'x' not found` since 0.12, before that `model "x" not found, try pulling it first`. */
export function notFoundMessage(profile: Profile, name: string): string {
  return atLeast(profile, VERSIONS.shortNotFound) ? `model '${name}' not found` : `model "${name}" not found, try pulling it first`;
}

export type ChatExchange = {
  state: TestServerState;
  res: ServerResponse;
  entry: RequestLogEntry;
  /** The counters this request reports to (those of when it arrived). */
  stats: StatsRecorder;
  signal: AbortSignal;
  startedAt: number;
  fragmentGapMs: number;
  /** The engine profile when the request arrived (a switch mid-request does not change its answer). */
  profile?: Profile;
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

type PreparedPrompt = {
  seen: SeenImage[];
  /** prompt_eval_count: every prompt token, cached or not. */
  promptTokens: number;
  /** Tokens served from the prompt cache: no prefill time. */
  cachedTokens: number;
};

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
  const system = parsedMessages.find((message) => message.role === "system");
  if (system) entry.system = system.content;

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
  const { state, entry } = exchange;
  const profile = (exchange.profile ??= { ...state.profile });
  entry.engine = profile.engine;
  if (request.model.trim() === "") throw new HttpError(400, "model is required");
  if (state.findCloudStub(request.model)) throw new HttpError(502, cloudOfflineError("/api/chat"));

  const failure = state.failureFor(request.model);
  const found = failure?.mode === "not-found" ? undefined : state.findInstalled(request.model);
  if (!found) throw new HttpError(404, notFoundMessage(profile, request.model));
  const { model } = found;

  const wantsThinking = request.think === true || typeof request.think === "string";
  if (wantsThinking && !model.capabilities.includes("thinking")) {
    throw new HttpError(400, `"${request.model}" does not support thinking`);
  }
  if (request.hasTools && !model.capabilities.includes("tools")) {
    throw new HttpError(400, `"${request.model}" does not support tools`);
  }

  const isLoadOnly = request.messages.length === 0;
  if (isLoadOnly && request.keepAliveMs === 0) {
    // keeps-loaded: answers "unload" and keeps the model, as a server that mishandles the request would.
    if (failure?.mode !== "keeps-loaded") expireNow(state, model.name);
    sendLoadReply(exchange, request, "unload");
    return;
  }
  if (failure?.mode === "busy") throw new HttpError(503, SERVER_BUSY);
  if (request.stream && !isLoadOnly && !state.behaviour.holdHeaders) sendStreamHeaders(exchange);

  const numCtx = readNumCtx(model, request);
  const slot = await schedule(state, model, numCtx, request.keepAliveMs, exchange.signal);
  entry.coldLoad = slot.coldLoad;
  if (slot.evicted.length > 0) entry.evicted = slot.evicted;
  entry.loadDuration = slot.loadNs;
  try {
    if (failure?.mode === "crash") {
      state.unload(model.name);
      throw new HttpError(500, RUNNER_STOPPED);
    }
    if (isLoadOnly) {
      sendLoadReply(exchange, request, "load");
      return;
    }
    await generateInRunnerSlot(exchange, request, model, numCtx, slot, failure);
  } finally {
    slot.release();
  }
}

/**
 * The runner serves `parallelPerModel` generations at once; the others wait here, after the
 * scheduler, like requests queued inside a loaded runner (llm.Completion's semaphore). The request
 * still holds its runner claim, so the model is neither expired, evicted nor reloaded under it,
 * and the wait shows in total_duration only: load_duration was measured by the scheduler and
 * prompt_eval_duration is the runner's own timing.
 */
async function generateInRunnerSlot(
  exchange: ChatExchange,
  request: ChatRequest,
  model: ScriptedModel,
  numCtx: number,
  slot: Slot,
  failure: FailureRule | undefined,
): Promise<void> {
  const { state } = exchange;
  const profile = exchange.profile ?? state.profile;
  const releaseRunnerSlot = await state.runnerSlots.acquire(model.name, exchange.signal);
  const endServing = exchange.stats.startServing(model.name);
  try {
    const prompt = preparePrompt(exchange, model, request, numCtx, slot.loaded);
    const pieces = buildPieces(state, profile, model, request, prompt.seen);
    const limit = generationLimit(profile, model, request, numCtx, prompt.promptTokens);
    await generate(exchange, request, ...planGeneration(request, pieces, limit), failure, { slot, prompt });
  } finally {
    endServing();
    releaseRunnerSlot();
  }
}

/** keep_alive 0 on an empty request: unload now, or as soon as the runner's requests finish. */
function expireNow(state: TestServerState, name: string): void {
  const loaded = state.getLoaded(name);
  if (!loaded) return;
  loaded.expiresAt = 0;
  state.getLoaded(name);
}

/** holdHeaders off: status line and headers go out as soon as the request is accepted. */
function sendStreamHeaders(exchange: ChatExchange): void {
  exchange.entry.status = 200;
  exchange.res.writeHead(200, { "Content-Type": "application/x-ndjson" });
  exchange.res.flushHeaders();
}

/** An empty `messages` only loads the model, or with keep_alive 0 unloads it; no metrics, as in Ollama. */
function sendLoadReply(exchange: ChatExchange, request: ChatRequest, doneReason: "load" | "unload"): void {
  exchange.entry.status = 200;
  exchange.entry.doneReason = doneReason;
  sendJson(exchange.res, 200, {
    model: request.model,
    created_at: new Date().toISOString(),
    message: { role: "assistant", content: "" },
    done_reason: doneReason,
    done: true,
  });
  settleChat(exchange.entry, exchange.stats, "completed");
}

/** num_ctx as the scheduler applies it: at least 4, and at least 2048 for a vision model. */
function readNumCtx(model: ScriptedModel, request: ChatRequest): number {
  const asked = request.options.num_ctx;
  const numCtx = typeof asked === "number" && asked > 0 ? Math.floor(asked) : DEFAULT_NUM_CTX;
  return Math.max(numCtx, 4, model.vision ? 2048 : 0);
}

/** num_predict: -1 (the default), anything negative or above 10 x num_ctx means 10 x num_ctx; 0 is no limit. */
function readNumPredict(request: ChatRequest, numCtx: number): number {
  const asked = request.options.num_predict;
  const cap = 10 * numCtx;
  if (typeof asked !== "number" || asked < 0 || asked > cap || asked === 0) return cap;
  return Math.floor(asked);
}

/**
 * Generated tokens allowed: num_predict, and on llama-server a vision model also stops when the
 * context is full (llama.cpp disables context shift when a projector is loaded). Text models and
 * the Go engine shift the context instead.
 */
function generationLimit(profile: Profile, model: ScriptedModel, request: ChatRequest, numCtx: number, promptTokens: number): number {
  const numPredict = readNumPredict(request, numCtx);
  if (profile.engine === "llama-server" && model.vision) return Math.max(1, Math.min(numPredict, numCtx - promptTokens - 1));
  return numPredict;
}

/**
 * What the runner gets: images processed per engine (or refused), prompt tokens counted with +2
 * per image, the context limit applied per engine, and the prompt cache consulted.
 */
function preparePrompt(
  exchange: ChatExchange,
  model: ScriptedModel,
  request: ChatRequest,
  numCtx: number,
  loaded: LoadedModel,
): PreparedPrompt {
  const { state, entry } = exchange;
  const profile = exchange.profile ?? state.profile;
  const images = request.messages.flatMap((message) => message.images);
  let seen = processImages(exchange, profile, model, images);
  const textTokens = Math.round(countWords(request.messages.map((message) => message.content).join(" ")) * 1.3);
  const imageTokens = (list: SeenImage[]) => list.reduce((sum, image) => sum + image.tokens + IMAGE_MARKER_TOKENS, 0);
  let promptTokens = textTokens + imageTokens(seen);

  if (profile.engine === "llama-server") {
    if (seen.length > 0 && promptTokens >= numCtx) {
      // Ollama never truncates a prompt with media; llama.cpp refuses it (context shift is off with a projector).
      throw llamaServerError(
        400,
        `request (${promptTokens} tokens) exceeds the available context size (${numCtx} tokens), try increasing it`,
        "exceed_context_size_error",
        { n_prompt_tokens: promptTokens, n_ctx: numCtx },
      );
    }
    if (promptTokens >= numCtx) {
      // Text only: Ollama truncates itself (context shift is on by default since 0.31).
      const keep = Math.min(NUM_KEEP, numCtx - 1);
      promptTokens = numCtx - Math.max(Math.floor((numCtx - keep) / 2), 1);
    }
  } else if (promptTokens > numCtx) {
    // Go runner: keep num_keep tokens, drop from there; an image cut in the middle is dropped whole.
    if (seen.length > 0) seen = [];
    promptTokens = Math.min(textTokens, numCtx);
  }

  let cachedTokens = 0;
  if (state.behaviour.promptCache) {
    for (let i = 0; i < seen.length && loaded.imageCache[i] === seen[i]?.sha256; i++) {
      cachedTokens += (seen[i]?.tokens ?? 0) + IMAGE_MARKER_TOKENS;
    }
  }
  loaded.imageCache = seen.map((image) => image.sha256);
  entry.imagesSeen = seen.length;
  entry.promptEvalCount = promptTokens;
  entry.cachedTokens = cachedTokens;
  return { seen, promptTokens, cachedTokens };
}

/**
 * Images as each engine handles them. Go: a text model ignores them, a side under one block or an
 * aspect ratio over 200 crashes the runner (500, model unloaded), SmartResize counts the tokens.
 * llama-server: a text model refuses them (400, no projector), tiny images are upscaled to 1024 tokens.
 */
function processImages(exchange: ChatExchange, profile: Profile, model: ScriptedModel, images: Buffer[]): SeenImage[] {
  const vision = model.vision;
  if (!vision) {
    if (images.length > 0 && profile.engine === "llama-server")
      throw llamaServerError(400, MULTIMODAL_UNSUPPORTED, "invalid_request_error");
    return [];
  }
  const goSpec: VisionSpec = {
    factor: vision.factor,
    minPixels: vision.minPixels,
    maxPixels:
      vision.legacyMaxPixels !== undefined && !atLeast(profile, VERSIONS.qwen25vlTwoMegapixels) ? vision.legacyMaxPixels : vision.maxPixels,
  };
  return images.map((bytes) => {
    const sniffed = sniffImage(bytes);
    if (!sniffed) throw new HttpError(500, "failed to process inputs: image: unknown format");
    if (profile.engine === "go" && findRunnerCrash(sniffed, goSpec)) {
      exchange.state.unload(model.name);
      throw new HttpError(500, RUNNER_STOPPED);
    }
    const tokens = profile.engine === "go" ? countImageTokens(sniffed, goSpec) : countLlamaServerImageTokens(sniffed, vision.factor);
    return { ...sniffed, bytes: bytes.length, tokens, sha256: sha256Hex(bytes) };
  });
}

/**
 * The reply as the model would generate it, thinking first. A thinking-capable model thinks unless
 * the request says think:false and its parser honours that; a thinking variant (qwen3-vl-thinking)
 * thinks anyway. With a format and think:false, 0.31.2+ applies the grammar from the first token,
 * so a thinking variant can never leave its thinking state: the JSON lands in `thinking` and
 * `content` stays empty. Earlier versions and the Go engine hold the format back until thinking ends.
 */
function buildPieces(state: TestServerState, profile: Profile, model: ScriptedModel, request: ChatRequest, seen: SeenImage[]): Piece[] {
  const lastUser = [...request.messages].reverse().find((message) => message.role === "user") ?? request.messages.at(-1);
  const input: ReplyInput = {
    model: model.name,
    isVision: Boolean(model.vision),
    prompt: lastUser?.content ?? "",
    imageCount: request.messages.reduce((sum, message) => sum + message.images.length, 0),
    seen,
  };
  const prose = applyStops(composeReply(input), request.options.stop);
  let answer = prose;
  if (isRecord(request.format)) {
    answer = JSON.stringify(fillSchema(request.format, { model: model.name, summary: prose, seen }));
  } else if (request.format === "json") {
    answer = JSON.stringify({ answer: prose, model: model.name, images_seen: seen.length });
  }
  const asPieces = (kind: Piece["kind"], text: string) => tokenize(text).map((piece): Piece => ({ kind, text: piece }));

  const thinkOff = request.think === false;
  const thinks = model.capabilities.includes("thinking") && (!thinkOff || state.ignoresThinkFalse(model));
  if (!thinks) return asPieces("content", answer);
  const formatFromFirstToken =
    thinkOff && request.format !== undefined && profile.engine === "llama-server" && atLeast(profile, VERSIONS.formatForcedImmediately);
  if (formatFromFirstToken) return asPieces("thinking", answer);
  return [...thinkingPieces(state, model, asPieces("thinking", composeThinking(input))), ...asPieces("content", answer)];
}

/** The model's thinking, drawn out to the length a test set (its sentences again and again). */
function thinkingPieces(state: TestServerState, model: ScriptedModel, pieces: Piece[]): Piece[] {
  const length = state.thinkingTokens.get(model.name);
  if (!length || pieces.length === 0) return pieces;
  return Array.from({ length }, (_, i) => pieces[i % pieces.length]!);
}

function applyStops(text: string, stop: unknown): string {
  const stops = (Array.isArray(stop) ? stop : [stop]).filter((value): value is string => typeof value === "string" && value !== "");
  const cut = Math.min(...stops.map((value) => text.indexOf(value)).filter((index) => index >= 0), text.length);
  return text.slice(0, cut);
}

/**
 * What is generated, and how Ollama reports it. A thinking model with a format (not forced from the
 * first token) runs two completions (server/routes.go, "structured outputs via double request"): the
 * first unconstrained until its thinking ends, the second prompted with that thinking and the format
 * applied. num_predict applies to each on its own; the done chunk carries the second's metrics, so
 * prompt_eval_count includes the thinking and eval_count/eval_duration cover the answer only. When
 * the thinking uses up num_predict, no second completion starts: content is empty, done_reason
 * "length", and the first completion's metrics (thinking in eval_count) are reported.
 */
function planGeneration(request: ChatRequest, pieces: Piece[], limit: number): [Piece[], Outcome] {
  const thinking = pieces.filter((piece) => piece.kind === "thinking");
  const content = pieces.filter((piece) => piece.kind === "content");
  const twoPasses = request.format !== undefined && thinking.length > 0 && content.length > 0;
  if (!twoPasses || thinking.length >= limit) {
    const generated = pieces.slice(0, limit);
    return [generated, { doneReason: generated.length < pieces.length ? "length" : "stop", thinkingInPrompt: 0 }];
  }
  const answer = content.slice(0, limit);
  return [[...thinking, ...answer], { doneReason: answer.length < content.length ? "length" : "stop", thinkingInPrompt: thinking.length }];
}

type Outcome = {
  doneReason: "stop" | "length";
  /** thinking tokens the second completion's prompt holds (0: one completion) */
  thinkingInPrompt: number;
};

type GenerationPlan = { slot: Slot; prompt: PreparedPrompt };

/**
 * Prefill (only the uncached prompt tokens cost time), then the pieces with real delays, streamed
 * or collected, with the failure mode applied. A streamed reply's headers go out with its first
 * chunk unless holdHeaders is off.
 */
async function generate(
  exchange: ChatExchange,
  request: ChatRequest,
  pieces: Piece[],
  outcome: Outcome,
  failure: FailureRule | undefined,
  plan: GenerationPlan,
): Promise<void> {
  const { res, signal, state, entry } = exchange;
  const { firstToken, perToken, prefillPerToken } = state.latency;
  const markStarted = () => {
    entry.status = 200;
  };
  const writer = request.stream ? new FragmentedNdjsonWriter(res, signal, exchange.fragmentGapMs, markStarted) : undefined;
  const failsMidway = failure && ["mid-stream-error", "cut-stream", "repeat"].includes(failure.mode);
  const failAt = failsMidway ? Math.min(failure.afterChunks, pieces.length) : -1;
  const collected = { thinking: "", content: "" };
  const emit = async (piece: Piece) => {
    collected[piece.kind] += piece.text;
    entry.thinkingChars = collected.thinking.length;
    entry.contentChars = collected.content.length;
    if (!writer) return;
    const message =
      piece.kind === "thinking" ? { role: "assistant", content: "", thinking: piece.text } : { role: "assistant", content: piece.text };
    await writer.writeLine({ model: request.model, created_at: new Date().toISOString(), message, done: false });
  };

  const uncachedTokens = plan.prompt.promptTokens - plan.prompt.cachedTokens;
  const prefillMs = uncachedTokens * prefillPerToken;
  await sleep(prefillMs, signal);

  let evalNs = 0;
  // the second completion's share, when there are two
  let answerEvalNs = 0;
  for (let index = 0; index <= pieces.length; index++) {
    if (index === failAt) {
      if (failure?.mode === "repeat") return repeatUntilGuard(exchange, request, writer, emit, collected);
      await fail(exchange, writer, failure?.mode);
      return;
    }
    const piece = pieces[index];
    if (!piece) break;
    const isSlow = failure?.mode === "slow" && index >= failure.afterChunks;
    const waitMs = isSlow ? failure.chunkDelayMs : index === 0 ? firstToken : perToken;
    await sleep(waitMs, signal);
    const tokenNs = Math.max(msToNs(isSlow ? failure.chunkDelayMs : perToken), MIN_TOKEN_NS);
    evalNs += tokenNs;
    if (piece.kind === "content") answerEvalNs += tokenNs;
    await emit(piece);
  }

  const twoPasses = outcome.thinkingInPrompt > 0;
  // The second completion prefills only the thinking (the rest of its prompt is cached).
  const promptEvalNs = Math.max(msToNs((twoPasses ? outcome.thinkingInPrompt * prefillPerToken : prefillMs) + firstToken), 1000);
  const answerTokens = pieces.length - outcome.thinkingInPrompt;
  const metrics: Metrics = {
    total_duration: Math.max(msToNs(performance.now() - exchange.startedAt), plan.slot.loadNs + promptEvalNs + evalNs),
    load_duration: plan.slot.loadNs,
    prompt_eval_count: plan.prompt.promptTokens + outcome.thinkingInPrompt,
    prompt_eval_duration: promptEvalNs,
    eval_count: twoPasses ? answerTokens : pieces.length,
    eval_duration: twoPasses ? Math.max(answerEvalNs, MIN_TOKEN_NS) : evalNs,
  };
  const doneReason = outcome.doneReason;
  entry.doneReason = doneReason;
  if (writer) {
    await writer.writeLine(finalResponse(request.model, { role: "assistant", content: "" }, doneReason, metrics));
    settleChat(entry, exchange.stats, "completed");
    res.end();
    return;
  }
  const message: Record<string, string> = collected.thinking
    ? { role: "assistant", content: collected.content, thinking: collected.thinking }
    : { role: "assistant", content: collected.content };
  entry.status = 200;
  sendJson(res, 200, finalResponse(request.model, message, doneReason, metrics));
  settleChat(entry, exchange.stats, "completed");
}

function finalResponse(model: string, message: Record<string, string>, doneReason: string, metrics: Metrics) {
  return { model, created_at: new Date().toISOString(), message, done_reason: doneReason, done: true, ...metrics };
}

/**
 * Ollama's repeat guard: more than 30 identical (trimmed) tokens in a row end the completion with
 * no final callback. The first whitespace token differs from the last word, then 30 repeats pass,
 * so 31 go out and the body ends without `done`. Non-streamed, that is a 200 with `done: false`.
 */
async function repeatUntilGuard(
  exchange: ChatExchange,
  request: ChatRequest,
  writer: FragmentedNdjsonWriter | undefined,
  emit: (piece: Piece) => Promise<void>,
  collected: { thinking: string; content: string },
): Promise<void> {
  const { res, signal, state, entry } = exchange;
  for (let i = 0; i < REPEAT_RUN; i++) {
    await sleep(state.latency.perToken, signal);
    await emit({ kind: "content", text: REPEAT_TOKEN });
  }
  // No done:true ever goes out: the client is left with a failed generation.
  settleChat(entry, exchange.stats, "failed");
  if (writer) {
    res.end();
    return;
  }
  entry.status = 200;
  const message: Record<string, string> = { role: "assistant", content: collected.content };
  if (collected.thinking) message.thinking = collected.thinking;
  sendJson(res, 200, { model: request.model, created_at: new Date().toISOString(), message, done: false });
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
    settleChat(entry, exchange.stats, "failed");
    res.end();
    return;
  }
  entry.error = "stream cut (test double)";
  settleChat(entry, exchange.stats, "failed");
  if (hasStarted) res.end();
  else res.destroy();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
