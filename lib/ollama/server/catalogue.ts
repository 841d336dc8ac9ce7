import "server-only";
import { env } from "@/lib/env";
import { createOllamaClient } from "@/lib/ollama/server/client";
import { toOllamaError } from "@/lib/ollama/errors";
import { percentOnGpu, type LoadedModel } from "@/lib/ollama/metrics";

export type ModelKind = "vision" | "text";

export type InstalledModel = {
  name: string;
  digest: string;
  family: string;
  parameterSize: string;
  quantization: string;
  sizeBytes: number;
  contextLength: number | null;
  capabilities: string[];
  kind: ModelKind;
  /** the output parser named in the model file (e.g. qwen3-vl-thinking), when it has one */
  parser: string | null;
  /**
   * A thinking variant: its parser starts in the thinking state whatever the request says, so
   * think:false is ignored (qwen3-vl-thinking). Such a model is asked with think:true, never with
   * think:false next to a format.
   */
  isThinkingVariant: boolean;
  /** first line of the licence text in the model file */
  licence: string;
  modifiedAt: string;
};

/** The vision/text split decides who gets the image, so it comes from Ollama's own capabilities. */
export function classify(capabilities: readonly string[]): ModelKind {
  return capabilities.includes("vision") ? "vision" : "text";
}

export function contextLengthOf(modelInfo: Record<string, unknown> | undefined): number | null {
  if (!modelInfo) return null;
  const arch = modelInfo["general.architecture"];
  const value = typeof arch === "string" ? modelInfo[`${arch}.context_length`] : undefined;
  if (typeof value === "number") return value;
  const any = Object.entries(modelInfo).find(([k, v]) => k.endsWith(".context_length") && typeof v === "number");
  return any ? (any[1] as number) : null;
}

/** First meaningful line of the licence text in the model file. */
export function licenceSummary(licence: string | undefined): string {
  const firstLine =
    (licence ?? "")
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? "No licence text in the model file";
  return firstLine.slice(0, 120);
}

/** /api/show leaves its parser and renderer fields empty; the model file names them (`PARSER qwen3-vl-thinking`). */
export function parserOf(modelfile: string | undefined): string | null {
  return /^PARSER\s+(\S+)/m.exec(modelfile ?? "")?.[1] ?? null;
}

/**
 * Parsers that ignore think:false and start every answer in the thinking state: the ones whose
 * Init never reads the think value, in ollama/ollama's model/parsers (read at v0.33.0-rc2,
 * 2026-08-21; docs/ollama.md). A list, not a "-thinking" pattern: qwen3-thinking and lfm2-thinking
 * honour think:false.
 */
export const PARSERS_IGNORING_THINK_FALSE: readonly string[] = ["qwen3-vl-thinking", "olmo3-think"];

export function isThinkingParser(parser: string | null): boolean {
  return parser !== null && PARSERS_IGNORING_THINK_FALSE.includes(parser);
}

/** Cloud models are listed by /api/tags but run on ollama.com, not here. */
export function isCloudModel(entry: { name: string; remote_host?: unknown; remote_model?: unknown }): boolean {
  return Boolean(entry.remote_host || entry.remote_model || /[:-]cloud$/.test(entry.name));
}

export type ModelCatalogue = {
  models: InstalledModel[];
  /** installed, but /api/show failed for them: listed, never offered */
  unavailable: { name: string; reason: string }[];
  /** cloud stubs: not local models */
  cloud: string[];
};

const CACHE_MS = 30_000;
// On globalThis: each route is its own bundle, and a pull in the API route must clear the cache
// the settings page reads.
const shared = globalThis as unknown as { lessonLabModelCache?: Map<string, { at: number; catalogue: ModelCatalogue }> };
const cacheFor = () => (shared.lessonLabModelCache ??= new Map());

/**
 * Installed models: /api/tags joined with /api/show per model. One model whose show fails is
 * listed as unavailable rather than taking the catalogue down; cloud stubs are set apart. Cached
 * briefly; `refresh` re-reads.
 */
export async function getModelCatalogue({ refresh = false, host = env.OLLAMA_HOST } = {}): Promise<ModelCatalogue> {
  const cache = cacheFor().get(host);
  if (!refresh && cache && Date.now() - cache.at < CACHE_MS) return cache.catalogue;
  const client = createOllamaClient({ host, timeoutMs: 5000 });
  let listed;
  try {
    listed = (await client.list()).models;
  } catch (error) {
    throw toOllamaError(error, { host });
  }
  const local = listed.filter((m) => !isCloudModel(m as typeof m & { remote_host?: unknown; remote_model?: unknown }));
  const settled = await Promise.allSettled(
    local.map(async (m) => {
      const show = await client.show({ model: m.name });
      const capabilities = show.capabilities ?? [];
      const parser = parserOf(show.modelfile);
      return {
        name: m.name,
        digest: m.digest,
        family: m.details?.family ?? "",
        parameterSize: m.details?.parameter_size ?? "",
        quantization: m.details?.quantization_level ?? "",
        sizeBytes: m.size,
        contextLength: contextLengthOf(show.model_info as unknown as Record<string, unknown>),
        capabilities,
        kind: classify(capabilities),
        parser,
        isThinkingVariant: capabilities.includes("thinking") && isThinkingParser(parser),
        licence: licenceSummary(show.license),
        modifiedAt: String(m.modified_at),
      } satisfies InstalledModel;
    }),
  );
  const catalogue: ModelCatalogue = {
    models: settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])).sort((a, b) => a.name.localeCompare(b.name)),
    unavailable: settled.flatMap((r, i) =>
      r.status === "rejected" ? [{ name: local[i]!.name, reason: toOllamaError(r.reason, { host, model: local[i]!.name }).message }] : [],
    ),
    cloud: listed.filter((m) => !local.includes(m)).map((m) => m.name),
  };
  cacheFor().set(host, { at: Date.now(), catalogue });
  return catalogue;
}

/** The installed local models the lab can offer. */
export async function listInstalledModels(options: { refresh?: boolean; host?: string } = {}): Promise<InstalledModel[]> {
  return (await getModelCatalogue(options)).models;
}

export async function findInstalledModel(name: string, options: { host?: string } = {}): Promise<InstalledModel | null> {
  const models = await listInstalledModels(options);
  const found = models.find((m) => m.name === name);
  if (found) return found;
  // Installed since the cache was filled?
  return (await listInstalledModels({ ...options, refresh: true })).find((m) => m.name === name) ?? null;
}

export async function listLoadedModels({ host = env.OLLAMA_HOST } = {}): Promise<LoadedModel[]> {
  try {
    const { models } = await createOllamaClient({ host, timeoutMs: 5000 }).ps();
    return models.map((m) => {
      const raw = m as unknown as { context_length?: number; expires_at?: unknown };
      return {
        name: m.name,
        sizeBytes: m.size,
        vramBytes: m.size_vram,
        percentOnGpu: percentOnGpu(m.size, m.size_vram),
        expiresAt: raw.expires_at ? String(raw.expires_at) : null,
        contextLength: typeof raw.context_length === "number" ? raw.context_length : null,
      };
    });
  } catch (error) {
    throw toOllamaError(error, { host });
  }
}

/** Forgets what was read of one host's models (after a pull there), or of every host's. */
export function forgetCatalogue(host?: string) {
  if (host) cacheFor().delete(host);
  else cacheFor().clear();
}
