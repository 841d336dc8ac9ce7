import { describe, expect, it } from "vitest";
import { ASSUMED_KV_BYTES_PER_TOKEN, fitRange, kvBytesPerTokenOf, NUM_CTX_MAX, NUM_CTX_MIN } from "@/lib/models/memory";
import { estimateModelFit, GB, KV_CACHE_TYPES, kvBytesPerTokenFor, LAB_NUM_CTX, NUM_CTX_CHOICES } from "@/lib/models/model-fit";

describe("the memory explorable's choices", () => {
  it("offers num_ctx from the minimum to the maximum in powers of two, the lab's 4096 among them", () => {
    expect(NUM_CTX_CHOICES[0]).toBe(NUM_CTX_MIN);
    expect(NUM_CTX_CHOICES.at(-1)).toBe(NUM_CTX_MAX);
    expect(NUM_CTX_CHOICES).toEqual([2048, 4096, 8192, 16384, 32768]);
    expect(NUM_CTX_CHOICES).toContain(LAB_NUM_CTX);
  });

  it("offers every KV cache type Ollama's estimate knows, f16 first", () => {
    expect(KV_CACHE_TYPES).toEqual(["f16", "q8_0", "q4_0"]);
  });
});

describe("kvBytesPerTokenFor", () => {
  it("scales the f16 figure as Ollama's own estimate does", () => {
    const arch = { layers: 28, kvHeads: 4, keyLength: 128, valueLength: 128 };
    const f16 = kvBytesPerTokenOf(arch);
    for (const cacheType of KV_CACHE_TYPES) expect(kvBytesPerTokenFor(f16, cacheType)).toBe(kvBytesPerTokenOf({ ...arch, cacheType }));
  });
});

describe("estimateModelFit", () => {
  const qwen25vl7b = { downloadBytes: 6 * GB, numCtx: 4096, f16KvBytesPerToken: ASSUMED_KV_BYTES_PER_TOKEN, cacheType: "f16" as const };

  it("is the lesson's rule of thumb, with the fit at both ends of the range", () => {
    const result = estimateModelFit({ ...qwen25vl7b, vramBytes: 8 * GB, ramBytes: 16 * GB });
    expect(result.estimate.kvCacheBytes).toBe(4096 * 150_000);
    expect(result.estimate.residentBytes).toEqual({ low: 7 * GB + 614_400_000, high: 8 * GB + 614_400_000 });
    expect(result.fit).toEqual(fitRange(result.estimate.residentBytes, { vramBytes: 8 * GB, ramBytes: 16 * GB }));
    expect(result.fit.best.kind).toBe("gpu");
    expect(result.fit.worst).toEqual({ kind: "partial", percentOnGpu: 92.9 });
  });

  it("shrinks the KV cache with a quantised cache type", () => {
    const f16 = estimateModelFit({ ...qwen25vl7b, vramBytes: 0, ramBytes: 32 * GB });
    const q4 = estimateModelFit({ ...qwen25vl7b, cacheType: "q4_0", vramBytes: 0, ramBytes: 32 * GB });
    expect(q4.estimate.kvCacheBytes * 4).toBe(f16.estimate.kvCacheBytes);
    expect(q4.kvBytesPerToken).toBe(37_500);
    expect(f16.fit.best.kind).toBe("cpu");
  });

  it("does not fit when GPU memory and RAM together are too small", () => {
    const result = estimateModelFit({ ...qwen25vl7b, downloadBytes: 49 * GB, vramBytes: 8 * GB, ramBytes: 16 * GB });
    expect(result.fit).toEqual({ best: { kind: "none", percentOnGpu: 0 }, worst: { kind: "none", percentOnGpu: 0 } });
  });
});
