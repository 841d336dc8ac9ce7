import { resizedForModel, expectedImageTokens, TOKENS_PER_IMAGE_MARKERS, VISION_FAMILIES } from "@/lib/images/tokens";
import { ENGINE_LABELS } from "@/lib/ollama/engine";
import { computeMetrics, percentOnGpu } from "@/lib/ollama/metrics";
import type { ComputeSpec, NumericAnswer, Tolerance } from "@/lib/checks/schema";

// The key of a numeric check, and the working shown once it is answered. Computed by the lab's own
// functions, so the lesson's checks and the lab's "expected" numbers cannot disagree. Pure.

export const formatNumber = (n: number, maxDecimals = 2) => n.toLocaleString("en-US", { maximumFractionDigits: maxDecimals });

export function computeValue(spec: ComputeSpec): number {
  switch (spec.fn) {
    case "image-tokens":
      return expectedImageTokens(spec.width, spec.height, spec.family, spec.engine);
    case "gpu-share":
      return percentOnGpu(spec.size, spec.size_vram);
    case "tokens-per-second":
      return computeMetrics(
        { eval_count: spec.eval_count, eval_duration: spec.eval_duration },
        { startedAt: 0, firstTokenAt: null, endedAt: 0 },
      ).tokensPerSecond!;
  }
}

function imageTokensWorking(spec: Extract<ComputeSpec, { fn: "image-tokens" }>, value: number): string {
  const { factor, label } = VISION_FAMILIES[spec.family];
  const resized = resizedForModel(spec.width, spec.height, spec.family, spec.engine);
  const columns = resized.width / factor;
  const rows = resized.height / factor;
  const side = (px: number, blocks: number) => {
    const exact = px / factor;
    return Number.isInteger(exact)
      ? `${px} / ${factor} = ${blocks}`
      : `${px} / ${factor} ≈ ${formatNumber(exact, 1)}, rounded to ${blocks}`;
  };
  const grid = `${formatNumber(columns * rows)} image tokens`;
  const tail = `plus ${TOKENS_PER_IMAGE_MARKERS} for the vision start and end markers: ${formatNumber(value)}.`;
  const plain = Math.round(spec.width / factor) * factor === resized.width && Math.round(spec.height / factor) * factor === resized.height;
  if (plain)
    return `${label} reads ${factor}x${factor} px blocks. Columns: ${side(spec.width, columns)}. Rows: ${side(spec.height, rows)}. ${columns} x ${rows} = ${grid}, ${tail}`;
  return (
    `${label} reads ${factor}x${factor} px blocks, and on ${ENGINE_LABELS[spec.engine]} the image is resized to ${resized.width}x${resized.height} px ` +
    `to stay within that engine's limits. ${columns} x ${rows} = ${grid}, ${tail}`
  );
}

/** The right number, and how to get it. */
export function numericKey(answer: NumericAnswer): { value: number; working: string } {
  if (answer.value !== undefined) return { value: answer.value, working: answer.working ?? "" };
  const spec = answer.compute!;
  const value = computeValue(spec);
  switch (spec.fn) {
    case "image-tokens":
      return { value, working: imageTokensWorking(spec, value) };
    case "gpu-share":
      return {
        value,
        working: `Percent on GPU = size_vram / size x 100 = ${formatNumber(spec.size_vram)} / ${formatNumber(spec.size)} x 100 = ${formatNumber(value, 1)}%.`,
      };
    case "tokens-per-second":
      return {
        value,
        working: `Tokens per second = eval_count / eval_duration x 1e9 = ${formatNumber(spec.eval_count)} / ${formatNumber(spec.eval_duration)} x 1e9 = ${formatNumber(value, 2)}.`,
      };
  }
}

export function isWithin(given: number, expected: number, tolerance: Tolerance): boolean {
  const allowed = "absolute" in tolerance ? tolerance.absolute : (Math.abs(expected) * tolerance.percent) / 100;
  return Math.abs(given - expected) <= allowed + 1e-9;
}

/** The numbers a computed key is built from, as they must appear in the check's text. */
export function computeInputs(spec: ComputeSpec): number[] {
  switch (spec.fn) {
    case "image-tokens":
      return [spec.width, spec.height];
    case "gpu-share":
      return [spec.size, spec.size_vram];
    case "tokens-per-second":
      return [spec.eval_count, spec.eval_duration];
  }
}
