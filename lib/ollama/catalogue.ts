import "server-only";
import { env } from "@/lib/env";
import { createOllamaClient } from "@/lib/ollama/client";
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

const CACHE_MS = 30_000;
// On globalThis: each route is its own bundle, and a pull in the API route must clear the cache
// the settings page reads.
const shared = globalThis as unknown as { lessonLabModelCache?: { host: string; at: number; models: InstalledModel[] } };

/** Installed models: /api/tags joined with /api/show per model. Cached briefly; `refresh` re-reads. */
export async function listInstalledModels({ refresh = false, host = env.OLLAMA_HOST } = {}): Promise<InstalledModel[]> {
  const cache = shared.lessonLabModelCache;
  if (!refresh && cache && cache.host === host && Date.now() - cache.at < CACHE_MS) return cache.models;
  const client = createOllamaClient({ host, timeoutMs: 5000 });
  try {
    const { models } = await client.list();
    const detailed = await Promise.all(
      models.map(async (m) => {
        const show = await client.show({ model: m.name });
        const capabilities = show.capabilities ?? [];
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
          licence: licenceSummary(show.license),
          modifiedAt: String(m.modified_at),
        } satisfies InstalledModel;
      }),
    );
    detailed.sort((a, b) => a.name.localeCompare(b.name));
    shared.lessonLabModelCache = { host, at: Date.now(), models: detailed };
    return detailed;
  } catch (error) {
    throw toOllamaError(error, { host });
  }
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

export function forgetCatalogue() {
  shared.lessonLabModelCache = undefined;
}
