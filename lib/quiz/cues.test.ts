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
  hasAbsoluteWord,
  keyLongestVariants,
  type CueSlot,
  type CueVariant,
} from "@/lib/quiz/cues";
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
        ...(slot.alternatives ?? []).map((a) => ({ ...a, kind: a.kind ?? slot.kind, concept: slot.concept, section: slot.section })),
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
});
