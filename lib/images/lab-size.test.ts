import { fc, test } from "@fast-check/vitest";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env-schema";
import { ASSUMED_PREFILL_TOKENS_PER_SECOND, estimateImageCost } from "@/lib/images/image-cost";
import { DEFAULT_LAB_MAX_SIDE, labImageSize, MIN_SIDE } from "@/lib/images/lab-size";
import { normaliseImage } from "@/lib/images/server/normalise";
import type { ImageFormat } from "@/lib/images/sniff";
import { expectedImageTokens, imageGridTokens, resizedForModel, VISION_FAMILIES, type VisionFamily } from "@/lib/images/tokens";
import type { OllamaEngine } from "@/lib/ollama/engine";

const MAX_PIXELS = 50_000_000;

/**
 * A flat image of any size in any format the lab takes (flat, and encoded with the least effort, so
 * making a big one stays quick: how hard the encoder tried changes nothing about its size).
 */
async function image(width: number, height: number, format: ImageFormat): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: "#f4f1ea" }, limitInputPixels: false });
  if (format === "jpeg") return base.jpeg().toBuffer();
  if (format === "webp") return base.webp({ effort: 0 }).toBuffer();
  return base.png({ compressionLevel: 1 }).toBuffer();
}

async function normalisedSize(width: number, height: number, format: ImageFormat, maxSide = DEFAULT_LAB_MAX_SIDE) {
  const out = await normaliseImage(await image(width, height, format), { format, width, height }, { maxSide, maxPixels: MAX_PIXELS });
  return { width: out.width, height: out.height };
}

const side = fc.integer({ min: 1, max: 7000 });
const screenSize = fc.tuple(side, side).filter(([w, h]) => w * h <= MAX_PIXELS);

describe("the lab's size rule, without decoding", () => {
  it("uses the same longest side as LAB_MAX_SIDE's default", () => {
    expect(parseEnv({}).LAB_MAX_SIDE).toBe(DEFAULT_LAB_MAX_SIDE);
  });

  it.each([
    [1920, 1080, 1280, 720],
    [2560, 1600, 1280, 800],
    [1280, 800, 1280, 800],
    [480, 900, 480, 900],
    [3840, 2160, 1280, 720],
    [20, 10, 56, 56],
    [5000, 3, 1280, 56],
  ])("%ix%i becomes %ix%i", (w, h, ew, eh) => {
    expect(labImageSize(w, h)).toMatchObject({ width: ew, height: eh });
  });

  it("says whether it scaled or padded", () => {
    expect(labImageSize(1280, 720)).toEqual({ width: 1280, height: 720, isScaled: false, isPadded: false });
    expect(labImageSize(2560, 1600)).toMatchObject({ isScaled: true, isPadded: false });
    expect(labImageSize(40, 300)).toEqual({ width: 56, height: 300, isScaled: false, isPadded: true });
  });

  it("honours another LAB_MAX_SIDE", () => {
    expect(labImageSize(1920, 1080, { maxSide: 1024 })).toMatchObject({ width: 1024, height: 576 });
  });

  // Ties, exact shrink factors (sharp lowers libjpeg's shrink-on-load there) and slivers.
  const edges: [number, number][] = [
    [2560, 1601],
    [2560, 1603],
    [5120, 3],
    [3, 5120],
    [5120, 5121],
    [3840, 2161],
    [10240, 4097],
    [1281, 1],
    [1281, 721],
    [2561, 2561],
    [6999, 7000],
  ];
  it.each(edges.flatMap(([w, h]) => (["png", "jpeg", "webp"] as const).map((f) => [w, h, f] as const)))(
    "matches normaliseImage on %ix%i %s",
    async (w, h, format) => {
      expect(labImageSize(w, h, { format })).toMatchObject(await normalisedSize(w, h, format));
    },
  );

  test.prop([screenSize, fc.constantFrom<ImageFormat>("png", "jpeg", "webp")], { numRuns: 15 })(
    "matches normaliseImage (sharp) for any size and format",
    async ([w, h], format) => {
      expect(labImageSize(w, h, { format })).toMatchObject(await normalisedSize(w, h, format));
    },
    // sharp encodes up to 10k-pixel sides: seconds each on a busy two-core machine
    120_000,
  );

  test.prop([screenSize, fc.integer({ min: MIN_SIDE, max: 4096 })])(
    "never enlarges, stays within maxSide, keeps MIN_SIDE",
    ([w, h], maxSide) => {
      const out = labImageSize(w, h, { maxSide });
      expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(Math.max(maxSide, MIN_SIDE));
      expect(Math.min(out.width, out.height)).toBeGreaterThanOrEqual(MIN_SIDE);
      if (Math.max(w, h) <= maxSide) expect([out.width, out.height]).toEqual([Math.max(w, MIN_SIDE), Math.max(h, MIN_SIDE)]);
    },
  );
});

const families = Object.keys(VISION_FAMILIES) as VisionFamily[];
const engines: OllamaEngine[] = ["go-1mp", "go", "llama-server"];

describe("the token explorable's numbers are the lab's", () => {
  test.prop([screenSize, fc.constantFrom(...families), fc.constantFrom(...engines), fc.boolean(), fc.integer({ min: 1, max: 5000 })])(
    "tokens, grid and prefill come from lib/images/tokens on the size the lab sends",
    ([w, h], family, engine, resizeForLab, speed) => {
      const cost = estimateImageCost({ width: w, height: h, family, engine, resizeForLab, prefillTokensPerSecond: speed });
      const sent = resizeForLab ? labImageSize(w, h) : { width: w, height: h };
      expect(cost.sent).toMatchObject(sent);
      expect(cost.tokens).toBe(expectedImageTokens(sent.width, sent.height, family, engine));
      expect(cost.gridTokens).toBe(imageGridTokens(sent.width, sent.height, family, engine));
      expect(cost.grid).toMatchObject(resizedForModel(sent.width, sent.height, family, engine));
      expect(cost.grid.columns * cost.grid.rows).toBe(cost.gridTokens);
      expect(cost.prefillSeconds).toBeCloseTo(cost.tokens / speed, 9);
    },
  );

  // End to end through the lab's real normalising: what the lab would record as expected tokens.
  test.prop([screenSize, fc.constantFrom(...families), fc.constantFrom(...engines)], { numRuns: 15 })(
    "equal expectedImageTokens on the image normaliseImage produced",
    async ([w, h], family, engine) => {
      const normalised = await normalisedSize(w, h, "png");
      const cost = estimateImageCost({
        width: w,
        height: h,
        family,
        engine,
        resizeForLab: true,
        prefillTokensPerSecond: ASSUMED_PREFILL_TOKENS_PER_SECOND,
      });
      expect(cost.tokens).toBe(expectedImageTokens(normalised.width, normalised.height, family, engine));
    },
  );

  it("gives the lesson's worked numbers", () => {
    const at = (w: number, h: number, family: VisionFamily, engine: OllamaEngine, resizeForLab = true) =>
      estimateImageCost({ width: w, height: h, family, engine, resizeForLab, prefillTokensPerSecond: 500 });
    expect(at(1280, 720, "qwen2.5-vl", "go")).toMatchObject({ gridTokens: 1196, tokens: 1198, grid: { columns: 46, rows: 26 } });
    expect(at(1280, 720, "qwen3-vl", "go")).toMatchObject({ gridTokens: 880, grid: { columns: 40, rows: 22 } });
    expect(at(1920, 1080, "qwen2.5-vl", "go", false).gridTokens).toBe(2584);
    expect(at(1920, 1080, "qwen2.5-vl", "go").gridTokens).toBe(1196);
    expect(at(1280, 720, "qwen2.5-vl", "llama-server").prefillSeconds).toBeCloseTo(1198 / 500, 9);
  });

  // Qwen3-VL reached Ollama in v0.12.7, before 0.13.4; its Go code (qwen3vl/imageprocessor.go) kept
  // the same limits from v0.12.7 to v0.24.0, so the 1 MP cap of that era was Qwen2.5-VL's alone.
  test.prop([screenSize, fc.boolean()])("counts Qwen3-VL alike on the Go engine before and after 0.13.4", ([w, h], resizeForLab) => {
    const at = (engine: OllamaEngine) =>
      estimateImageCost({ width: w, height: h, family: "qwen3-vl", engine, resizeForLab, prefillTokensPerSecond: 500 });
    expect(at("go-1mp")).toEqual(at("go"));
  });

  it("has no prefill time without a speed", () => {
    const cost = estimateImageCost({
      width: 800,
      height: 600,
      family: "qwen2.5-vl",
      engine: "go",
      resizeForLab: true,
      prefillTokensPerSecond: 0,
    });
    expect(cost.prefillSeconds).toBeNull();
  });
});
