import { resolveProfile, type Profile } from "./engine";
import { CLOUD_STUB, normalizeModelName, type ScriptedModel } from "./models";
import { StatsRecorder, type ChatOutcome } from "./stats";

export type FailureMode =
  "not-found" | "crash" | "busy" | "mid-stream-error" | "cut-stream" | "repeat" | "slow" | "show-error" | "keeps-loaded" | "none";

export const FAILURE_MODES: readonly FailureMode[] = [
  "not-found",
  "crash",
  "busy",
  "mid-stream-error",
  "cut-stream",
  "repeat",
  "slow",
  "show-error",
  "keeps-loaded",
  "none",
];

export type FailureOptions = { afterChunks?: number; chunkDelayMs?: number };
export type FailureRule = { mode: FailureMode; afterChunks: number; chunkDelayMs: number };

/**
 * Real waits, in milliseconds: a cold load, the pause before the first token, the pause between
 * tokens, and the prefill per uncached prompt token (so a big image costs time, a cached one not).
 */
export type Latency = { load: number; firstToken: number; perToken: number; prefillPerToken: number };

/** Switchable behaviours of real Ollama; every one is on by default except the memory budget and the stubs. */
export type Behaviour = {
  /** Streamed chat writes no status line or headers until its first chunk (after load and prefill), like gin. */
  holdHeaders: boolean;
  /** Cold loads happen one at a time; the wait counts in load_duration. Warm requests skip the queue. */
  serialiseLoads: boolean;
  /** Resident bytes (as /api/ps reports them) all loaded models may use; null is unlimited. Over it, LRU eviction. */
  memoryBudgetBytes: number | null;
  /** Images of the previous request on a loaded model are cached: same count, shorter prefill. */
  promptCache: boolean;
  /** /api/tags lists `gpt-oss:120b-cloud`; show and chat on it fail with 502 (ollama.com unreachable). */
  cloudStub: boolean;
  /** Every pull fails after "pulling manifest" with a DNS error: the registry is unreachable. */
  pullOffline: boolean;
  /**
   * Generations one model serves at once (OLLAMA_NUM_PARALLEL); later ones wait first come first
   * served, after the scheduler, so the wait is in total_duration only. null is unlimited.
   */
  parallelPerModel: number | null;
};

export const DEFAULT_BEHAVIOUR: Behaviour = {
  holdHeaders: true,
  serialiseLoads: true,
  memoryBudgetBytes: null,
  promptCache: true,
  cloudStub: false,
  pullOffline: false,
  // OLLAMA_NUM_PARALLEL's default: one generation per model at a time (envconfig/config.go).
  parallelPerModel: 1,
};

export type RequestLogEntry = {
  /** "r1", "r2", ...: unique and increasing for the server's whole life (a reset does not restart it). */
  id: string;
  /** The client's `X-Request-Id` header, when it sent one. */
  clientRequestId?: string;
  at: number;
  /** Epoch ms when the response was over (finished, or the connection closed); undefined while it runs. */
  endedAt?: number;
  method: string;
  path: string;
  model?: string;
  /** `stream` exactly as the client sent it (absent means the server default, true). */
  stream?: boolean;
  images: { count: number; bytes: number[]; sizes: ({ width: number; height: number } | null)[] };
  format?: unknown;
  options?: Record<string, unknown>;
  keepAlive?: unknown;
  think?: unknown;
  messages?: number;
  /** The system message's text, when the request had one (what the client told the model to do). */
  system?: string;
  /** HTTP status sent, once known. */
  status?: number;
  /** The error text sent, as a body or as a mid-stream line. */
  error?: string;
  /** The client closed the connection before the response was complete (no status if before headers). */
  aborted?: boolean;
  /** Engine profile that answered (chat only). */
  engine?: Profile["engine"];
  /** This request loaded the model (a cold load), and which models it evicted first. */
  coldLoad?: boolean;
  evicted?: string[];
  /** Nanoseconds, as sent in the final chunk. */
  loadDuration?: number;
  promptEvalCount?: number;
  /** Prompt tokens served from the prompt cache (the images of the previous request). */
  cachedTokens?: number;
  /** Images the model actually processed (0 for a text-only model, or when truncation dropped them). */
  imagesSeen?: number;
  /** Characters generated into message.thinking and message.content. */
  thinkingChars?: number;
  contentChars?: number;
  doneReason?: string;
  /** Chat only, set once known: the done:true line went out, the client left first, or an error or cut was sent. */
  outcome?: ChatOutcome;
};

export type ModelEntry = { model: ScriptedModel; installed: boolean; modifiedAt: string; vramFraction: number };

export type LoadedModel = {
  numCtx: number;
  expiresAt: number;
  lastUsedAt: number;
  /** Requests currently using the runner; it is neither expired nor evicted while > 0. */
  inFlight: number;
  idleWaiters: (() => void)[];
  /** Content hashes of the previous request's images, in order (the cached prefix). */
  imageCache: string[];
  /** Chosen for eviction: new requests do not reuse it. */
  evicting: boolean;
};

export const DEFAULT_LATENCY: Latency = { load: 50, firstToken: 20, perToken: 5, prefillPerToken: 0.02 };
const DEFAULT_FAILURE_OPTIONS = { afterChunks: 3, chunkDelayMs: 500 };

/** One cold load at a time, first come first served; a waiter that aborts leaves the queue. */
export class LoadQueue {
  private busy = false;
  private readonly waiters: { grant: () => void }[] = [];

  async acquire(signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    if (this.busy) {
      await new Promise<void>((resolve, reject) => {
        const waiter = {
          grant: () => {
            signal.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(signal.reason as Error);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        this.waiters.push(waiter);
      });
    }
    this.busy = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next.grant();
      else this.busy = false;
    };
  }
}

/**
 * A runner's parallel slots (OLLAMA_NUM_PARALLEL), per model: at most `limit()` generations at
 * once, the rest wait first come first served; a waiter that aborts leaves the queue. The limit is
 * read on every acquire and release, and `pump()` applies a raised one to those already waiting.
 */
export class RunnerSlots {
  private readonly models = new Map<string, { active: number; waiters: (() => void)[] }>();

  constructor(private readonly limit: () => number | null) {}

  async acquire(model: string, signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    const slots = this.models.get(model) ?? { active: 0, waiters: [] };
    this.models.set(model, slots);
    if (slots.waiters.length === 0 && this.hasRoom(slots.active)) {
      slots.active++;
    } else {
      // The granter counts the slot as taken (see pump), so nobody can slip in between.
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const index = slots.waiters.indexOf(grant);
          if (index >= 0) slots.waiters.splice(index, 1);
          this.forgetIfIdle(model, slots);
          reject(signal.reason as Error);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        slots.waiters.push(grant);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      slots.active--;
      this.pumpModel(model, slots);
    };
  }

  /** Grants waiting requests the room a raised (or removed) limit gives them. */
  pump(): void {
    for (const [model, slots] of [...this.models]) this.pumpModel(model, slots);
  }

  private pumpModel(model: string, slots: { active: number; waiters: (() => void)[] }): void {
    while (slots.waiters.length > 0 && this.hasRoom(slots.active)) {
      slots.active++;
      slots.waiters.shift()?.();
    }
    this.forgetIfIdle(model, slots);
  }

  private hasRoom(active: number): boolean {
    const limit = this.limit();
    return limit === null || active < limit;
  }

  private forgetIfIdle(model: string, slots: { active: number; waiters: (() => void)[] }): void {
    if (slots.active === 0 && slots.waiters.length === 0 && this.models.get(model) === slots) this.models.delete(model);
  }
}

export type StateInit = {
  models: readonly ScriptedModel[];
  latency: Latency;
  profile: Profile;
  behaviour: Behaviour;
};

/** Everything a test can change, and what reset() puts back. */
export class TestServerState {
  readonly log: RequestLogEntry[] = [];
  latency: Latency;
  profile: Profile;
  behaviour: Behaviour;
  loadQueue = new LoadQueue();
  runnerSlots = new RunnerSlots(() => this.behaviour.parallelPerModel);
  stats = new StatsRecorder();
  private requestCount = 0;
  private readonly models = new Map<string, ModelEntry>();
  private readonly loaded = new Map<string, LoadedModel>();
  private readonly failures = new Map<string, FailureRule>();
  private readonly thinkFalseOverrides = new Map<string, boolean>();

  constructor(private readonly initial: StateInit) {
    this.latency = { ...initial.latency };
    this.profile = { ...initial.profile };
    this.behaviour = { ...initial.behaviour };
    this.reset();
  }

  reset(): void {
    this.log.length = 0;
    this.latency = { ...this.initial.latency };
    this.profile = { ...this.initial.profile };
    this.behaviour = { ...this.initial.behaviour };
    this.loadQueue = new LoadQueue();
    this.runnerSlots = new RunnerSlots(() => this.behaviour.parallelPerModel);
    this.stats = new StatsRecorder();
    this.loaded.clear();
    this.parserHidden?.clear();
    this.thinkingTokens?.clear();
    this.failures.clear();
    this.thinkFalseOverrides.clear();
    this.models.clear();
    for (const model of this.initial.models) {
      this.models.set(model.name, {
        model,
        installed: model.installed,
        modifiedAt: model.modifiedAt,
        vramFraction: model.vramFraction,
      });
    }
  }

  setEngine(options: { engine?: unknown; version?: unknown }): Profile {
    this.profile = resolveProfile(options);
    return { ...this.profile };
  }

  setBehaviour(update: Partial<Behaviour>): Behaviour {
    this.behaviour = { ...this.behaviour, ...update };
    this.runnerSlots.pump();
    return { ...this.behaviour };
  }

  /** The next request id; never restarts, so ids stay unique across resets. */
  nextRequestId(): string {
    this.requestCount++;
    return `r${this.requestCount}`;
  }

  /** A model the fake registry knows, installed or not. */
  findKnown(name: string): ModelEntry | undefined {
    return this.models.get(normalizeModelName(name));
  }

  findInstalled(name: string): ModelEntry | undefined {
    const entry = this.findKnown(name);
    return entry?.installed ? entry : undefined;
  }

  /** The cloud stub, when it is switched on and this is its name. */
  findCloudStub(name: string): ScriptedModel | undefined {
    return this.behaviour.cloudStub && normalizeModelName(name) === CLOUD_STUB.name ? CLOUD_STUB : undefined;
  }

  installedModels(): ModelEntry[] {
    return [...this.models.values()].filter((entry) => entry.installed);
  }

  setFailure(model: string, mode: FailureMode, options: FailureOptions = {}): void {
    const key = model === "*" ? "*" : normalizeModelName(model);
    if (mode === "none" && key === "*") {
      this.failures.delete("*");
      return;
    }
    const afterChunks = options.afterChunks ?? (mode === "slow" ? 1 : DEFAULT_FAILURE_OPTIONS.afterChunks);
    this.failures.set(key, { mode, afterChunks, chunkDelayMs: options.chunkDelayMs ?? DEFAULT_FAILURE_OPTIONS.chunkDelayMs });
  }

  /** The failure switched on for this model (its own rule wins over "*"), if any. */
  failureFor(model: string): FailureRule | undefined {
    const rule = this.failures.get(normalizeModelName(model)) ?? this.failures.get("*");
    return rule && rule.mode !== "none" ? rule : undefined;
  }

  setVramFraction(model: string, fraction: number): void {
    const entry = this.findKnown(model);
    if (!entry) throw new Error(`unknown model ${model}`);
    entry.vramFraction = Math.min(1, Math.max(0, fraction));
  }

  /** Whether a thinking-capable model keeps thinking when the request says think:false. */
  ignoresThinkFalse(model: ScriptedModel): boolean {
    return this.thinkFalseOverrides.get(model.name) ?? model.ignoresThinkFalse ?? false;
  }

  /** Models whose Modelfile leaves out its PARSER/RENDERER lines (a client then cannot tell the variant). */
  readonly parserHidden = new Set<string>();

  setParserHidden(model: string, hidden: boolean): void {
    const entry = this.findKnown(model);
    if (!entry) throw new Error(`unknown model ${model}`);
    if (hidden) this.parserHidden.add(entry.model.name);
    else this.parserHidden.delete(entry.model.name);
  }

  /** How long a model thinks, in tokens, when set (a long think uses up num_predict); else its usual few sentences. */
  readonly thinkingTokens = new Map<string, number>();

  setThinkingTokens(model: string, tokens: number | null): void {
    const entry = this.findKnown(model);
    if (!entry) throw new Error(`unknown model ${model}`);
    if (tokens === null) this.thinkingTokens.delete(entry.model.name);
    else this.thinkingTokens.set(entry.model.name, tokens);
  }

  setIgnoresThinkFalse(model: string, ignores: boolean): void {
    const entry = this.findKnown(model);
    if (!entry) throw new Error(`unknown model ${model}`);
    if (!entry.model.capabilities.includes("thinking")) throw new Error(`model '${entry.model.name}' has no thinking capability`);
    this.thinkFalseOverrides.set(entry.model.name, ignores);
  }

  /** The runner for this model, unless it expired (a runner in use never expires). */
  getLoaded(name: string, now = Date.now()): LoadedModel | undefined {
    const loaded = this.loaded.get(name);
    if (loaded && loaded.inFlight === 0 && loaded.expiresAt <= now) {
      this.unload(name);
      return undefined;
    }
    return loaded;
  }

  loadedModels(now = Date.now()): [string, LoadedModel][] {
    for (const name of [...this.loaded.keys()]) this.getLoaded(name, now);
    return [...this.loaded.entries()];
  }

  markLoaded(name: string, loaded: LoadedModel): void {
    this.loaded.set(name, loaded);
  }

  unload(name: string): void {
    const loaded = this.loaded.get(name);
    this.loaded.delete(name);
    // Anyone waiting for this runner to go idle (an eviction) can go on: it is gone.
    for (const wake of loaded?.idleWaiters.splice(0) ?? []) wake();
  }
}

export function newLoadedModel(numCtx: number, expiresAt: number): LoadedModel {
  return { numCtx, expiresAt, lastUsedAt: Date.now(), inFlight: 0, idleWaiters: [], imageCache: [], evicting: false };
}
