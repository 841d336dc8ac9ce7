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

/** Attempts written since quiz variants (every later attempt); older ones showed each slot's first variant and worked examples. */
export const VARIANT_FORMAT = 2;

/** What an attempt row holds that decides its questions. */
export type AttemptDraw = { id?: string; seed: string; rotation: number; format: number; slots: string | null };

const slotsSchema = z.array(z.string());

/** The questions an attempt showed: its seed, its rotation and, for a review, its slots. */
export function attemptQuiz(template: QuizTemplate, attempt: AttemptDraw): Quiz {
  const slots = readJsonColumn(slotsSchema, attempt.slots, `attempt ${attempt.id ?? "?"} slots`) ?? undefined;
  return attempt.format >= VARIANT_FORMAT
    ? instantiateQuiz(template, { seed: attempt.seed, rotation: attempt.rotation, slots })
    : instantiateQuiz(template, { seed: attempt.seed, rotation: 0, examples: true, slots });
}

/** The questions a guest's attempt shows (lib/quiz/instance.ts: never a slot's first variant). */
export function guestQuiz(template: QuizTemplate, attempt: GuestAttempt): Quiz {
  return instantiateQuiz(template, { seed: attempt.seed, rotation: attempt.rotation, audience: "guest" });
}

/**
 * A seed whose drawn numbers differ from the previous attempt's in every generated question: a
 * generator has a handful of sizes and models to draw from, so two seeds can draw the same ones
 * (about one retake in ten for some slot), and a retake must be a different quiz.
 */
export function seedUnlike(template: QuizTemplate, rotation: number, previous: AttemptDraw | null): string {
  if (!previous) return newSeed();
  const before = new Set(attemptQuiz(template, previous).questions.map((q) => q.prompt));
  let seed = newSeed();
  for (let tries = 0; tries < 20; tries++) {
    const drawn = attemptQuiz(template, { ...previous, seed, rotation, format: VARIANT_FORMAT, slots: null });
    const generated = drawn.questions.filter((q) => template.questions.find((s) => s.id === q.id)?.generator);
    if (generated.every((q) => !before.has(q.prompt))) break;
    seed = newSeed();
  }
  return seed;
}

/** An attempt's stored answer rows as a sheet of canonical option ids. */
export function sheetOf(answers: { questionId: string; optionIds: string }[]): AnswerSheet {
  return Object.fromEntries(
    answers.map((a) => [a.questionId, readJsonColumn(chosenOptionIdsSchema, a.optionIds, `answer ${a.questionId}`) ?? []]),
  );
}
