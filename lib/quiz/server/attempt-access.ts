import "server-only";
import { AppError } from "@/lib/app-error";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import type { QuizTemplate } from "@/lib/quiz/schema";

export class QuizAccessError extends AppError {
  constructor(message: string) {
    super("QUIZ_ACCESS", message);
  }
}

export class UnknownQuizError extends AppError {
  constructor() {
    super("UNKNOWN_QUIZ", "There is no quiz for this lesson.");
  }
}

export function requireQuiz(lesson: string): QuizTemplate {
  const quiz = getQuizTemplate(lesson);
  if (!quiz) throw new UnknownQuizError();
  return quiz;
}
