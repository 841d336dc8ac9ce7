import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { estimateImageCost, type ImageCostInput } from "@/lib/images/image-cost";
import { engineScaling, IMAGE_SIZE_PRESETS, imageCostOutcome } from "@/lib/images/image-cost-outcome";
import type { VisionFamily } from "@/lib/images/tokens";
import type { OllamaEngine } from "@/lib/ollama/engine";

const input = (width: number, height: number, family: VisionFamily, engine: OllamaEngine, resizeForLab = true): ImageCostInput => ({
  width,
  height,
  family,
  engine,
  resizeForLab,
  prefillTokensPerSecond: 500,
});

describe("imageCostOutcome", () => {
  it("warns that a side under one block crashes the Go engine's runner, unless the lab pads it", () => {
    expect(imageCostOutcome(input(20, 20, "qwen2.5-vl", "go", false))).toMatchObject({ kind: "crash", smallestSide: 20 });
    expect(imageCostOutcome(input(400, 30, "qwen3-vl", "go", false))).toMatchObject({ kind: "crash", smallestSide: 30 });
    expect(imageCostOutcome(input(400, 30, "qwen2.5-vl", "go", false)).kind).toBe("estimate");
    expect(imageCostOutcome(input(20, 20, "qwen2.5-vl", "go")).kind).toBe("estimate");
    expect(imageCostOutcome(input(20, 20, "qwen2.5-vl", "llama-server", false)).kind).toBe("estimate");
  });

  it("carries the estimate of image-cost.ts unchanged", () => {
    const outcome = imageCostOutcome(input(1920, 1080, "qwen2.5-vl", "go", false));
    expect(outcome).toEqual({
      kind: "estimate",
      cost: estimateImageCost(input(1920, 1080, "qwen2.5-vl", "go", false)),
      // 69 x 39 blocks would be just over the 2 MP cap
      scaling: "down",
      isApproximate: false,
    });
    expect(outcome.kind === "estimate" && outcome.cost.gridTokens).toBe(2584);
  });

  it("labels the llama.cpp engine's counts as approximate", () => {
    expect(imageCostOutcome(input(1280, 720, "qwen3-vl", "llama-server"))).toMatchObject({ isApproximate: true });
  });

  it("says when the engine scaled the image to its limits", () => {
    const scalingOf = (...args: Parameters<typeof input>) => {
      const outcome = imageCostOutcome(input(...args));
      return outcome.kind === "estimate" ? outcome.scaling : outcome.kind;
    };
    // 0.30 and later: at least 1,024 and at most 4,096 tokens
    expect(scalingOf(400, 300, "qwen2.5-vl", "llama-server")).toBe("up");
    expect(scalingOf(3840, 2160, "qwen2.5-vl", "llama-server", false)).toBe("down");
    expect(scalingOf(1280, 720, "qwen2.5-vl", "llama-server")).toBeNull();
    // the Go engine: about 2 MP at most (1 MP before 0.13.4)
    expect(scalingOf(2560, 1600, "qwen2.5-vl", "go", false)).toBe("down");
    expect(scalingOf(1920, 1080, "qwen2.5-vl", "go-1mp", false)).toBe("down");
    expect(scalingOf(1280, 720, "qwen2.5-vl", "go")).toBeNull();
  });

  const families: VisionFamily[] = ["qwen2.5-vl", "qwen3-vl"];
  const engines: OllamaEngine[] = ["go-1mp", "go", "llama-server"];
  test.prop([
    fc.integer({ min: 1, max: 8192 }),
    fc.integer({ min: 1, max: 8192 }),
    fc.constantFrom(...families),
    fc.constantFrom(...engines),
    fc.boolean(),
  ])("never reports scaling when the grid is the size rounded to whole blocks", (w, h, family, engine, resize) => {
    const outcome = imageCostOutcome(input(w, h, family, engine, resize));
    if (outcome.kind !== "estimate") return;
    const { sent, grid } = outcome.cost;
    const isRounded = Math.abs(grid.width - sent.width) <= grid.block / 2 && Math.abs(grid.height - sent.height) <= grid.block / 2;
    expect(outcome.scaling === null).toBe(isRounded);
  });
});

describe("engineScaling", () => {
  it("allows half a block of rounding either way", () => {
    const grid = { columns: 2, rows: 2, block: 28 };
    expect(
      engineScaling({ sent: { width: 42, height: 70, isScaled: false, isPadded: false }, grid: { ...grid, width: 56, height: 56 } }),
    ).toBeNull();
    expect(
      engineScaling({ sent: { width: 41, height: 56, isScaled: false, isPadded: false }, grid: { ...grid, width: 56, height: 56 } }),
    ).toBe("up");
    expect(
      engineScaling({ sent: { width: 56, height: 85, isScaled: false, isPadded: false }, grid: { ...grid, width: 56, height: 56 } }),
    ).toBe("down");
  });
});

describe("IMAGE_SIZE_PRESETS", () => {
  it("are all valid inputs", () => {
    for (const { width, height } of IMAGE_SIZE_PRESETS) {
      expect(imageCostOutcome(input(width, height, "qwen2.5-vl", "llama-server")).kind).toBe("estimate");
    }
  });
});
