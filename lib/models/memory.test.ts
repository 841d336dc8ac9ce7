import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  ASSUMED_KV_BYTES_PER_TOKEN,
  estimateResidentMemory,
  fitFor,
  fitRange,
  kvBytesPerTokenOf,
  NUM_CTX_MAX,
  NUM_CTX_MIN,
  VISION_GRAPH_BYTES,
  type FitKind,
} from "@/lib/models/memory";
import { percentOnGpu } from "@/lib/ollama/metrics";

const GB = 1e9;

describe("resident memory, by the lesson's rule of thumb", () => {
  it("adds 1 to 2 GB of vision graph to a vision model's download (the lesson's own examples)", () => {
    const qwen3vl4b = estimateResidentMemory({ downloadBytes: 3.3 * GB, isVision: true, numCtx: 4096, kvBytesPerToken: 0 });
    expect(qwen3vl4b.residentBytes.low).toBeCloseTo(4.3 * GB, -3);
    expect(qwen3vl4b.residentBytes.high).toBeCloseTo(5.3 * GB, -3);
    const qwen25vl7b = estimateResidentMemory({ downloadBytes: 6 * GB, isVision: true, numCtx: 4096, kvBytesPerToken: 0 });
    expect(qwen25vl7b.residentBytes).toEqual({ low: 7 * GB, high: 8 * GB });
  });

  it("adds no vision graph to a text-only model", () => {
    const text = estimateResidentMemory({ downloadBytes: 2 * GB, isVision: false, numCtx: 4096, kvBytesPerToken: 100_000 });
    expect(text.visionGraphBytes).toEqual({ low: 0, high: 0 });
    expect(text.residentBytes).toEqual({ low: 2 * GB + 409_600_000, high: 2 * GB + 409_600_000 });
  });

  it("grows the KV cache linearly with num_ctx", () => {
    const at = (numCtx: number) =>
      estimateResidentMemory({ downloadBytes: 3.3 * GB, isVision: true, numCtx, kvBytesPerToken: ASSUMED_KV_BYTES_PER_TOKEN }).kvCacheBytes;
    expect(at(8192)).toBe(2 * at(4096));
    expect(at(NUM_CTX_MAX)).toBe(16 * at(NUM_CTX_MIN));
    expect(at(4096)).toBe(4096 * 150_000);
  });

  it("computes bytes per token as Ollama's own estimate does (per layer: (key + value length) x KV heads x bytes)", () => {
    expect(kvBytesPerTokenOf({ layers: 28, kvHeads: 4, keyLength: 128, valueLength: 128 })).toBe(57_344);
    expect(kvBytesPerTokenOf({ layers: 28, kvHeads: 4, keyLength: 128, valueLength: 128, cacheType: "q8_0" })).toBe(28_672);
    expect(kvBytesPerTokenOf({ layers: 28, kvHeads: 4, keyLength: 128, valueLength: 128, cacheType: "q4_0" })).toBe(14_336);
  });

  test.prop([
    fc.integer({ min: 1, max: 60e9 }),
    fc.boolean(),
    fc.integer({ min: NUM_CTX_MIN, max: NUM_CTX_MAX }),
    fc.integer({ min: 0, max: 1e6 }),
  ])("is the sum of its parts, and the range is exactly the vision graph's", (downloadBytes, isVision, numCtx, kv) => {
    const e = estimateResidentMemory({ downloadBytes, isVision, numCtx, kvBytesPerToken: kv });
    expect(e.residentBytes.low).toBe(downloadBytes + e.visionGraphBytes.low + numCtx * kv);
    expect(e.residentBytes.high - e.residentBytes.low).toBe(isVision ? VISION_GRAPH_BYTES.high - VISION_GRAPH_BYTES.low : 0);
  });
});

describe("where it runs", () => {
  const hw = (vram: number, ram: number) => ({ vramBytes: vram * GB, ramBytes: ram * GB });

  it.each<[number, number, number, FitKind, number]>([
    [5, 8, 16, "gpu", 100],
    [8, 8, 16, "gpu", 100],
    [10, 8, 16, "partial", 80],
    [8, 4, 16, "partial", 50],
    [8, 0, 16, "cpu", 0],
    [30, 8, 16, "none", 0],
    [17, 0, 16, "none", 0],
  ])("%i GB on %i GB of GPU memory and %i GB of RAM: %s, %i%% on the GPU", (size, vram, ram, kind, share) => {
    expect(fitFor(size * GB, hw(vram, ram))).toEqual({ kind, percentOnGpu: share });
  });

  it("reports the share as the lab does, from percentOnGpu (size_vram / size)", () => {
    expect(fitFor(7.4 * GB, hw(3.7, 32)).percentOnGpu).toBe(percentOnGpu(7.4 * GB, 3.7 * GB));
    expect(fitFor(9 * GB, hw(8, 32)).percentOnGpu).toBe(88.9);
  });

  it("gives both ends of a range: a small vision graph may fit where a large one does not", () => {
    const { best, worst } = fitRange({ low: 7.5 * GB, high: 8.5 * GB }, hw(8, 16));
    expect(best).toEqual({ kind: "gpu", percentOnGpu: 100 });
    expect(worst.kind).toBe("partial");
    expect(worst.percentOnGpu).toBe(percentOnGpu(8.5 * GB, 8 * GB));
  });

  const rank: Record<FitKind, number> = { none: 0, cpu: 1, partial: 2, gpu: 3 };
  test.prop([
    fc.integer({ min: 1, max: 80e9 }),
    fc.integer({ min: 0, max: 80e9 }),
    fc.integer({ min: 0, max: 80e9 }),
    fc.integer({ min: 0, max: 20e9 }),
  ])("more GPU memory or RAM never makes the verdict worse, and the share is percentOnGpu's", (size, vram, ram, more) => {
    const base = fitFor(size, { vramBytes: vram, ramBytes: ram });
    expect(rank[fitFor(size, { vramBytes: vram + more, ramBytes: ram }).kind]).toBeGreaterThanOrEqual(rank[base.kind]);
    expect(rank[fitFor(size, { vramBytes: vram, ramBytes: ram + more }).kind]).toBeGreaterThanOrEqual(rank[base.kind]);
    if (base.kind !== "none") expect(base.percentOnGpu).toBe(percentOnGpu(size, Math.min(vram, size)));
  });
});
