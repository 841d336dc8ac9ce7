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
