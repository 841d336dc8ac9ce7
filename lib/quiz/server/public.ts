import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import type { Quiz, QuizQuestion } from "@/lib/quiz/schema";
import { viewerKey, type QuizViewer } from "@/lib/quiz/server/viewer";
import { AppError } from "@/lib/app-error";
import { seededShuffle } from "@/lib/quiz/shuffle";
import type { PublicQuiz } from "@/lib/quiz/types";

// What the browser may see of a quiz before grading: no `correct`, no explanations, and option
// ids that do not reveal the authored order (the key would otherwise leak through "a", "b"…).
// Ids are derived per viewer: an id one viewer saw (in a result, say) matches nothing for another.

export function publicOptionId(viewer: QuizViewer, lesson: string, questionId: string, optionId: string): string {
  return createHmac("sha256", env.AUTH_SECRET)
    .update(JSON.stringify(["quiz-option", viewerKey(viewer), lesson, questionId, optionId]))
    .digest("base64url")
    .slice(0, 16);
}

/**
 * The quiz as the browser gets it, options in the order this attempt shows them (shuffled here by
 * the attempt's seed, so the seed itself never reaches the browser).
 */
export function toPublicQuiz(quiz: Quiz, viewer: QuizViewer, order: string): PublicQuiz {
  return {
    lesson: quiz.lesson,
    title: quiz.title,
    questions: quiz.questions.map((q, index) => ({
      id: q.id,
      number: index + 1,
      kind: q.kind,
      prompt: q.prompt,
      concept: q.concept,
      // Sorted by the opaque id (a fixed order unrelated to the authored one), then shuffled by
      // the attempt's seed: the order its results show them in too (lib/quiz/server/results.ts).
      options: seededShuffle(
        q.options
          .map((o) => ({ id: publicOptionId(viewer, quiz.lesson, q.id, o.id), text: o.text }))
          .sort((a, b) => a.id.localeCompare(b.id)),
        order,
        q.id,
      ),
    })),
  };
}

export class StaleQuizError extends AppError {
  constructor() {
    super(
      "STALE_QUIZ",
      "This quiz page does not match your session: it changed since it was loaded, was opened in another account or browser, or the answer was altered. Reload the quiz to continue.",
    );
  }
}

/** Public option ids back to the authored ids; anything unknown (another viewer's ids included) means a stale or tampered page. */
export function toCanonicalOptions(quiz: Quiz, question: QuizQuestion, publicIds: readonly string[], viewer: QuizViewer): string[] {
  const byPublic = new Map(question.options.map((o) => [publicOptionId(viewer, quiz.lesson, question.id, o.id), o.id]));
  const ids = [...new Set(publicIds)].map((id) => {
    const canonical = byPublic.get(id);
    if (!canonical) throw new StaleQuizError();
    return canonical;
  });
  if (question.kind === "single" && ids.length > 1) throw new StaleQuizError();
  return ids;
}

export function toPublicOptions(quiz: Quiz, questionId: string, canonicalIds: readonly string[], viewer: QuizViewer): string[] {
  return canonicalIds.map((id) => publicOptionId(viewer, quiz.lesson, questionId, id));
}
