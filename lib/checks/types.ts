// What the browser sees of an in-lesson check, before and after answering. Types only: the page
// and the action build these on the server.

import type { ConceptMastery } from "@/lib/progress/mastery";
import type { CheckResult } from "@/lib/progress/model";

/**
 * A check as the page sends it: no key, no explanations, option ids that do not reveal the authored
 * order, and no hint (public, but fetched on "Show a hint" by hintCheckAction: most readers never ask).
 */
export type PublicCheck = {
  lesson: string;
  id: string;
  kind: "single" | "multiple" | "numeric";
  concept: string;
  prompt: string;
  code?: string;
  options?: { id: string; text: string }[];
  /** numeric checks: the input's label and unit */
  input?: { label: string; unit: string };
};

export type Verdict = "right" | "partly" | "wrong";

/** What the server says once a check is answered. */
export type CheckFeedback = {
  verdict: Verdict;
  credit: number;
  explanation: string;
  /** only when the answer was not fully right */
  hint?: string;
  /** a targeted note: a wrong number that means something, a multiple-select count */
  note?: string;
  /** choice checks: every option, whether it is right, whether it was picked, and why */
  options?: { id: string; correct: boolean; chosen: boolean; explanation: string }[];
  /** numeric checks: the right number and how to get it */
  answer?: { value: number; display: string; unit: string; working: string; given: number };
};

export type AnsweredCheck = {
  feedback: CheckFeedback;
  /** to keep in the reader's progress (signed for guests, so it can join an account later) */
  result: CheckResult;
  /** accounts: the lesson's concept mastery after this answer */
  mastery?: Record<string, ConceptMastery>;
};
