// The memory explorable's inputs and its one computation: a catalogue tag's resident memory at a
// context length and KV cache type, and where it lands on the student's GPU memory and RAM.
// Pure: runs in the browser.

import type { NumberRule } from "@/lib/forms/number-field";
import {
  ASSUMED_KV_BYTES_PER_TOKEN,
  estimateResidentMemory,
  fitRange,
  KV_CACHE_BYTES_PER_ELEMENT,
  NUM_CTX_MAX,
  NUM_CTX_MIN,
  type Fit,
  type KvCacheType,
  type MemoryEstimate,
} from "@/lib/models/memory";

/** num_ctx values to choose from: the powers of two from NUM_CTX_MIN to NUM_CTX_MAX. */
export const NUM_CTX_CHOICES: readonly number[] = Array.from(
  { length: Math.log2(NUM_CTX_MAX / NUM_CTX_MIN) + 1 },
  (_, i) => NUM_CTX_MIN * 2 ** i,
);

/** The lab asks Ollama for at least this context (image tokens, prompt and answer must fit). */
export const LAB_NUM_CTX = 4096;

export const KV_CACHE_TYPES = Object.keys(KV_CACHE_BYTES_PER_ELEMENT) as KvCacheType[];

/** Decimal GB, like the download sizes they are compared with. */
export const GB = 1e9;
export const GPU_MEMORY_RULE: NumberRule = { min: 0, max: 256, unit: "GB" };
export const RAM_RULE: NumberRule = { min: 0.5, max: 4096, unit: "GB" };
/** The KV cache per token of context at f16, in KB: the student's figure, or the labelled assumption. */
export const KV_KB_PER_TOKEN_RULE: NumberRule = { min: 1, max: 2000, unit: "KB" };
export const ASSUMED_KV_KB_PER_TOKEN = ASSUMED_KV_BYTES_PER_TOKEN / 1000;

/** What the explorable shows before a student types anything: a common laptop GPU and RAM. */
export const DEFAULT_HARDWARE_GB = { vram: 8, ram: 16 } as const;

/** Bytes per token for a KV cache type, from the f16 figure (the bytes per element set the ratio). */
export function kvBytesPerTokenFor(f16BytesPerToken: number, cacheType: KvCacheType): number {
  return (f16BytesPerToken * KV_CACHE_BYTES_PER_ELEMENT[cacheType]) / KV_CACHE_BYTES_PER_ELEMENT.f16;
}

export type ModelFitInput = {
  downloadBytes: number;
  numCtx: number;
  f16KvBytesPerToken: number;
  cacheType: KvCacheType;
  vramBytes: number;
  ramBytes: number;
};

export type ModelFit = {
  estimate: MemoryEstimate;
  kvBytesPerToken: number;
  /** best with the 1 GB vision graph, worst with 2 GB */
  fit: { best: Fit; worst: Fit };
};

/** A vision tag from the catalogue: the vision graph is always counted. */
export function estimateModelFit(input: ModelFitInput): ModelFit {
  const kvBytesPerToken = kvBytesPerTokenFor(input.f16KvBytesPerToken, input.cacheType);
  const estimate = estimateResidentMemory({
    downloadBytes: input.downloadBytes,
    isVision: true,
    numCtx: input.numCtx,
    kvBytesPerToken,
  });
  return { estimate, kvBytesPerToken, fit: fitRange(estimate.residentBytes, { vramBytes: input.vramBytes, ramBytes: input.ramBytes }) };
}
