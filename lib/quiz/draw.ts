import { slotVariants } from "@/lib/quiz/instance";
import type { Quiz, QuizSlot, QuizTemplate } from "@/lib/quiz/schema";

// Which version of each slot a student's next attempt (or spaced review) asks. The quiz intro
// promises new questions on each retake, so every slot asks the version this student has seen
// least, then the one seen least recently, then the file's order: no version comes back while an
// unseen one exists, and a first attempt asks every slot's first version (the one guests never
// practise on). Pure: the data layer hands in what earlier attempts showed.

/** What one earlier attempt asked: slot id -> variant id. Oldest attempt first in a history. */
export type SeenAttempt = Readonly<Record<string, string>>;

/** The variant ids an attempt showed, per slot. */
export function seenIn(quiz: Quiz): SeenAttempt {
  return Object.fromEntries(quiz.questions.map((q) => [q.id, q.variantId ?? q.id]));
}

/** For each slot, in order, the variant id to ask next (a generated slot's own id: its numbers come from the seed). */
export function chooseVariants(slots: readonly QuizSlot[], history: readonly SeenAttempt[]): string[] {
  return slots.map((slot) => {
    if (slot.generator) return slot.id;
    const ranked = slotVariants(slot).map((variant, order) => {
      let count = 0;
      let last = -1;
      history.forEach((attempt, i) => {
        if (attempt[slot.id] === variant.id) {
          count++;
          last = i;
        }
      });
      return { id: variant.id, count, last, order };
    });
    ranked.sort((a, b) => a.count - b.count || a.last - b.last || a.order - b.order);
    return ranked[0]!.id;
  });
}

/** The fewest versions any slot with written versions has (generated slots draw new numbers each time). */
export function fewestVersions(template: QuizTemplate): number {
  const counts = template.questions.filter((q) => !q.generator).map((q) => slotVariants(q).length);
  return counts.length ? Math.min(...counts) : Infinity;
}

/** The quiz intro's sentence about retakes, true of this file. */
export function describeRetakes(template: QuizTemplate): string {
  const fewest = fewestVersions(template);
  if (fewest === Infinity) return "Each retake draws new numbers for every question.";
  if (fewest < 2) return "Retakes may ask questions you have seen before.";
  const fresh = fewest - 1;
  const which = fresh === 1 ? "retake 1 asks" : fresh === 2 ? "retakes 1 and 2 ask" : `retakes 1 to ${fresh} ask`;
  return (
    "Each retake asks, for every question, a version you have not seen while one is left, with new numbers where a question has them: " +
    `every question has at least ${fewest} versions, so ${which} only new ones unless a spaced review used one up. ` +
    "After that versions come round again, the ones you have seen least first."
  );
}
