import { GENERATORS, type GeneratorName } from "@/lib/quiz/generators";
import type { Quiz, QuizQuestion, QuizSlot, QuizTemplate } from "@/lib/quiz/schema";
import { seededRandom } from "@/lib/quiz/shuffle";

// The quiz one attempt shows: for every slot (or a review's few), one variant. A generated slot
// draws its numbers from the attempt's seed. An account's attempt names the variant of each slot it
// asks (chosen by lib/quiz/draw.ts: the one the student has seen least); attempts written before
// that (format 2) showed variant number `rotation`, cycling over the variants that existed then.
// Guests practise on every variant but the first: what a guest's results reveal is never what an
// account's first attempt asks (its generated numbers come from a seed that never leaves the
// server). Pure and deterministic.

export type InstanceOptions = {
  seed: string;
  /** the attempt's place among the student's attempts at this quiz (0 for the first) */
  rotation: number;
  /** only these slots, in this order (a review set); default: every slot */
  slots?: readonly string[];
  /** the variant ids to ask, in order (slots follow from them); overrides `slots` and `rotation`'s choice */
  variants?: readonly string[];
  /** rotate only over the variants attempts of this format could ask (older attempts, read again) */
  upToFormat?: number;
  /** generated slots show the file's own worked example instead of drawn numbers (for the tutor, docs) */
  examples?: boolean;
  /** guests never see a slot's first variant (the one an account's first attempt shows) */
  audience?: "account" | "guest";
};

export function variantCount(slot: QuizSlot): number {
  return slot.generator ? Infinity : 1 + slot.alternatives.length;
}

/** A slot's variants in file order: its own fields first, then its alternatives. */
export function slotVariants(slot: QuizSlot, upToFormat = Infinity) {
  const alternatives = slot.alternatives.filter((a) => (a.since ?? 0) <= upToFormat);
  return [{ id: slot.id, kind: slot.kind, prompt: slot.prompt, options: slot.options }, ...alternatives];
}

/** The slot a variant id belongs to (a slot's own id names its first variant). */
export function slotOfVariant(template: QuizTemplate, variantId: string): QuizSlot | undefined {
  return template.questions.find((q) => q.id === variantId || q.alternatives.some((a) => a.id === variantId));
}

/** Which of `count` variants an attempt at `rotation` shows. */
export function variantIndex(count: number, rotation: number, audience: "account" | "guest" = "account"): number {
  const cycle = (n: number) => ((rotation % n) + n) % n;
  return audience === "guest" && count > 1 ? 1 + cycle(count - 1) : cycle(count);
}

export function instantiateSlot(
  slot: QuizSlot,
  { seed, rotation, examples = false, audience = "account", upToFormat }: Omit<InstanceOptions, "slots" | "variants">,
  variantId?: string,
): QuizQuestion {
  const base = { id: slot.id, concept: slot.concept, section: slot.section };
  if (slot.generator && !examples) {
    const generate = GENERATORS[slot.generator as GeneratorName];
    if (!generate) throw new Error(`unknown quiz generator "${slot.generator}" in slot ${slot.id}`);
    const drawn = generate(seededRandom(seed, `generator:${slot.id}`));
    return { ...base, variantId: `${slot.id}-drawn`, kind: slot.kind, prompt: drawn.prompt, options: drawn.options };
  }
  const variants = slotVariants(slot, upToFormat);
  const named = variantId === undefined ? undefined : variants.find((v) => v.id === variantId);
  if (variantId !== undefined && !named) throw new Error(`no variant ${variantId} in slot ${slot.id}`);
  const chosen = named ?? variants[variantIndex(variants.length, rotation, audience)]!;
  return { ...base, variantId: chosen.id, kind: chosen.kind ?? slot.kind, prompt: chosen.prompt, options: chosen.options };
}

export function instantiateQuiz(template: QuizTemplate, options: InstanceOptions): Quiz {
  if (options.variants) {
    const questions = options.variants.map((id) => {
      const slot = slotOfVariant(template, id);
      if (!slot) throw new Error(`no variant ${id} in the quiz for ${template.lesson}`);
      return instantiateSlot(slot, options, id);
    });
    return { lesson: template.lesson, title: template.title, questions };
  }
  const slots = options.slots
    ? options.slots.map((id) => {
        const slot = template.questions.find((q) => q.id === id);
        if (!slot) throw new Error(`no slot ${id} in the quiz for ${template.lesson}`);
        return slot;
      })
    : template.questions;
  return { lesson: template.lesson, title: template.title, questions: slots.map((slot) => instantiateSlot(slot, options)) };
}
