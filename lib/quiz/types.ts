import type { ReviewStanding } from "@/lib/quiz/review-policy";
import type { AttemptStanding } from "@/lib/quiz/standing";

export type ResultOption = { id: string; text: string; isChosen: boolean };

export type RevealedOption = ResultOption & { isCorrect: boolean; explanation: string };

type ResultQuestionBase = {
  id: string;
  number: number;
  kind: "single" | "multiple";
  prompt: string;
  concept: string;
  section: { id: string; title: string };
  /** whether the student's own answer was right: says nothing about which option is */
  isCorrect: boolean;
  isAnswered: boolean;
  /** 0 to 1 (partial credit on multiple select) */
  credit: number;
};

export type ResultQuestion =
  | (ResultQuestionBase & { isRevealed: true; options: RevealedOption[] })
  | (ResultQuestionBase & { isRevealed: false; options: ResultOption[] });

export type QuizResultView = {
  score: number;
  total: number;
  submittedAt: string;
  review: ReviewStanding;
  questions: ResultQuestion[];
  concepts: { concept: string; correct: number; total: number; section: { id: string; title: string } }[];
  /** signed in: this attempt among the student's (number, the one before, the best); absent for guests and reviews */
  standing?: AttemptStanding;
};

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

/** A signed-in student's attempt in progress: its questions (options in its own order) and the answers saved so far. */
export type AttemptState = { attemptId: string; answers: Record<string, string[]>; quiz: PublicQuiz };

/** A submitted attempt in the student's list on the quiz page: its score and when, nothing of its questions. */
export type QuizHistoryEntry = {
  id: string;
  /** taken as a guest and joined to the account at sign-in: no review to open */
  isGuest: boolean;
  score: number;
  total: number;
  /** when it was submitted, as the server's time zone writes it */
  when: string;
};

/**
 * The signed-in reader's own parts of the quiz page (`GET /api/me/quiz`): the attempts so far, the
 * result asked for with `?attempt=`, and the last attempt the page leads with. Never a key the
 * review policy does not show; never a write (the open attempt comes from a POST).
 */
export type SignedInQuizPage = {
  v: 1;
  user: { id: string };
  history: QuizHistoryEntry[];
  /** `?attempt=<id>` of the reader's own submitted attempt, with its place among them */
  result: QuizResultView | null;
  /** coming back after an attempt: "11/15 (73%) · best 12/15", the one to review first */
  last: { id: string; number: number; summary: string } | null;
};

export type QuizPageData = SignedInQuizPage | { v: 1; user: null };

export const QUIZ_PAGE_VERSION = 1;

/** `GET /api/me/quiz` for a lesson, and the attempt whose result the page opens with. */
export function quizPageUrl(lesson: string, attempt: string | null): string {
  const params = new URLSearchParams({ lesson });
  if (attempt) params.set("attempt", attempt);
  return `/api/me/quiz?${params.toString()}`;
}
