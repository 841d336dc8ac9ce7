// Will this model fit? The lesson's rule of thumb for resident memory, and where the result lands
// against a student's GPU memory and system RAM. Pure: the lesson's memory explorable runs it in
// the browser.
//
// resident memory = download + 1 to 2 GB for the vision graph (vision models only) + KV cache
//
// The first two terms are the lesson's ("Size, quantisation and memory"; docs/ollama.md, "Models the lesson names"). The KV cache is
// num_ctx x bytes per token. Ollama's own estimate (fs/ggml/ggml.go, GraphSize, at v0.24.0) counts
// per layer num_ctx x (key length + value length) x KV heads x bytes per element, 2 for the default
// f16 cache (OLLAMA_KV_CACHE_TYPE); content/models.yaml does not carry those architecture numbers, so
// the explorable asks for bytes per token and starts from a round assumption it labels as one.

import { percentOnGpu } from "@/lib/ollama/metrics";

export type ByteRange = { low: number; high: number };

/** The lesson's "1 to 2 GB for the vision graph", in bytes (decimal GB, as download sizes are given). */
export const VISION_GRAPH_BYTES: ByteRange = { low: 1e9, high: 2e9 };

/** The num_ctx range the explorable offers; the lab itself asks for at least 4096. */
export const NUM_CTX_MIN = 2048;
export const NUM_CTX_MAX = 32768;

/**
 * A round planning figure for the KV cache, NOT read from any model: the explorable labels it as an
 * assumption and lets the student replace it with their model's own figure (kvBytesPerTokenOf).
 */
export const ASSUMED_KV_BYTES_PER_TOKEN = 150_000;

/** Bytes per cached element by OLLAMA_KV_CACHE_TYPE, as Ollama's estimate has them (f16 is the default). */
export const KV_CACHE_BYTES_PER_ELEMENT = { f16: 2, q8_0: 1, q4_0: 0.5 } as const;
export type KvCacheType = keyof typeof KV_CACHE_BYTES_PER_ELEMENT;

/**
 * A model's KV cache per token of context from its architecture (the GGUF keys /api/show returns in
 * model_info: block_count, attention.head_count_kv, attention.key_length, attention.value_length).
 */
export function kvBytesPerTokenOf(arch: {
  layers: number;
  kvHeads: number;
  keyLength: number;
  valueLength: number;
  cacheType?: KvCacheType;
}): number {
  return arch.layers * (arch.keyLength + arch.valueLength) * arch.kvHeads * KV_CACHE_BYTES_PER_ELEMENT[arch.cacheType ?? "f16"];
}

export type MemoryEstimate = {
  weightsBytes: number;
  /** zero for a text-only model */
  visionGraphBytes: ByteRange;
  kvCacheBytes: number;
  residentBytes: ByteRange;
};

export function estimateResidentMemory({
  downloadBytes,
  isVision,
  numCtx,
  kvBytesPerToken,
}: {
  downloadBytes: number;
  isVision: boolean;
  numCtx: number;
  kvBytesPerToken: number;
}): MemoryEstimate {
  const graph = isVision ? VISION_GRAPH_BYTES : { low: 0, high: 0 };
  const kvCacheBytes = Math.max(0, numCtx) * Math.max(0, kvBytesPerToken);
  const weightsBytes = Math.max(0, downloadBytes);
  return {
    weightsBytes,
    visionGraphBytes: graph,
    kvCacheBytes,
    residentBytes: { low: weightsBytes + graph.low + kvCacheBytes, high: weightsBytes + graph.high + kvCacheBytes },
  };
}

/**
 * gpu: all on the GPU; partial: Ollama puts what does not fit in GPU memory in system RAM and runs
 * that part on the CPU (slow); cpu: no GPU memory at all, all on the CPU (slow); none: GPU memory and
 * RAM together are too small.
 */
export type FitKind = "gpu" | "partial" | "cpu" | "none";

/** percentOnGpu as /api/ps would report it (size_vram / size), from lib/ollama/metrics like the lab. */
export type Fit = { kind: FitKind; percentOnGpu: number };

export type Hardware = { vramBytes: number; ramBytes: number };

export function fitFor(residentBytes: number, { vramBytes, ramBytes }: Hardware): Fit {
  const vram = Math.max(0, vramBytes);
  const ram = Math.max(0, ramBytes);
  if (residentBytes > vram + ram) return { kind: "none", percentOnGpu: 0 };
  const onGpu = Math.min(vram, residentBytes);
  const share = percentOnGpu(residentBytes, onGpu);
  if (onGpu >= residentBytes) return { kind: "gpu", percentOnGpu: share };
  return { kind: onGpu > 0 ? "partial" : "cpu", percentOnGpu: share };
}

/** The fit at both ends of the estimate: `best` with the smaller vision graph, `worst` with the larger. */
export function fitRange(resident: ByteRange, hardware: Hardware): { best: Fit; worst: Fit } {
  return { best: fitFor(resident.low, hardware), worst: fitFor(resident.high, hardware) };
}
