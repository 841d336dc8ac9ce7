import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import type { Quiz, QuizQuestion } from "@/lib/quiz/schema";
import { AppError } from "@/lib/app-error";

// What the browser may see of a quiz before grading: no `correct`, no explanations, and option
// ids that do not reveal the authored order (the key would otherwise leak through "a", "b"…).

export type PublicOption = { id: string; text: string };
export type PublicQuestion = {
  id: string;
  number: number;
  kind: "single" | "multiple";
  prompt: string;
  concept: string;
  options: PublicOption[];
};
export type PublicQuiz = { lesson: string; title: string; questions: PublicQuestion[] };

export function publicOptionId(lesson: string, questionId: string, optionId: string): string {
  return createHmac("sha256", env.AUTH_SECRET).update(`quiz-option:${lesson}:${questionId}:${optionId}`).digest("base64url").slice(0, 12);
}

export function toPublicQuiz(quiz: Quiz): PublicQuiz {
  return {
    lesson: quiz.lesson,
    title: quiz.title,
    questions: quiz.questions.map((q, index) => ({
      id: q.id,
      number: index + 1,
      kind: q.kind,
      prompt: q.prompt,
      concept: q.concept,
      // Sorted by the opaque id: a fixed order unrelated to the authored one. Each attempt then
      // shuffles it with its own seed.
      options: q.options
        .map((o) => ({ id: publicOptionId(quiz.lesson, q.id, o.id), text: o.text }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    })),
  };
}

export class StaleQuizError extends AppError {
  constructor() {
    super(
      "STALE_QUIZ",
      "This quiz changed since the page was loaded, or the answer was altered. Reload the quiz to continue; your saved answers are kept.",
      { status: 409 },
    );
  }
}

/** Public option ids back to the authored ids; anything unknown means a stale or tampered page. */
export function toCanonicalOptions(quiz: Quiz, question: QuizQuestion, publicIds: readonly string[]): string[] {
  const byPublic = new Map(question.options.map((o) => [publicOptionId(quiz.lesson, question.id, o.id), o.id]));
  const ids = [...new Set(publicIds)].map((id) => {
    const canonical = byPublic.get(id);
    if (!canonical) throw new StaleQuizError();
    return canonical;
  });
  if (question.kind === "single" && ids.length > 1) throw new StaleQuizError();
  return ids;
}

export function toPublicOptions(quiz: Quiz, questionId: string, canonicalIds: readonly string[]): string[] {
  return canonicalIds.map((id) => publicOptionId(quiz.lesson, questionId, id));
}
