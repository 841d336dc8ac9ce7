// Lesson checks, progress steps and quizzes.
import type { ErrorEntry } from "@/lib/errors/entry";

export const LEARNING_ERRORS = {
  // Lesson checks and progress
  UNKNOWN_CHECK: {
    status: 404,
    audience: "everyone",
    message: "This check is not part of the lesson any more. Reload the page.",
    whatToDo: "Reload the page.",
  },
  STALE_CHECK: {
    status: 409,
    audience: "everyone",
    message: "This check changed since the page was loaded. Reload the page and answer again.",
    whatToDo: "Reload the page and answer again.",
  },
  NOT_A_NUMBER: {
    status: 400,
    audience: "everyone",
    message: "Enter a number.",
    whatToDo: "Type the number only, with its unit if the field asks for one.",
  },
  WRONG_ANSWER_KIND: {
    status: 400,
    audience: "everyone",
    message: "That answer does not fit this check.",
    whatToDo: "Reload the page and answer again.",
  },
  NO_ANSWER: {
    status: 400,
    audience: "everyone",
    message: "Choose or enter an answer first.",
    whatToDo: "Answer, then check.",
  },
  UNKNOWN_STEP: {
    status: 404,
    audience: "everyone",
    message: "That step is not part of the lesson any more.",
    whatToDo: "Reload the page.",
  },

  // Quiz
  STALE_QUIZ: {
    status: 409,
    audience: "everyone",
    message: "The quiz changed since this attempt started. Reload to start it again.",
    whatToDo: "Reload the page; your answers are kept in this browser until you do.",
  },
  QUIZ_ACCESS: {
    status: 404,
    audience: "account",
    message: "That quiz attempt is not yours or has ended.",
    whatToDo: "Reload the quiz page.",
  },
  UNKNOWN_QUIZ: {
    status: 404,
    audience: "everyone",
    message: "There is no quiz for this lesson.",
    whatToDo: "Go back to the lesson.",
  },
  REVIEW_NOT_DUE: {
    status: 409,
    audience: "account",
    message: "No review is due yet.",
    whatToDo: "Come back when the catalogue says a review is due.",
  },
} as const satisfies Record<string, ErrorEntry>;
