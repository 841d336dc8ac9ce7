// How many tokens an image costs a Qwen-VL model in Ollama (OLLAMA.md, "Image cost"): each side is
// rounded to a multiple of the block (28 px for Qwen2.5-VL, 32 for Qwen3-VL), the area is capped,
// and every block is one token. Ported from Ollama's SmartResize (model/models/qwen25vl, qwen3vl).

export type TokenFamily = "qwen2.5-vl" | "qwen2.5-vl-1mp" | "qwen3-vl";

export const TOKEN_FAMILIES: Record<TokenFamily, { label: string; factor: number; minPixels: number; maxPixels: number }> = {
  "qwen2.5-vl": { label: "Qwen2.5-VL (Ollama 0.13.4+, about 2 MP cap)", factor: 28, minPixels: 56 * 56, maxPixels: 2 << 20 },
  "qwen2.5-vl-1mp": { label: "Qwen2.5-VL (older Ollama, about 1 MP cap)", factor: 28, minPixels: 56 * 56, maxPixels: 1280 * 28 * 28 },
  "qwen3-vl": { label: "Qwen3-VL", factor: 32, minPixels: 64 << 10, maxPixels: 2 << 20 },
};

function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export function resizedForModel(width: number, height: number, family: TokenFamily): { width: number; height: number } {
  const { factor, minPixels, maxPixels } = TOKEN_FAMILIES[family];
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

export function expectedImageTokens(width: number, height: number, family: TokenFamily): number {
  const { factor } = TOKEN_FAMILIES[family];
  const r = resizedForModel(width, height, family);
  return (r.width / factor) * (r.height / factor);
}

/** Which token rule applies to an installed model, from its family/architecture name. */
export function tokenFamilyOf(family: string): TokenFamily | null {
  const f = family.toLowerCase().replace(/[^a-z0-9.]/g, "");
  if (f.startsWith("qwen3vl")) return "qwen3-vl";
  if (f.startsWith("qwen25vl") || f.startsWith("qwen2.5vl")) return "qwen2.5-vl";
  return null;
}
