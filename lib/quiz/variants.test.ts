import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { formatNumber } from "@/lib/format";
import { expectedImageTokens, visionFamilyOf } from "@/lib/images/tokens";
import { percentOnGpu } from "@/lib/ollama/metrics";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import { GENERATORS, type GeneratorName } from "@/lib/quiz/generators";
import { creditFor, gradeAnswers } from "@/lib/quiz/grading";
import { instantiateQuiz } from "@/lib/quiz/instance";
import { seededRandom } from "@/lib/quiz/shuffle";

const template = getQuizTemplate("local-qwen-vl")!;
const seedArb = fc.stringMatching(/^[0-9a-f]{8,24}$/);
const draw = (name: GeneratorName, seed: string) => GENERATORS[name](seededRandom(seed, "test"));
const num = (text: string) => Number(text.replace(/,/g, ""));
const keyTexts = (item: ReturnType<typeof draw>) => item.options.filter((o) => o.correct).map((o) => o.text);
const familyOfTag = (tag: string) => visionFamilyOf(tag.startsWith("qwen3") ? "qwen3vl" : "qwen25vl")!;

describe("generated quiz items: every key is what the lib functions compute", () => {
  test.prop([seedArb], { numRuns: 200 })("share on the GPU from /api/ps", (seed) => {
    const item = draw("gpu-share", seed);
    const [, size, vram] = /size (\d+) and size_vram (\d+)/.exec(item.prompt)!;
    expect(keyTexts(item)).toEqual([expect.stringContaining(`About ${percentOnGpu(Number(size), Number(vram))}% of it is on the GPU`)]);
  });

  test.prop([seedArb], { numRuns: 200 })("a cold run's metrics", (seed) => {
    const item = draw("metrics-readout", seed);
    const field = (name: string) => Number(new RegExp(`(?<![a-z_])${name} (\\d+)`).exec(item.prompt)![1]);
    const speed = (field("eval_count") / field("eval_duration")) * 1e9;
    const wait = (field("load_duration") + field("prompt_eval_duration")) / 1e9;
    const byText = (re: RegExp) => item.options.find((o) => re.test(o.text))!;
    expect(byText(/^Generation ran at \d+ tokens per second$/)).toMatchObject({
      text: `Generation ran at ${formatNumber(speed)} tokens per second`,
      correct: true,
    });
    expect(byText(/over the/).correct).toBe(false);
    expect(byText(/wait before the first word/)).toMatchObject({
      text: expect.stringContaining(`${formatNumber(wait, 1)} s`),
      correct: true,
    });
    expect(byText(/cold start/).correct).toBe(true);
    // Cold is known from the lab's unload ("Measure a cold start" in the stem), never from load_duration's size.
    expect(item.prompt).toContain("'Measure a cold start' ticked");
    expect(byText(/would show by itself/).correct).toBe(false);
  });

  test.prop([seedArb], { numRuns: 200 })("a bigger screenshot's prefill on the llama.cpp engine", (seed) => {
    const item = draw("prefill-growth", seed);
    const [, tag, sw, sh, bw, bh] = /^(\S+) is already warm .* a (\d+)x(\d+) screenshot with a (\d+)x(\d+) one/.exec(item.prompt)!;
    const family = familyOfTag(tag!);
    const small = expectedImageTokens(num(sw!), num(sh!), family, "llama-server");
    const big = expectedImageTokens(num(bw!), num(bh!), family, "llama-server");
    expect(keyTexts(item)).toEqual([expect.stringContaining(`about ${formatNumber(small)} to ${formatNumber(big)} image tokens`)]);
  });

  test.prop([seedArb], { numRuns: 200 })("a screenshot resized to 1280 px", (seed) => {
    const item = draw("resized-tokens", seed);
    const [, , , w, h, tag] = /a (\d+)x(\d+) screenshot\. .*\((\d+)x(\d+)\) and sends it to (\S+) on/.exec(item.prompt)!;
    const key = expectedImageTokens(num(w!), num(h!), familyOfTag(tag!), "llama-server");
    expect(keyTexts(item)).toEqual([`About ${formatNumber(key)}`]);
  });

  test.prop([seedArb], { numRuns: 100 })(
    "every drawn item is well formed: distinct options, the right number of keys, no key standing out by length",
    (seed) => {
      for (const name of Object.keys(GENERATORS) as GeneratorName[]) {
        const item = draw(name, seed);
        const texts = item.options.map((o) => o.text);
        expect(new Set(texts).size, name).toBe(texts.length);
        expect(texts.length, name).toBeGreaterThanOrEqual(3);
        const keys = item.options.filter((o) => o.correct);
        const slot = template.questions.find((q) => q.generator === name)!;
        if (slot.kind === "single") expect(keys, name).toHaveLength(1);
        const longestDistractor = Math.max(...item.options.filter((o) => !o.correct).map((o) => o.text.length));
        for (const k of keys) expect(k.text.length, `${name}: ${k.text}`).toBeLessThanOrEqual(longestDistractor * 1.5);
        for (const o of item.options) expect(o.explanation.length, name).toBeGreaterThan(20);
      }
    },
  );
});

describe("attempts are different quizzes on the same concepts", () => {
  it("a retake shows every slot with alternatives in its next variant, and new numbers in generated slots", () => {
    const first = instantiateQuiz(template, { seed: "1111aaaa", rotation: 0 });
    const second = instantiateQuiz(template, { seed: "2222bbbb", rotation: 1 });
    expect(first.questions.map((q) => q.concept)).toEqual(second.questions.map((q) => q.concept));
    for (const slot of template.questions) {
      const a = first.questions.find((q) => q.id === slot.id)!;
      const b = second.questions.find((q) => q.id === slot.id)!;
      if (slot.generator || slot.alternatives.length) expect(a.prompt, slot.id).not.toBe(b.prompt);
    }
    // Every slot without a generator has at least one alternative.
    expect(template.questions.filter((q) => !q.generator && !q.alternatives.length).map((q) => q.id)).toEqual([]);
  });

  it("the first attempt shows each slot's first variant; the same seed and rotation always give the same quiz", () => {
    const a = instantiateQuiz(template, { seed: "abcdef01", rotation: 0 });
    expect(a.questions.filter((q) => !template.questions.find((s) => s.id === q.id)!.generator).every((q) => q.variantId === q.id)).toBe(
      true,
    );
    expect(instantiateQuiz(template, { seed: "abcdef01", rotation: 3 })).toEqual(
      instantiateQuiz(template, { seed: "abcdef01", rotation: 3 }),
    );
  });

  it("a review set is the chosen slots only, in order", () => {
    const review = instantiateQuiz(template, { seed: "abcdef01", rotation: 2, slots: ["licences-per-size", "gpu-share-from-api-ps"] });
    expect(review.questions.map((q) => q.id)).toEqual(["licences-per-size", "gpu-share-from-api-ps"]);
  });
});

describe("partial credit on multiple select", () => {
  it("is right picks minus wrong picks over the right options, never below zero", () => {
    expect(creditFor("multiple", 2, 0, 3)).toBeCloseTo(2 / 3);
    expect(creditFor("multiple", 2, 1, 2)).toBe(0.5);
    expect(creditFor("multiple", 1, 3, 2)).toBe(0);
    expect(creditFor("multiple", 3, 0, 3)).toBe(1);
    expect(creditFor("single", 1, 0, 1)).toBe(1);
    expect(creditFor("single", 0, 1, 1)).toBe(0);
  });

  it("adds into the score and the concept, and ticking every box earns nothing", () => {
    const quiz = instantiateQuiz(template, { seed: "abcdef01", rotation: 0 });
    const multi = quiz.questions.find((q) => q.kind === "multiple" && q.options.filter((o) => o.correct).length >= 2)!;
    const right = multi.options.filter((o) => o.correct).map((o) => o.id);
    const half = gradeAnswers(quiz, { [multi.id]: right.slice(0, 1) });
    const graded = half.questions.find((q) => q.questionId === multi.id)!;
    expect(graded.credit).toBeCloseTo(1 / right.length, 2);
    expect(graded.isCorrect).toBe(false);
    expect(half.score).toBeCloseTo(1 / right.length, 2);
    expect(half.concepts[multi.concept]!.correct).toBeCloseTo(1 / right.length, 2);
    const everything = gradeAnswers(quiz, { [multi.id]: multi.options.map((o) => o.id) });
    expect(everything.questions.find((q) => q.questionId === multi.id)!.credit).toBe(
      Math.max(0, right.length - (multi.options.length - right.length)) / right.length,
    );
  });
});

describe("a generated slot's written example is one of its draws", () => {
  // The example is what the tutor and old attempts read: it must say what the generator would.
  for (const slot of template.questions.filter((s) => s.generator)) {
    it(`${slot.id} (${slot.generator})`, () => {
      const example = slot;
      let found: ReturnType<typeof draw> | undefined;
      for (let i = 0; i < 5000 && !found; i++) {
        const item = draw(slot.generator as GeneratorName, `example-${i}`);
        if (item.prompt === example.prompt) found = item;
      }
      expect(found, "no draw asks the written prompt").toBeDefined();
      const sorted = (options: { text: string; correct: boolean }[]) => options.map((o) => `${o.correct} ${o.text}`).sort();
      expect(sorted(example.options)).toEqual(sorted(found!.options));
    });
  }
});
