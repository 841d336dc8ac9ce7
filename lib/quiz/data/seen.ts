import "server-only";
import { db } from "@/lib/db";
import { attemptQuiz } from "@/lib/quiz/attempt-quiz";
import { chooseVariants, seenIn, type SeenAttempt } from "@/lib/quiz/draw";
import type { QuizSlot, QuizTemplate } from "@/lib/quiz/schema";

/**
 * What a student's account attempts at a quiz asked so far, quizzes and spaced reviews alike,
 * oldest first: the variant of each slot, and every stem with the latest attempt that showed it. Guest results that joined the account
 * carry no questions, so they count for nothing here.
 */
export async function loadSeen(userId: string, template: QuizTemplate): Promise<{ history: SeenAttempt[]; prompts: Map<string, number> }> {
  const attempts = await db.quizAttempt.findMany({
    where: { userId, lessonSlug: template.lesson, source: "ACCOUNT" },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: { id: true, seed: true, rotation: true, format: true, slots: true },
  });
  const quizzes = attempts.map((a) => attemptQuiz(template, a));
  // Each stem with the place of the latest attempt that showed it (later attempts overwrite).
  const prompts = new Map(quizzes.flatMap((quiz, i) => quiz.questions.map((q) => [q.prompt, i] as const)));
  return { history: quizzes.map(seenIn), prompts };
}

/** The next attempt's variants for these slots, and how many attempts came before it. */
export async function nextVariants(userId: string, template: QuizTemplate, slots: readonly QuizSlot[] = template.questions) {
  const seen = await loadSeen(userId, template);
  return { variants: chooseVariants(slots, seen.history), prompts: seen.prompts, rotation: seen.history.length };
}
