// What the token explorable tells a student about one image: the estimate from image-cost.ts, or
// the Go engine's crash that it stands for. Pure: runs in the browser.

import { estimateImageCost, MAX_INPUT_SIDE, type ImageCost, type ImageCostInput } from "@/lib/images/image-cost";
import type { NumberRule } from "@/lib/forms/number-field";

/** Sizes a student is likely to meet: screenshots from HD to 4K, a small crop and a tiny icon. */
export const IMAGE_SIZE_PRESETS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1600 },
  { width: 3840, height: 2160 },
  { width: 400, height: 300 },
  { width: 20, height: 20 },
] as const;

export const IMAGE_SIDE_RULE: NumberRule = { min: 1, max: MAX_INPUT_SIDE, isInteger: true, unit: "px" };
export const PREFILL_SPEED_RULE: NumberRule = { min: 1, max: 100_000, unit: "tokens/s" };

/**
 * How the engine changed the size it was given: each side is rounded to the nearest whole block
 * (at most half a block either way), so anything further means it was scaled up to the engine's
 * minimum or down to its maximum.
 */
export type EngineScaling = "up" | "down" | null;

export type ImageCostOutcome =
  /** The Go engine's runner panics (HTTP 500) on a side under one block. */
  | { kind: "crash"; cost: ImageCost; smallestSide: number }
  | {
      kind: "estimate";
      cost: ImageCost;
      scaling: EngineScaling;
      /** 0.30 and later: replayed from llama.cpp's float rounding, not measured, so "about" */
      isApproximate: boolean;
    };

export function engineScaling({ sent, grid }: Pick<ImageCost, "sent" | "grid">): EngineScaling {
  const half = grid.block / 2;
  if (grid.width > sent.width + half || grid.height > sent.height + half) return "up";
  if (grid.width < sent.width - half || grid.height < sent.height - half) return "down";
  return null;
}

export function imageCostOutcome(input: ImageCostInput): ImageCostOutcome {
  const cost = estimateImageCost(input);
  const smallestSide = Math.min(cost.sent.width, cost.sent.height);
  if (input.engine !== "llama-server" && smallestSide < cost.grid.block) return { kind: "crash", cost, smallestSide };
  return { kind: "estimate", cost, scaling: engineScaling(cost), isApproximate: input.engine === "llama-server" };
}
