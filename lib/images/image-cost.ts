// What one image costs a Qwen-VL model, as the lesson's token explorable shows it: the lab's own
// size rule (lib/images/lab-size.ts), then the engine's resize and token count (lib/images/tokens.ts),
// then a prefill time from a speed the student assumes. Pure: it runs in the browser.

import { DEFAULT_LAB_MAX_SIDE, labImageSize } from "@/lib/images/lab-size";
import { expectedImageTokens, imageGridTokens, resizedForModel, VISION_FAMILIES, type VisionFamily } from "@/lib/images/tokens";
import type { OllamaEngine } from "@/lib/ollama/engine";

/** An assumption the explorable labels as one (the student sets their own), not a measurement. */
export const ASSUMED_PREFILL_TOKENS_PER_SECOND = 500;

/** The explorable's size inputs accept 1 to this many pixels per side. */
export const MAX_INPUT_SIDE = 8192;

export type ImageCostInput = {
  width: number;
  height: number;
  family: VisionFamily;
  engine: OllamaEngine;
  /** normalise as the lab does before the engine sees the image */
  resizeForLab: boolean;
  labMaxSide?: number;
  prefillTokensPerSecond: number;
};

export type ImageCost = {
  /** what reaches Ollama: the lab's normalised size, or the image as it is */
  sent: { width: number; height: number; isScaled: boolean; isPadded: boolean };
  /** the engine's resize: a whole number of blocks each way */
  grid: { width: number; height: number; columns: number; rows: number; block: number };
  gridTokens: number;
  /** grid plus the 2 vision start/end markers: what the lab expects in prompt_eval_count for the image */
  tokens: number;
  /** null without a usable speed */
  prefillSeconds: number | null;
};

export function estimateImageCost(input: ImageCostInput): ImageCost {
  const { family, engine } = input;
  const sent = input.resizeForLab
    ? labImageSize(input.width, input.height, { maxSide: input.labMaxSide ?? DEFAULT_LAB_MAX_SIDE })
    : { width: input.width, height: input.height, isScaled: false, isPadded: false };
  const block = VISION_FAMILIES[family].factor;
  const resized = resizedForModel(sent.width, sent.height, family, engine);
  const tokens = expectedImageTokens(sent.width, sent.height, family, engine);
  const speed = input.prefillTokensPerSecond;
  return {
    sent,
    grid: { ...resized, columns: resized.width / block, rows: resized.height / block, block },
    gridTokens: imageGridTokens(sent.width, sent.height, family, engine),
    tokens,
    prefillSeconds: Number.isFinite(speed) && speed > 0 ? tokens / speed : null,
  };
}
