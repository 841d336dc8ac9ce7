import type { QuizQuestion } from "@/lib/quiz/schema";

// Surface cues: ways a test-wise student can pick the key without knowing the subject. Two rules,
// applied to every variant a student can be shown (each slot's own text, every alternative, and the
// static example text of a generator slot), and again to many draws of each generator
// (generatorCueProblems): a generator's option templates repeat in every draw, so a cue in them is a
// cue in every quiz that draws it. Pure: no file access, no schema parsing.
//
//   Length. Writers tend to make the key the longest, most careful option. Over all single-choice
//   variants, the number in which the key is strictly the longest option may not exceed what chance
//   predicts (the sum of 1 / number-of-options), rounded up; and no single-choice key may be more
//   than 1.5 times the length of its longest distractor.
//
//   Absolutes. Writers tend to put "always", "never", "only" in wrong options and hedge the right
//   ones. The share of distractors with an absolute word may not exceed the share of keys with one
//   times 1.5, plus 0.05.

type QuizOption = QuizQuestion["options"][number];

/** One variant of one slot, as the cue rules need it. */
export type CueVariant = {
  slotId: string;
  variantId: string;
  kind: QuizQuestion["kind"];
  options: Pick<QuizOption, "text" | "correct">[];
};

/** Words that claim certainty or totality. Matched as whole words, case-insensitively. */
export const ABSOLUTE_WORDS = [
  "impossible",
  "exactly",
  "only",
  "always",
  "never",
  "all",
  "every",
  "everything",
  "any",
  "anything",
  "nothing",
  "none",
  "cannot",
  "can't",
  "guaranteed",
] as const;

const ABSOLUTE_RE = new RegExp(`(?<![\\w'])(?:${ABSOLUTE_WORDS.map((w) => w.replace("'", "['’]")).join("|")})(?![\\w'])`, "i");

/** Whether a text contains one of ABSOLUTE_WORDS. */
export function hasAbsoluteWord(text: string): boolean {
  return ABSOLUTE_RE.test(text);
}

/** The most a key may be, relative to the longest distractor of its variant. */
export const MAX_KEY_TO_DISTRACTOR_LENGTH = 1.5;

const length = (text: string) => text.trim().length;
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const label = (v: CueVariant) => (v.variantId === v.slotId ? v.slotId : `${v.slotId}/${v.variantId}`);

/** Single-choice variants in which the key is strictly longer than every distractor. */
export function keyLongestVariants(variants: readonly CueVariant[]): CueVariant[] {
  return variants.filter((v) => {
    if (v.kind !== "single") return false;
    const key = v.options.find((o) => o.correct);
    const distractors = v.options.filter((o) => !o.correct);
    return key !== undefined && distractors.length > 0 && distractors.every((d) => length(key.text) > length(d.text));
  });
}

/** How many single-choice variants would have the longest key by chance: the sum of 1 / options. */
export function chanceKeyLongest(variants: readonly CueVariant[]): number {
  return variants.filter((v) => v.kind === "single" && v.options.length > 0).reduce((sum, v) => sum + 1 / v.options.length, 0);
}

/** Share of keys and of distractors (over all variants, both kinds) that contain an absolute word. */
export function absoluteShares(variants: readonly CueVariant[]) {
  const options = variants.flatMap((v) => v.options);
  const keys = options.filter((o) => o.correct);
  const distractors = options.filter((o) => !o.correct);
  const keysWith = keys.filter((o) => hasAbsoluteWord(o.text)).length;
  const distractorsWith = distractors.filter((o) => hasAbsoluteWord(o.text)).length;
  return {
    keys: keys.length,
    keysWith,
    keyShare: keys.length ? keysWith / keys.length : 0,
    distractors: distractors.length,
    distractorsWith,
    distractorShare: distractors.length ? distractorsWith / distractors.length : 0,
  };
}

/** Every surface-cue problem in a set of variants, as sentences for a content author; empty when fine. */
export function cueProblems(variants: readonly CueVariant[]): string[] {
  const problems: string[] = [];
  const singles = variants.filter((v) => v.kind === "single");

  const longest = keyLongestVariants(variants);
  const chance = chanceKeyLongest(variants);
  const allowed = Math.ceil(chance - 1e-9);
  if (longest.length > allowed)
    problems.push(
      `Length cue: the key is strictly the longest option in ${longest.length} of ${singles.length} single-choice variants; ` +
        `chance predicts ${chance.toFixed(2)}, so at most ${allowed} (${longest.map(label).join(", ")})`,
    );

  for (const v of singles) {
    const key = v.options.find((o) => o.correct);
    const distractors = v.options.filter((o) => !o.correct);
    if (!key || distractors.length === 0) continue;
    const longestDistractor = Math.max(...distractors.map((d) => length(d.text)));
    const ratio = longestDistractor > 0 ? length(key.text) / longestDistractor : Infinity;
    if (ratio > MAX_KEY_TO_DISTRACTOR_LENGTH)
      problems.push(
        `Length cue: ${label(v)}: the key (${length(key.text)} chars) is ${ratio.toFixed(2)}x the longest distractor ` +
          `(${longestDistractor} chars); at most ${MAX_KEY_TO_DISTRACTOR_LENGTH}x`,
      );
  }

  const s = absoluteShares(variants);
  const limit = s.keyShare * 1.5 + 0.05;
  if (s.distractorShare > limit + 1e-9)
    problems.push(
      `Absolute-word cue: ${s.distractorsWith} of ${s.distractors} distractors (${percent(s.distractorShare)}) contain an absolute word, ` +
        `against ${s.keysWith} of ${s.keys} keys (${percent(s.keyShare)}); distractors may be at most keys x 1.5 + 5% = ${percent(limit)}`,
    );

  return problems;
}

/** A quiz slot as the quiz file holds it: its own variant, any alternatives, maybe a generator. */
export type CueSlot = Pick<QuizQuestion, "id" | "kind" | "options"> & {
  alternatives?: readonly { id: string; kind?: QuizQuestion["kind"]; options: readonly Pick<QuizOption, "text" | "correct">[] }[];
};

/** Every variant of every slot: the slot's own text first (its variantId is the slot id), then its alternatives. */
export function cueVariants(slots: readonly CueSlot[]): CueVariant[] {
  return slots.flatMap((slot) => [
    { slotId: slot.id, variantId: slot.id, kind: slot.kind, options: slot.options },
    ...(slot.alternatives ?? []).map((alt) => ({
      slotId: slot.id,
      variantId: alt.id,
      kind: alt.kind ?? slot.kind,
      options: [...alt.options],
    })),
  ]);
}

/** One drawn item of a generated slot, as the cue rules need it. */
export type DrawnItem = { options: readonly Pick<QuizOption, "text" | "correct">[] };

/**
 * The cue rules over many draws of one generated slot (a few hundred to a few thousand seeded draws).
 * Length: the share of draws in which the key is strictly the longest option may not exceed the share
 * chance predicts (the mean of 1 / number-of-options), and no draw's key may be more than 1.5 times
 * its longest distractor. Absolutes: over all the draws' options, as for authored items. Empty when fine.
 */
export function generatorCueProblems(slotId: string, kind: QuizQuestion["kind"], draws: readonly DrawnItem[]): string[] {
  const problems: string[] = [];
  const variants: CueVariant[] = draws.map((d, i) => ({ slotId, variantId: `draw ${i + 1}`, kind, options: [...d.options] }));
  if (kind === "single" && variants.length) {
    const longest = keyLongestVariants(variants).length;
    const chanceShare = chanceKeyLongest(variants) / variants.length;
    if (longest / variants.length > chanceShare + 1e-9)
      problems.push(
        `Length cue: ${slotId}: the key is strictly the longest option in ${longest} of ${variants.length} draws (${percent(longest / variants.length)}); ` +
          `chance predicts ${percent(chanceShare)}`,
      );
    const tooLong = variants.filter((v) => {
      const key = v.options.find((o) => o.correct);
      const distractors = v.options.filter((o) => !o.correct);
      if (!key || distractors.length === 0) return false;
      return length(key.text) > MAX_KEY_TO_DISTRACTOR_LENGTH * Math.max(...distractors.map((d) => length(d.text)));
    });
    if (tooLong.length)
      problems.push(
        `Length cue: ${slotId}: in ${tooLong.length} of ${variants.length} draws the key is more than ${MAX_KEY_TO_DISTRACTOR_LENGTH}x the longest distractor`,
      );
  }
  const a = absoluteShares(variants);
  const limit = a.keyShare * 1.5 + 0.05;
  if (a.distractorShare > limit + 1e-9)
    problems.push(
      `Absolute-word cue: ${slotId}: over ${variants.length} draws, ${a.distractorsWith} of ${a.distractors} distractors (${percent(a.distractorShare)}) contain an absolute word, ` +
        `against ${a.keysWith} of ${a.keys} keys (${percent(a.keyShare)}); distractors may be at most keys x 1.5 + 5% = ${percent(limit)}`,
    );
  return problems;
}
