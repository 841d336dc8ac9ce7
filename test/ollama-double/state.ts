import { normalizeModelName, type ScriptedModel } from "./models";

export type FailureMode = "not-found" | "crash" | "busy" | "mid-stream-error" | "cut-stream" | "slow" | "none";

export const FAILURE_MODES: readonly FailureMode[] = ["not-found", "crash", "busy", "mid-stream-error", "cut-stream", "slow", "none"];

export type FailureOptions = { afterChunks?: number; chunkDelayMs?: number };
export type FailureRule = { mode: FailureMode; afterChunks: number; chunkDelayMs: number };

/** Real waits, in milliseconds. */
export type Latency = { load: number; firstToken: number; perToken: number };

export type RequestLogEntry = {
  at: number;
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
  /** HTTP status sent, once known. */
  status?: number;
  /** The error text sent, as a body or as a mid-stream line. */
  error?: string;
};

export type ModelEntry = { model: ScriptedModel; installed: boolean; modifiedAt: string; vramFraction: number };
export type LoadedModel = { numCtx: number; expiresAt: number };

export const DEFAULT_LATENCY: Latency = { load: 50, firstToken: 20, perToken: 5 };
const DEFAULT_FAILURE_OPTIONS = { afterChunks: 3, chunkDelayMs: 500 };

/** Everything a test can change, and what reset() puts back. */
export class TestServerState {
  readonly log: RequestLogEntry[] = [];
  latency: Latency;
  private readonly models = new Map<string, ModelEntry>();
  private readonly loaded = new Map<string, LoadedModel>();
  private readonly failures = new Map<string, FailureRule>();

  constructor(
    private readonly initialModels: readonly ScriptedModel[],
    private readonly initialLatency: Latency,
  ) {
    this.latency = { ...initialLatency };
    this.reset();
  }

  reset(): void {
    this.log.length = 0;
    this.latency = { ...this.initialLatency };
    this.loaded.clear();
    this.failures.clear();
    this.models.clear();
    for (const model of this.initialModels) {
      this.models.set(model.name, {
        model,
        installed: model.installed,
        modifiedAt: model.modifiedAt,
        vramFraction: model.vramFraction,
      });
    }
  }

  /** A model the fake registry knows, installed or not. */
  findKnown(name: string): ModelEntry | undefined {
    return this.models.get(normalizeModelName(name));
  }

  findInstalled(name: string): ModelEntry | undefined {
    const entry = this.findKnown(name);
    return entry?.installed ? entry : undefined;
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

  getLoaded(name: string, now = Date.now()): LoadedModel | undefined {
    const loaded = this.loaded.get(name);
    if (loaded && loaded.expiresAt <= now) {
      this.loaded.delete(name);
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
    this.loaded.delete(name);
  }
}
