// The notes the lesson's explorables show under their results, in one place: the explorables show
// them for the inputs they fit, and the tutor searches them (a student asks about what an explorable
// told them). Pure.

export const TOKEN_NOTES = {
  floor: "Ollama 0.30 and later gives every Qwen-VL image at least 1,024 tokens, so making this image smaller saves nothing.",
  range: "Ollama 0.30 and later gives every Qwen-VL image between 1,024 and 4,096 tokens.",
  replayed: "Its counts are replayed from llama.cpp's rounding, not measured: hence \u201cabout\u201d.",
  goOneMegapixel: "Before 0.13.4 the Go engine capped Qwen2.5-VL images at about 1 megapixel.",
  goTwoMegapixels: "The Go engine caps an image at about 2 megapixels.",
  qwen3OnOldGo:
    "Qwen3-VL runs on Ollama 0.12.7 and later; up to 0.13.3 its images count as on 0.13.4 to 0.24 (the 1 MP cap was Qwen2.5-VL's).",
} as const;

export const MEMORY_NOTES = {
  partial: "What does not fit in GPU memory goes to RAM and runs on the CPU: it works, slowly. /api/ps shows it as size_vram below size.",
  cpu: "With no GPU memory, Ollama runs everything on the CPU: it works, slowly.",
} as const;

/** The explorables' notes as the tutor reads them, each with the section its explorable sits in. */
export const EXPLORABLE_NOTES: readonly { id: string; anchor: string; text: string }[] = [
  ...Object.entries(TOKEN_NOTES).map(([id, text]) => ({
    id: `token-explorer-${id}`,
    anchor: "tiny-images-a-crash-on-the-go-engine-no-saving-on-030-and-later",
    text: `Image token explorer: ${text}`,
  })),
  ...Object.entries(MEMORY_NOTES).map(([id, text]) => ({
    id: `memory-explorer-${id}`,
    anchor: "size-quantisation-and-memory",
    text: `Memory explorer: ${text}`,
  })),
];
