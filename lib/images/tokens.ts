import type { OllamaEngine } from "@/lib/ollama/engine";

// How many tokens an image costs a Qwen-VL model in Ollama (docs/ollama.md, "Two engines" and "Image
// cost"). Each side is rounded to a multiple of the block (28 px for Qwen2.5-VL, 32 for Qwen3-VL),
// the area is kept within limits that depend on the engine, every block is one token, and each
// image adds 2 (vision start and end). These are estimates: the lab shows them as "about" and puts
// the measured count beside them.
//   Go engine (0.13.4 to 0.24): Ollama's SmartResize, round half to even, at most about 2 MP
//     (1 MP for Qwen2.5-VL before 0.13.4).
//   llama-server engine (0.30 and later): llama.cpp mtmd's calc_size_preserved_ratio in float32,
//     round half away from zero, between 1,024 tokens (Ollama passes --image-min-tokens 1024)
//     and 4,096 tokens (llama.cpp's limit for Qwen-VL).

export type VisionFamily = "qwen2.5-vl" | "qwen3-vl";

export const VISION_FAMILIES: Record<VisionFamily, { label: string; factor: number }> = {
  "qwen2.5-vl": { label: "Qwen2.5-VL", factor: 28 },
  "qwen3-vl": { label: "Qwen3-VL", factor: 32 },
};

/** vision start and end markers around every image */
export const TOKENS_PER_IMAGE_MARKERS = 2;

type Limits = { minPixels: number; maxPixels: number };

function limitsFor(family: VisionFamily, engine: OllamaEngine): Limits {
  const f = VISION_FAMILIES[family].factor;
  if (engine === "llama-server") return { minPixels: 1024 * f * f, maxPixels: 4096 * f * f };
  if (family === "qwen3-vl") return { minPixels: 64 << 10, maxPixels: 2 << 20 };
  return { minPixels: 56 * 56, maxPixels: engine === "go-1mp" ? 1280 * 28 * 28 : 2 << 20 };
}

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Ollama's Go SmartResize (model/models/qwen25vl, qwen3vl), in double precision as in Go. */
function smartResize(width: number, height: number, factor: number, { minPixels, maxPixels }: Limits) {
  let h = Math.max(factor, roundHalfEven(height / factor) * factor);
  let w = Math.max(factor, roundHalfEven(width / factor) * factor);
  if (h * w > maxPixels) {
    const beta = Math.sqrt((height * width) / maxPixels);
    h = Math.floor(height / beta / factor) * factor;
    w = Math.floor(width / beta / factor) * factor;
  } else if (h * w < minPixels) {
    const beta = Math.sqrt(minPixels / (height * width));
    h = Math.ceil((height * beta) / factor) * factor;
    w = Math.ceil((width * beta) / factor) * factor;
  }
  return { width: w, height: h };
}

/** llama.cpp's calc_size_preserved_ratio: float arithmetic (hence Math.fround), std::round. */
function preservedRatio(width: number, height: number, factor: number, { minPixels, maxPixels }: Limits) {
  const f32 = Math.fround;
  const f = f32(factor);
  const roundTo = (x: number) => Math.sign(x) * Math.round(Math.abs(f32(f32(x) / f))) * factor;
  const floorTo = (x: number) => Math.floor(f32(f32(x) / f)) * factor;
  const ceilTo = (x: number) => Math.ceil(f32(f32(x) / f)) * factor;
  let h = Math.max(factor, roundTo(height));
  let w = Math.max(factor, roundTo(width));
  if (h * w > maxPixels) {
    const beta = f32(Math.sqrt(f32(f32(height * width) / f32(maxPixels))));
    h = Math.max(factor, floorTo(f32(height / beta)));
    w = Math.max(factor, floorTo(f32(width / beta)));
  } else if (h * w < minPixels) {
    const beta = f32(Math.sqrt(f32(f32(minPixels) / f32(height * width))));
    h = ceilTo(f32(height * beta));
    w = ceilTo(f32(width * beta));
  }
  return { width: w, height: h };
}

/** The size the model works on after the engine's resize. */
export function resizedForModel(
  width: number,
  height: number,
  family: VisionFamily,
  engine: OllamaEngine,
): { width: number; height: number } {
  const { factor } = VISION_FAMILIES[family];
  const limits = limitsFor(family, engine);
  return engine === "llama-server" ? preservedRatio(width, height, factor, limits) : smartResize(width, height, factor, limits);
}

/** Tokens of the image's grid alone (the number docs/ollama.md's table gives). */
export function imageGridTokens(width: number, height: number, family: VisionFamily, engine: OllamaEngine): number {
  const { factor } = VISION_FAMILIES[family];
  const r = resizedForModel(width, height, family, engine);
  return (r.width / factor) * (r.height / factor);
}

/** What one image adds to prompt_eval_count: its grid and its two markers. */
export function expectedImageTokens(width: number, height: number, family: VisionFamily, engine: OllamaEngine): number {
  return imageGridTokens(width, height, family, engine) + TOKENS_PER_IMAGE_MARKERS;
}

/** Which token rule applies to an installed model, from its family/architecture name. */
export function visionFamilyOf(family: string): VisionFamily | null {
  const f = family.toLowerCase().replace(/[^a-z0-9.]/g, "");
  if (f.startsWith("qwen3vl")) return "qwen3-vl";
  if (f.startsWith("qwen25vl") || f.startsWith("qwen2.5vl")) return "qwen2.5-vl";
  return null;
}
