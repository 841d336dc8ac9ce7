// Which questions a stored attempt showed, rebuilt from its seed, rotation and slots, and its
// stored answers read back. Pure: the database and the viewer's public ids stay in data/ and server/.
import { z } from "zod";
import { instantiateQuiz } from "@/lib/quiz/instance";
import type { AnswerSheet } from "@/lib/quiz/grading";
import type { Quiz, QuizTemplate } from "@/lib/quiz/schema";
import { chosenOptionIdsSchema } from "@/lib/quiz/schema";
import type { GuestAttempt } from "@/lib/quiz/server/viewer";
import { newSeed } from "@/lib/quiz/shuffle";
import { readJsonColumn } from "@/lib/json-column";

/**
 * The format new attempts are written in. 1: each slot's first variant and worked examples;
 * 2: variant number `rotation` of each slot; 3: `slots` names the variant each slot asked
 * (lib/quiz/draw.ts chose it), so adding a variant to the file never changes an old attempt.
 */
export const VARIANT_FORMAT = 3;

/** What an attempt row holds that decides its questions. */
export type AttemptDraw = { id?: string; seed: string; rotation: number; format: number; slots: string | null };

const slotsSchema = z.array(z.string());

/** The questions an attempt showed: its seed and, by its format, its variants or its rotation and review slots. */
export function attemptQuiz(template: QuizTemplate, attempt: AttemptDraw): Quiz {
  const listed = readJsonColumn(slotsSchema, attempt.slots, `attempt ${attempt.id ?? "?"} slots`) ?? undefined;
  const { seed, rotation } = attempt;
  if (attempt.format >= 3 && listed) return instantiateQuiz(template, { seed, rotation, variants: listed });
  if (attempt.format >= 2) return instantiateQuiz(template, { seed, rotation, slots: listed, upToFormat: 2 });
  return instantiateQuiz(template, { seed, rotation: 0, examples: true, slots: listed });
}

/** The questions a guest's attempt shows (lib/quiz/instance.ts: never a slot's first variant). */
export function guestQuiz(template: QuizTemplate, attempt: GuestAttempt): Quiz {
  return instantiateQuiz(template, { seed: attempt.seed, rotation: attempt.rotation, audience: "guest" });
}

/**
 * A seed whose drawn numbers repeat no stem the student has seen, or the least recent ones 20 tries
 * find: a generator has a handful of sizes and models to draw from, so two seeds can draw the same
 * ones (about one retake in ten for some slot), and a retake must be a different quiz. `seen` maps a
 * stem to the place (0 for the oldest) of the latest attempt that showed it.
 */
export function seedUnlike(template: QuizTemplate, variants: readonly string[], seen: ReadonlyMap<string, number>): string {
  const generated = variants.filter((id) => template.questions.some((s) => s.id === id && s.generator));
  let best = { seed: newSeed(), cost: Infinity };
  if (!seen.size || !generated.length) return best.seed;
  for (let tries = 0; tries < 20 && best.cost > 0; tries++) {
    const seed = tries === 0 ? best.seed : newSeed();
    const drawn = instantiateQuiz(template, { seed, rotation: 0, variants: generated });
    // A repeat of a recent attempt's stem costs more than one of an old attempt's.
    const cost = drawn.questions.reduce((sum, q) => sum + (seen.has(q.prompt) ? 1 + seen.get(q.prompt)! : 0), 0);
    if (cost < best.cost) best = { seed, cost };
  }
  return best.seed;
}

/** An attempt's stored answer rows as a sheet of canonical option ids. */
export function sheetOf(answers: { questionId: string; optionIds: string }[]): AnswerSheet {
  return Object.fromEntries(
    answers.map((a) => [a.questionId, readJsonColumn(chosenOptionIdsSchema, a.optionIds, `answer ${a.questionId}`) ?? []]),
  );
}
