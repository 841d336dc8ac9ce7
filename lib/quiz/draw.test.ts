import { describe, expect, it } from "vitest";
import { attemptQuiz, seedUnlike, VARIANT_FORMAT } from "@/lib/quiz/attempt-quiz";
import { chooseVariants, describeRetakes, fewestVersions, seenIn, type SeenAttempt } from "@/lib/quiz/draw";
import { instantiateQuiz, slotVariants } from "@/lib/quiz/instance";
import type { Quiz, QuizSlot, QuizTemplate } from "@/lib/quiz/schema";
import { getQuizTemplate } from "@/lib/quiz/server/content";

const template = getQuizTemplate("local-qwen-vl")!;

/** A student's attempts one after another, each drawn as the data layer draws it. */
function takeAttempts(count: number, slotsOf: (i: number) => readonly QuizSlot[] = () => template.questions): Quiz[] {
  const taken: Quiz[] = [];
  for (let i = 0; i < count; i++) {
    const variants = chooseVariants(slotsOf(i), taken.map(seenIn));
    const seen = new Map(taken.flatMap((q, at) => q.questions.map((x) => [x.prompt, at] as const)));
    const seed = seedUnlike(template, variants, seen);
    taken.push(attemptQuiz(template, { seed, rotation: i, format: VARIANT_FORMAT, slots: JSON.stringify(variants) }));
  }
  return taken;
}

describe("each retake asks the versions the student has seen least", () => {
  it("three attempts: no stem of attempt 1 comes back in attempt 2 or 3 where a third version exists", () => {
    for (let run = 0; run < 5; run++) {
      const [first, second, third] = takeAttempts(3);
      const firstStems = new Set(first!.questions.map((q) => q.prompt));
      for (const later of [second!, third!])
        for (const q of later.questions) {
          const slot = template.questions.find((s) => s.id === q.id)!;
          if (slot.generator || slotVariants(slot).length >= 3) expect(firstStems.has(q.prompt), `${q.id}: ${q.prompt}`).toBe(false);
        }
      // Attempts 2 and 3 differ from each other too.
      const secondStems = new Set(second!.questions.map((q) => q.prompt));
      expect(third!.questions.filter((q) => secondStems.has(q.prompt)).map((q) => q.id)).toEqual([]);
    }
  });

  it("every slot with written versions has at least three, so two retakes ask nothing seen", () => {
    expect(fewestVersions(template)).toBeGreaterThanOrEqual(3);
  });

  it("a first attempt asks every slot's first version; then unseen ones; then the least recently seen", () => {
    const slot = template.questions.find((s) => !s.generator)!;
    const ids = slotVariants(slot).map((v) => v.id);
    const history: SeenAttempt[] = [];
    const asked: string[] = [];
    for (let i = 0; i < ids.length + 2; i++) {
      const [id] = chooseVariants([slot], history);
      asked.push(id!);
      history.push({ [slot.id]: id! });
    }
    expect(asked.slice(0, ids.length)).toEqual(ids);
    expect(asked.slice(ids.length)).toEqual(ids.slice(0, 2));
  });

  it("counts a spaced review's versions as seen", () => {
    const slot = template.questions.find((s) => !s.generator)!;
    const ids = slotVariants(slot).map((v) => v.id);
    // A quiz asked the first version, a review the second: the retake asks the third.
    expect(chooseVariants([slot], [{ [slot.id]: ids[0]! }, { [slot.id]: ids[1]! }])).toEqual([ids[2]]);
    // Seen once each, the second twice: the least seen wins over the least recent.
    const history = [{ [slot.id]: ids[1]! }, { [slot.id]: ids[0]! }, { [slot.id]: ids[2]! }, { [slot.id]: ids[1]! }];
    expect(chooseVariants([slot], history)).toEqual([ids[0]]);
  });

  it("a generated slot keeps its id: its numbers come from the seed, drawn unlike every stem seen", () => {
    const generated = template.questions.filter((s) => s.generator);
    expect(chooseVariants(generated, [])).toEqual(generated.map((s) => s.id));
    const [a, b, c] = takeAttempts(3, () => generated);
    const before = new Set([...a!.questions, ...b!.questions].map((q) => q.prompt));
    expect(c!.questions.filter((q) => before.has(q.prompt))).toEqual([]);
  });
});

describe("older attempts read back as they were", () => {
  const slot: QuizSlot = {
    id: "one",
    kind: "single",
    prompt: "First?",
    concept: "c",
    section: "s",
    options: [
      { id: "a", text: "yes", correct: true, explanation: "because it is" },
      { id: "b", text: "no", correct: false, explanation: "because it is not" },
    ],
    alternatives: [
      {
        id: "two",
        prompt: "Second?",
        options: [
          { id: "a", text: "yes", correct: true, explanation: "because it is" },
          { id: "b", text: "no", correct: false, explanation: "because it is not" },
        ],
      },
      {
        id: "three",
        since: 3,
        prompt: "Third?",
        options: [
          { id: "a", text: "yes", correct: true, explanation: "because it is" },
          { id: "b", text: "no", correct: false, explanation: "because it is not" },
        ],
      },
    ],
  };
  const small: QuizTemplate = { lesson: "l", title: "t", questions: [slot] };

  it("a format-2 attempt rotates over the versions of its time, not one added since", () => {
    const prompt = (rotation: number) => attemptQuiz(small, { seed: "s", rotation, format: 2, slots: null }).questions[0]!.prompt;
    expect([0, 1, 2, 3].map(prompt)).toEqual(["First?", "Second?", "First?", "Second?"]);
  });

  it("a format-3 attempt asks the version it names, and a review the slots it names", () => {
    expect(attemptQuiz(small, { seed: "s", rotation: 0, format: 3, slots: '["three"]' }).questions[0]).toMatchObject({
      id: "one",
      variantId: "three",
    });
    expect(() => instantiateQuiz(small, { seed: "s", rotation: 0, variants: ["four"] })).toThrow(/no variant four/);
  });
});

describe("the intro says what the file makes true", () => {
  it("names the retakes that ask only new versions", () => {
    expect(describeRetakes(template)).toMatch(
      /at least 3 versions, so retakes 1 and 2 ask only new ones unless a spaced review used one up/,
    );
    const two: QuizTemplate = {
      lesson: "l",
      title: "t",
      questions: template.questions.map((q) => ({ ...q, alternatives: q.alternatives.slice(0, 1) })),
    };
    expect(describeRetakes(two)).toMatch(/at least 2 versions, so retake 1 asks only new ones .* the ones you have seen least first\.$/);
    const one: QuizTemplate = { lesson: "l", title: "t", questions: template.questions.map((q) => ({ ...q, alternatives: [] })) };
    expect(describeRetakes(one)).toBe("Retakes may ask questions you have seen before.");
  });
});
