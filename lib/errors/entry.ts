// The shape of one entry in the error table (lib/errors/table.ts), apart from the table so the
// per-domain code lists in lib/errors/codes/ can share it without importing the table itself.

/**
 * Who may read the error's own message (not only its code):
 * - "everyone": safe for a guest (says nothing about accounts or other people's data)
 * - "account": the signed-in person it concerns (their run, their write-up, their password)
 * - "instructor": instructors and operators (may name hosts, models, another student's work)
 */
export type ErrorAudience = "everyone" | "account" | "instructor";

type LabCopy = {
  /** the heading above the failed cells */
  title: string;
  /** why, naming the model(s) ("qwen2.5vl:3b and llama3.2:3b") */
  why: (who: string) => string;
  /** what to do; instructors and operators get the version that mentions Ollama's side */
  whatToDo: { student: string; operator: string };
};

export type ErrorEntry = {
  status: number;
  audience: ErrorAudience;
  /** the default message: what happened, in words a person can act on */
  message: string;
  /** what to do next */
  whatToDo: string;
  /** for codes a lab cell can end with: the plain-language explanation above the results */
  lab?: LabCopy;
};

/** Lab copy whose advice is the same for a student and an operator. */
export const same = (text: string) => ({ student: text, operator: text });
