import { expectedImageTokens, VISION_FAMILIES, type VisionFamily } from "@/lib/images/tokens";
import { computeMetrics, percentOnGpu } from "@/lib/ollama/metrics";
import { formatNumber } from "@/lib/format";

// Quiz items whose numbers are drawn per attempt. Every key and every explanation is computed with
// the same lib/ functions the lab and the lesson's explorables use (image tokens, share on the GPU,
// Ollama's metrics), so a drawn variant cannot disagree with them. Pure and deterministic: the same
// random source gives the same item, on any machine. Qwen3-VL items name the instruct tag: the lesson
// warns that the plain qwen3-vl tags may be thinking builds. The surface-cue rules (lib/quiz/cues.ts)
// are checked over thousands of draws of each generator (lib/quiz/cues.test.ts), not only over the
// written example, so option texts here must not make the key stand out by length or by wording.

export type GeneratedOption = { id: string; text: string; correct: boolean; explanation: string };
export type GeneratedItem = { prompt: string; options: GeneratedOption[] };
export type Generator = (random: () => number) => GeneratedItem;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: () => number, min: number, max: number, step: number) =>
  min + Math.floor(random() * (Math.floor((max - min) / step) + 1)) * step;
const n = (value: number, digits = 0) => formatNumber(value, digits);
const seconds = (ms: number) => `${n(ms / 1000, 1)} s`;
const ids = "abcdefgh";
const lettered = (options: Omit<GeneratedOption, "id">[]): GeneratedOption[] => options.map((o, i) => ({ ...o, id: ids[i]! }));

/** Share on the GPU from /api/ps numbers (lib/ollama/metrics percentOnGpu). */
const gpuShare: Generator = (random) => {
  const model = pick(random, [
    { tag: "qwen2.5vl:7b", sizeGb: [7.2, 8.2] },
    { tag: "qwen3-vl:8b-instruct", sizeGb: [7.4, 8.6] },
    { tag: "qwen2.5vl:3b", sizeGb: [4.4, 5.4] },
  ] as const);
  const size = Math.round(between(random, model.sizeGb[0], model.sizeGb[1], 0.1) * 10) * 100_000_000;
  const card = pick(random, [2, 3, 4]);
  // The part Ollama put on a card of `card` GB: most of it, never all.
  const vram = Math.min(size - 200_000_000, Math.round((card - between(random, 0.3, 0.8, 0.1)) * 10) * 100_000_000);
  const share = percentOnGpu(size, vram);
  const additive = Math.round(((size + vram) / 1e9) * 10) / 10;
  const wrongShare = Math.round((vram / (size + vram)) * 100);
  return {
    prompt: `${model.tag} runs on a laptop with a ${card} GB graphics card and writes only a few tokens per second. /api/ps lists it with size ${size} and size_vram ${vram}. What is the best reading?`,
    // The key sits between the distractors in length (two longer, one shorter) in every draw, and no
    // option claims a totality ("all", "any", "only"): the key used to be the longest option, and the
    // only one without such a word, in every draw.
    options: lettered([
      {
        text: `About ${share}% of it is on the GPU and the rest runs on the CPU, hence the slow output`,
        correct: true,
        explanation: `Percent on GPU is size_vram / size x 100 = ${n(vram)} / ${n(size)} x 100, about ${share}%. When size_vram is between 0 and size the model is partly on the CPU, and partial offload makes generation crawl.`,
      },
      {
        text: `It sits on the GPU in full: size_vram is counted on top of size, so the loaded model takes about ${n(additive, 1)} GB`,
        correct: false,
        explanation: "size_vram is not extra memory: it is the part of size (the bytes resident) that sits on the GPU.",
      },
      {
        text: `About ${wrongShare}% of it is on the GPU, computed as size_vram / (size + size_vram), and the rest sits in RAM`,
        correct: false,
        explanation:
          "This adds the two fields as if they were separate pools. size already includes the GPU part, so the share is size_vram / size.",
      },
      {
        text: "It is effectively on the GPU, and the part in system RAM is just a cache",
        correct: false,
        explanation:
          "size_vram equal to size means the model is on the GPU in full; a value between 0 and size means part of the model runs on the CPU.",
      },
    ]),
  };
};

/** Reading a cold run's final metrics (lib/ollama/metrics computeMetrics, nanoseconds in). */
const metricsReadout: Generator = (random) => {
  const model = pick(random, ["qwen2.5vl:7b", "qwen3-vl:8b-instruct", "qwen2.5vl:3b"]);
  const loadS = between(random, 2.5, 6.5, 0.1);
  const prefillS = between(random, 1.2, 3.6, 0.2);
  const tps = pick(random, [10, 12, 15, 16, 20, 24, 25, 30]);
  const evalCount = between(random, 120, 320, 20);
  const evalS = evalCount / tps;
  const totalS = Math.round((loadS + prefillS + evalS + 0.2) * 10) / 10;
  const promptCount = expectedImageTokens(1280, 720, model.startsWith("qwen3") ? "qwen3-vl" : "qwen2.5-vl", "llama-server") + 66;
  const ns = (s: number) => Math.round(s * 1e9);
  const final = {
    load_duration: ns(loadS),
    prompt_eval_count: promptCount,
    prompt_eval_duration: ns(prefillS),
    eval_count: evalCount,
    eval_duration: ns(evalS),
    total_duration: ns(totalS),
  };
  const m = computeMetrics(final, { startedAt: 0, firstTokenAt: null, endedAt: 0 }, { startState: "cold" });
  const speed = m.tokensPerSecond!;
  const naive = (evalCount / m.totalMs) * 1000;
  const wait = m.loadMs + m.prefillMs;
  return {
    prompt: `A student's first lab run of ${model}, with 'Measure a cold start' ticked, ends with: load_duration ${final.load_duration}, prompt_eval_count ${promptCount}, prompt_eval_duration ${final.prompt_eval_duration}, eval_count ${evalCount}, eval_duration ${final.eval_duration}, total_duration ${final.total_duration}. Which readings are correct?`,
    options: lettered([
      {
        text: "This was a cold start, since the lab unloaded the model first; the same request sent again should show load_duration near 0",
        correct: true,
        explanation: `'Measure a cold start' unloads the model before the first prompt, so this run was cold by design, and its load_duration of ${final.load_duration} ns (${seconds(m.loadMs)}) is a real load plus any wait behind another model's load. Once the model is resident, a repeat is a warm run with load_duration close to zero.`,
      },
      {
        text: `Generation ran at ${n(speed)} tokens per second`,
        correct: true,
        explanation: `Tokens per second is eval_count / eval_duration x 1e9 = ${evalCount} / ${final.eval_duration} x 1e9 = ${n(speed)}.`,
      },
      {
        text: `Generation ran at about ${n(naive, 1)} tokens per second, ${evalCount} tokens over the ${seconds(m.totalMs)} total`,
        correct: false,
        explanation: `total_duration also includes the ${seconds(m.loadMs)} load and the ${seconds(m.prefillMs)} prefill; generation speed uses eval_duration only.`,
      },
      {
        text: `The wait before the first word was roughly ${seconds(wait)}, mostly loading plus prefill`,
        correct: true,
        explanation: `Time to first word is roughly load_duration plus prompt_eval_duration: ${seconds(m.loadMs)} + ${seconds(m.prefillMs)}.`,
      },
      {
        text: "The fair single speed figure to report is the average of this run and a warm one",
        correct: false,
        explanation:
          "Cold and warm should be reported separately: a long load is fine for a batch job and poor for a button clicked once a day, and an average hides that.",
      },
      {
        text: `A load_duration of ${seconds(m.loadMs)} would show by itself that the model had not been loaded before`,
        correct: false,
        explanation:
          "load_duration also counts time queued behind another model's load, so its size does not tell cold from warm. /api/ps before the request does; here the lab's unload settles it.",
      },
    ]),
  };
};

const familyModel: Record<VisionFamily, string> = { "qwen2.5-vl": "qwen2.5vl:7b", "qwen3-vl": "qwen3-vl:8b-instruct" };

/** A bigger screenshot on a warm model: image tokens are prefill (lib/images/tokens, llama-server and Go rules). */
const prefillGrowth: Generator = (random) => {
  const family = pick(random, ["qwen2.5-vl", "qwen3-vl"] as const);
  const [sw, sh] = pick(random, [
    [1024, 576],
    [960, 540],
    [800, 600],
    [1024, 640],
  ] as const);
  const [bw, bh] = pick(random, [
    [1920, 1080],
    [2560, 1440],
    [1920, 1200],
  ] as const);
  const small = expectedImageTokens(sw, sh, family, "llama-server");
  const big = expectedImageTokens(bw, bh, family, "llama-server");
  const goSmall = expectedImageTokens(sw, sh, family, "go");
  const goBig = expectedImageTokens(bw, bh, family, "go");
  const rise = big - small;
  const goRise = goBig - goSmall;
  const round100 = (x: number) => Math.round(x / 100) * 100;
  const goOption =
    round100(goRise) !== round100(rise)
      ? {
          text: `prompt_eval_count rises by about ${n(round100(goRise))} (${n(goSmall)} to ${n(goBig)} image tokens), and the prefill takes longer`,
          correct: false,
          explanation: `Those are the Go engine's counts (Ollama 0.13.4 to 0.24). On 0.32, the llama.cpp engine, every Qwen-VL image costs 1,024 to 4,096 tokens, so the counts are ${n(small)} and ${n(big)}. This is why every measurement needs the Ollama version next to it.`,
        }
      : {
          text: "prompt_eval_count stays the same, since the model reads an image through a fixed number of tokens",
          correct: false,
          explanation: `The number of image tokens depends on the image's size: on Ollama 0.32 about ${n(small)} for the small screenshot and ${n(big)} for the big one.`,
        };
  return {
    prompt: `${familyModel[family]} is already warm on Ollama 0.32 (the llama.cpp engine). A student replaces a ${sw}x${sh} screenshot with a ${bw}x${bh} one sent at full size, keeping the same prompt. What should change in the final metrics?`,
    options: lettered([
      {
        text: `prompt_eval_count rises by about ${n(round100(rise))} (about ${n(small)} to ${n(big)} image tokens), and the prefill takes longer`,
        correct: true,
        explanation: `On Ollama 0.30 and later the ${sw}x${sh} image costs about ${n(small)} tokens (never fewer than the 1,024-token floor, plus 2) and the ${bw}x${bh} one about ${n(big)}. Image tokens are read in the prefill, so prompt_eval_count and prompt_eval_duration grow and the first word comes later. These are estimates; the lab shows the measured count beside them.`,
      },
      {
        text: "load_duration rises, since a bigger image makes Ollama unload the model and load it again before reading it",
        correct: false,
        explanation: "load_duration measures loading the model, not the image; on a warm run it stays near 0 whatever the image size.",
      },
      {
        text: `eval_count rises by about ${n(round100(rise))}, since the model writes one output token for each block of the image`,
        correct: false,
        explanation: "Image tokens are input read during the prefill, not output; eval_count counts only the tokens the model writes.",
      },
      goOption,
    ]),
  };
};

/** The lab's resize to 1280 px, then the block rule (lib/images/tokens on the llama.cpp engine). */
const resizedTokens: Generator = (random) => {
  const family = pick(random, ["qwen2.5-vl", "qwen3-vl"] as const);
  const other: VisionFamily = family === "qwen2.5-vl" ? "qwen3-vl" : "qwen2.5-vl";
  // Originals whose resize to a 1280 px longest side is exact, as sharp makes it.
  const [ow, oh] = pick(random, [
    [1440, 900],
    [1600, 1000],
    [1920, 1200],
    [2560, 1600],
    [1920, 1080],
    [2560, 1440],
    [1600, 900],
  ] as const);
  const scale = 1280 / Math.max(ow, oh);
  const [w, h] = [Math.round(ow * scale), Math.round(oh * scale)];
  const engine = "llama-server" as const;
  const key = expectedImageTokens(w, h, family, engine);
  const original = expectedImageTokens(ow, oh, family, engine);
  const otherFamily = expectedImageTokens(w, h, other, engine);
  const perPatch = Math.round((w / 14) * (h / 14));
  const block = VISION_FAMILIES[family].factor;
  const candidates = [
    {
      text: `About ${n(original)}`,
      correct: false,
      explanation: `That is the cost of the original ${ow}x${oh} image; it forgets that the lab resizes to ${w}x${h} before any model sees it.`,
    },
    {
      text: `About ${n(otherFamily)}`,
      correct: false,
      explanation: `That uses ${VISION_FAMILIES[other].label}'s ${VISION_FAMILIES[other].factor}x${VISION_FAMILIES[other].factor} blocks; ${VISION_FAMILIES[family].label} uses ${block}x${block} blocks.`,
    },
    {
      text: `About ${n(perPatch)}`,
      correct: false,
      explanation: "That counts one token per 14x14 patch; the merger combines each 2x2 group of patches into one token.",
    },
  ].filter((c, i, all) => c.text !== `About ${n(key)}` && all.findIndex((x) => x.text === c.text) === i);
  return {
    prompt: `A bug report includes a ${ow}x${oh} screenshot. The lab scales it so the longest side is 1280 px (${w}x${h}) and sends it to ${familyModel[family]} on Ollama 0.32 (the llama.cpp engine). About how many image tokens will the model read?`,
    options: lettered([
      {
        text: `About ${n(key)}`,
        correct: true,
        explanation: `${VISION_FAMILIES[family].label} makes one token per ${block}x${block} block: the ${w}x${h} image is rounded to whole blocks and kept between 1,024 and 4,096 tokens on Ollama 0.30 and later, then 2 tokens mark the image's start and end: about ${n(key)}. This is an estimate; the lab shows the count Ollama measured.`,
      },
      ...candidates,
    ]),
  };
};

export const GENERATORS = {
  "gpu-share": gpuShare,
  "metrics-readout": metricsReadout,
  "prefill-growth": prefillGrowth,
  "resized-tokens": resizedTokens,
} as const satisfies Record<string, Generator>;

export type GeneratorName = keyof typeof GENERATORS;
export const GENERATOR_NAMES = Object.keys(GENERATORS) as GeneratorName[];
