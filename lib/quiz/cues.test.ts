import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CONTENT_DIR, readLessonFile } from "@/lib/content/server/files";
import {
  absoluteShares,
  chanceKeyLongest,
  cueProblems,
  cueVariants,
  generatorCueProblems,
  hasAbsoluteWord,
  keyLongestVariants,
  type CueSlot,
  type CueVariant,
  type DrawnItem,
} from "@/lib/quiz/cues";
import { GENERATORS, type GeneratorName } from "@/lib/quiz/generators";
import { percentOnGpu } from "@/lib/ollama/metrics";
import { seededRandom } from "@/lib/quiz/shuffle";
import { QUIZ_LENGTH, questionSchema, type QuizQuestion } from "@/lib/quiz/schema";

/** A variant whose option texts are given as lengths or strings; the first option is the key unless `key` says otherwise. */
function variant(
  id: string,
  texts: (string | number)[],
  { kind = "single", key = [0] }: { kind?: CueVariant["kind"]; key?: number[] } = {},
) {
  return {
    slotId: id,
    variantId: id,
    kind,
    options: texts.map((t, i) => ({ text: typeof t === "number" ? "x".repeat(t) : t, correct: key.includes(i) })),
  } satisfies CueVariant;
}

describe("hasAbsoluteWord", () => {
  it("finds the listed words as whole words, in any case", () => {
    for (const text of ["It is impossible", "EXACTLY 4 bits", "only hosted", "Always", "never", "all of it", "every size", "any value"])
      expect(hasAbsoluteWord(text), text).toBe(true);
    for (const text of ["nothing changes", "none", "it cannot", "it can't", "it can’t", "guaranteed", "everything", "anything"])
      expect(hasAbsoluteWord(text), text).toBe(true);
  });

  it("ignores the same letters inside other words", () => {
    for (const text of ["Ollama", "small", "allows", "anyone's many", "lonely", "everyday", "company", "cannoteer"])
      expect(hasAbsoluteWord(text), text).toBe(false);
  });
});

describe("length rule: how often the key is the longest option", () => {
  it("allows the count chance predicts, rounded up", () => {
    // 3 items of 4 options: chance 0.75, so 1 key-longest item is allowed.
    const set = [variant("q1", [14, 10, 10, 10]), variant("q2", [10, 14, 10, 10]), variant("q3", [10, 10, 14, 10])];
    expect(chanceKeyLongest(set)).toBeCloseTo(0.75);
    expect(keyLongestVariants(set).map((v) => v.variantId)).toEqual(["q1"]);
    expect(cueProblems(set)).toEqual([]);
  });

  it("reports one key-longest item too many, naming them", () => {
    const set = [variant("q1", [14, 10, 10, 10]), variant("q2", [14, 13, 10, 10]), variant("q3", [10, 10, 14, 10])];
    expect(cueProblems(set)).toEqual([
      "Length cue: the key is strictly the longest option in 2 of 3 single-choice variants; chance predicts 0.75, so at most 1 (q1, q2)",
    ]);
  });

  it("counts only strictly longest keys, and only single-choice variants", () => {
    const set = [
      variant("tie", [14, 14, 10, 10]),
      variant("q2", [14, 10, 10, 10]),
      variant("multi", [30, 10, 10, 10], { kind: "multiple" }),
      variant("multi2", [30, 10, 10, 10], { kind: "multiple" }),
    ];
    expect(chanceKeyLongest(set)).toBeCloseTo(0.5);
    expect(keyLongestVariants(set).map((v) => v.variantId)).toEqual(["q2"]);
    expect(cueProblems(set)).toEqual([]);
  });

  it("measures trimmed text and sums 1 / options for items of different sizes", () => {
    // 1/2 + 1/4 + 1/4 = 1, so exactly 1 is allowed (no rounding up past a whole number).
    const set = [variant("two", ["  short key   ", "a longer one"]), variant("q2", [12, 10, 10, 10]), variant("q3", [12, 10, 10, 10])];
    expect(chanceKeyLongest(set)).toBeCloseTo(1);
    expect(cueProblems(set)).toEqual([
      "Length cue: the key is strictly the longest option in 2 of 3 single-choice variants; chance predicts 1.00, so at most 1 (q2, q3)",
    ]);
  });
});

describe("length rule: no key more than 1.5x the longest distractor", () => {
  it("accepts a key exactly 1.5x the longest distractor", () => {
    const set = [variant("q1", [90, 60, 40, 20]), variant("q2", [10, 60, 40, 20]), variant("q3", [10, 60, 40, 20])];
    expect(cueProblems(set)).toEqual([]);
  });

  it("reports a key over 1.5x, with both lengths and the ratio", () => {
    const set = [variant("q1", [127, 61, 44, 49]), variant("q2", [10, 60, 40, 20]), variant("q3", [10, 60, 40, 20])];
    expect(cueProblems(set)).toEqual(["Length cue: q1: the key (127 chars) is 2.08x the longest distractor (61 chars); at most 1.5x"]);
  });

  it("names an alternative by slot and variant, and leaves multiple-choice keys alone", () => {
    const set = [
      { ...variant("alt-1", [100, 50, 50, 50]), slotId: "slot" },
      variant("m", [200, 50, 50], { kind: "multiple" }),
      variant("q2", [10, 60, 40, 20]),
      variant("q3", [10, 60, 40, 20]),
    ];
    expect(cueProblems(set)).toEqual([
      "Length cue: slot/alt-1: the key (100 chars) is 2.00x the longest distractor (50 chars); at most 1.5x",
    ]);
  });
});

describe("absolute-word rule", () => {
  it("passes when keys carry absolute words as often as distractors", () => {
    const set = [
      variant("q1", ["It never leaves the machine", "It is always faster", "It is cheaper"]),
      variant("q2", ["Every size is Apache-2.0", "Only hosted models", "It is smaller"], { kind: "multiple" }),
    ];
    // distractors 2/4 = 50%; keys 2/2 = 100%
    expect(absoluteShares(set)).toMatchObject({ keysWith: 2, keys: 2, distractorsWith: 2, distractors: 4 });
    expect(cueProblems(set)).toEqual([]);
  });

  it("allows distractors up to keys x 1.5 + 5%", () => {
    // keys 1/5 = 20%, so the limit is 35%; distractors 7/20 = 35%
    const set = [
      variant("a", ["always", "never", "x", "y", "z"]),
      variant("b", ["x", "only", "all", "x", "y"]),
      variant("c", ["x", "any", "every", "x", "y"]),
      variant("d", ["x", "cannot", "x", "y", "z"]),
      variant("e", ["x", "nothing", "y", "z", "w"]),
    ];
    expect(cueProblems(set)).toEqual([]);
  });

  it("reports absolutes reserved for distractors, with the numbers", () => {
    const set = [
      variant("q1", ["It uses some of the GPU", "It is impossible to say", "It never uses the GPU", "About a third"]),
      variant("q2", ["The pixels stay local", "Only hosted models can be injected", "Nothing changes", "It is faster"]),
    ];
    expect(cueProblems(set)).toEqual([
      "Absolute-word cue: 4 of 6 distractors (66.7%) contain an absolute word, against 0 of 2 keys (0.0%); " +
        "distractors may be at most keys x 1.5 + 5% = 5.0%",
    ]);
  });
});

/** A drawn item whose option texts are given as lengths or strings; the first option is the key unless `key` says otherwise. */
function drawn(texts: (string | number)[], key = 0): DrawnItem {
  return { options: texts.map((t, i) => ({ text: typeof t === "number" ? "x".repeat(t) : t, correct: i === key })) };
}

/** 2,000 seeded draws of a generator, the number the content review drew. */
const DRAWS = 2000;
const drawsOf = (name: GeneratorName, salt: string) =>
  Array.from({ length: DRAWS }, (_, i) => GENERATORS[name](seededRandom(`cue-draw-${i}`, salt)));

/**
 * The gpu-share generator's options as they were until 2026-12-07, kept to prove the rules catch it:
 * the key was strictly the longest option, and the only one without "all", "any" or "only", in every draw.
 */
function gpuShareBefore(random: () => number): DrawnItem {
  const between = (min: number, max: number, step: number) => min + Math.floor(random() * (Math.floor((max - min) / step) + 1)) * step;
  const [lo, hi] = [
    [7.2, 8.2],
    [7.4, 8.6],
    [4.4, 5.4],
  ][Math.floor(random() * 3)]!;
  const size = Math.round(between(lo!, hi!, 0.1) * 10) * 100_000_000;
  const card = [2, 3, 4][Math.floor(random() * 3)]!;
  const vram = Math.min(size - 200_000_000, Math.round((card - between(0.3, 0.8, 0.1)) * 10) * 100_000_000);
  const additive = Math.round(((size + vram) / 1e9) * 10) / 10;
  const wrongShare = Math.round((vram / (size + vram)) * 100);
  return drawn([
    `About ${percentOnGpu(size, vram)}% of it is on the GPU and the rest runs on the CPU from system RAM, which explains the slow generation`,
    `It is all on the GPU: size_vram is counted on top of size, so the loaded model takes about ${additive.toFixed(1)} GB in total`,
    `About ${wrongShare}% of it is on the GPU, computed as size_vram / (size + size_vram), and the rest sits in RAM`,
    "It is effectively all on the GPU, since any size_vram above 0 means Ollama uses system RAM only as a cache",
  ]);
}

describe("the rules over a generator's draws", () => {
  it("allow a key that is the longest in the share of draws chance predicts", () => {
    // 4 options, so chance is 25%: 1 draw in 4 may have the longest key.
    const draws = [drawn([14, 10, 10, 10]), drawn([10, 14, 10, 10]), drawn([10, 10, 14, 10]), drawn([10, 10, 10, 14])];
    expect(generatorCueProblems("slot", "single", draws)).toEqual([]);
  });

  it("report a key that is the longest in more draws than chance, and a key over 1.5x in any draw", () => {
    const draws = [drawn([14, 10, 10, 10]), drawn([16, 10, 10, 10]), drawn([10, 14, 10, 10]), drawn([10, 10, 10, 14])];
    expect(generatorCueProblems("slot", "single", draws)).toEqual([
      "Length cue: slot: the key is strictly the longest option in 2 of 4 draws (50.0%); chance predicts 25.0%",
      "Length cue: slot: in 1 of 4 draws the key is more than 1.5x the longest distractor",
    ]);
  });

  it("leave the length of multiple-select keys alone, and count absolute words over every draw", () => {
    const draws = [drawn([30, 10, 10]), drawn(["some", "all of it", "never"]), drawn(["some", "x", "y"])];
    expect(generatorCueProblems("slot", "multiple", draws)).toEqual([
      "Absolute-word cue: slot: over 3 draws, 2 of 6 distractors (33.3%) contain an absolute word, against 0 of 3 keys (0.0%); " +
        "distractors may be at most keys x 1.5 + 5% = 5.0%",
    ]);
  });

  it("catch the gpu-share generator as it was: the key longest in 2,000 of 2,000 draws, absolutes only in distractors", () => {
    const draws = Array.from({ length: DRAWS }, (_, i) => gpuShareBefore(seededRandom(`cue-draw-${i}`, "before")));
    const problems = generatorCueProblems("gpu-share-from-api-ps", "single", draws);
    expect(problems).toContain(
      "Length cue: gpu-share-from-api-ps: the key is strictly the longest option in 2000 of 2000 draws (100.0%); chance predicts 25.0%",
    );
    expect(problems.some((p) => p.startsWith("Absolute-word cue: gpu-share-from-api-ps: over 2000 draws, 4000 of 6000 distractors"))).toBe(
      true,
    );
  });
});

describe("cueVariants", () => {
  it("lists each slot's own text, then its alternatives, which inherit the slot's kind unless they set one", () => {
    const option = (text: string, correct: boolean) => ({ id: "a", text, correct, explanation: "because" });
    const slots: CueSlot[] = [
      {
        id: "s1",
        kind: "single",
        options: [option("k", true), option("d", false)],
        alternatives: [
          { id: "s1-b", options: [option("k2", true), option("d2", false)] },
          { id: "s1-c", kind: "multiple", options: [option("k3", true)] },
        ],
      },
      { id: "s2", kind: "multiple", options: [option("k4", true)] },
    ];
    expect(cueVariants(slots).map((v) => [v.slotId, v.variantId, v.kind, v.options.map((o) => o.text).join()])).toEqual([
      ["s1", "s1", "single", "k,d"],
      ["s1", "s1-b", "single", "k2,d2"],
      ["s1", "s1-c", "multiple", "k3"],
      ["s2", "s2", "multiple", "k4"],
    ]);
  });
});

describe("the shipped quiz: local-qwen-vl", () => {
  type Alternative = { id: string; kind?: QuizQuestion["kind"]; prompt: string; options: QuizQuestion["options"] };
  type Slot = QuizQuestion & { generator?: string; alternatives?: Alternative[] };
  const quiz = parse(readFileSync(path.join(CONTENT_DIR, "quizzes", "local-qwen-vl.yaml"), "utf8")) as { questions: Slot[] };
  const slots = quiz.questions;
  const lesson = readLessonFile(path.join(CONTENT_DIR, "lessons", "local-qwen-vl.mdx"));

  const generators: Record<string, string> = {
    "gpu-share-from-api-ps": "gpu-share",
    "metrics-cold-run-readout": "metrics-readout",
    "bigger-screenshot-prefill": "prefill-growth",
    "image-tokens-resized-screenshot": "resized-tokens",
  };

  it("has 15 slots; the four generator slots name their generator and have no alternatives; every other slot has one", () => {
    expect(slots).toHaveLength(QUIZ_LENGTH);
    for (const slot of slots) {
      if (slot.id in generators) {
        expect(slot.generator, slot.id).toBe(generators[slot.id]);
        expect(slot.alternatives, slot.id).toBeUndefined();
      } else {
        expect(slot.generator, slot.id).toBeUndefined();
        expect(slot.alternatives?.length ?? 0, slot.id).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("uses the lesson's key terms as concepts and its sections as sections", () => {
    const terms = new Set(lesson.concepts.map((c) => c.term));
    const sections = new Set(lesson.headings.filter((h) => h.depth === 2).map((h) => h.id));
    for (const slot of slots) {
      expect(terms, slot.id).toContain(slot.concept);
      expect(sections, slot.id).toContain(slot.section);
    }
  });

  it("makes every variant a valid question with its own id", () => {
    const ids: string[] = [];
    for (const slot of slots) {
      const own = {
        id: slot.id,
        kind: slot.kind,
        prompt: slot.prompt,
        concept: slot.concept,
        section: slot.section,
        options: slot.options,
      };
      for (const v of [
        own,
        // `since` belongs to the file (which attempts may ask it), not to the question shown.
        ...(slot.alternatives ?? []).map((a) => ({
          id: a.id,
          prompt: a.prompt,
          options: a.options,
          kind: a.kind ?? slot.kind,
          concept: slot.concept,
          section: slot.section,
        })),
      ]) {
        ids.push(v.id);
        const result = questionSchema.safeParse(v);
        expect(result.error?.issues ?? [], v.id).toEqual([]);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has no surface cues over all its variants", () => {
    expect(cueProblems(cueVariants(slots))).toEqual([]);
  });

  it("has no surface cues over 2,000 draws of each generated slot", () => {
    for (const [slotId, name] of Object.entries(generators)) {
      const slot = slots.find((s) => s.id === slotId)!;
      expect(generatorCueProblems(slotId, slot.kind, drawsOf(name as GeneratorName, slotId)), slotId).toEqual([]);
    }
  });

  it("no longer gives the gpu-share key away: never the longest option, and no option claims a totality", () => {
    const draws = drawsOf("gpu-share", "gpu-share");
    expect(
      keyLongestVariants(draws.map((d, i) => ({ slotId: "gpu", variantId: String(i), kind: "single" as const, options: d.options }))),
    ).toEqual([]);
    expect(draws.flatMap((d) => d.options).filter((o) => hasAbsoluteWord(o.text))).toEqual([]);
  });

  it("names instruct tags, not the plain qwen3-vl tags the lesson warns against, in every generated item", () => {
    for (const name of Object.values(generators) as GeneratorName[])
      for (const item of drawsOf(name, `tags-${name}`).slice(0, 500)) expect(item.prompt, name).not.toMatch(/qwen3-vl:\d+b(?![\w-])/);
  });
});
