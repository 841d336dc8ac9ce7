// Every error code the app uses, in one table: its HTTP status, who may see it, what it says to a
// person and what they can do about it. Pure, so the browser reads the same copy the server writes.
// A code missing here does not compile (AppError, fail and jsonError take only these codes), and
// lib/errors/table.test.ts fails when an entry has no copy or a lab failure has no explanation.
// The entries live by domain in lib/errors/codes/; this file joins them and answers questions about them.

import { ACCOUNT_ERRORS } from "@/lib/errors/codes/accounts";
import { CLASS_ERRORS } from "@/lib/errors/codes/classes";
import { LAB_ERRORS } from "@/lib/errors/codes/lab";
import { LEARNING_ERRORS } from "@/lib/errors/codes/learning";
import { LTI_ERRORS } from "@/lib/errors/codes/lti";
import { OLLAMA_ERRORS } from "@/lib/errors/codes/ollama";
import { REQUEST_ERRORS } from "@/lib/errors/codes/requests";
import { SUBMISSION_ERRORS } from "@/lib/errors/codes/submissions";
import type { ErrorEntry } from "@/lib/errors/entry";

export type { ErrorAudience, ErrorEntry } from "@/lib/errors/entry";

export const ERRORS = {
  ...REQUEST_ERRORS,
  ...ACCOUNT_ERRORS,
  ...CLASS_ERRORS,
  ...LTI_ERRORS,
  ...LEARNING_ERRORS,
  ...SUBMISSION_ERRORS,
  ...LAB_ERRORS,
  ...OLLAMA_ERRORS,
} as const satisfies Record<string, ErrorEntry>;

// A code listed in two domain files would silently keep only the later entry; this stops the build instead.
type KeysOf<T> = T extends object ? keyof T : never;
type Duplicates<T extends readonly object[]> = T extends readonly [infer Head, ...infer Rest extends readonly object[]]
  ? Extract<keyof Head, KeysOf<Rest[number]>> | Duplicates<Rest>
  : never;
export type DuplicateErrorCodes = Duplicates<
  [
    typeof REQUEST_ERRORS,
    typeof ACCOUNT_ERRORS,
    typeof CLASS_ERRORS,
    typeof LTI_ERRORS,
    typeof LEARNING_ERRORS,
    typeof SUBMISSION_ERRORS,
    typeof LAB_ERRORS,
    typeof OLLAMA_ERRORS,
  ]
>;
true satisfies [DuplicateErrorCodes] extends [never] ? true : false;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(ERRORS, code);
}

export function errorEntry(code: ErrorCode): ErrorEntry {
  return (ERRORS as Record<ErrorCode, ErrorEntry>)[code];
}

/** The HTTP status for a code (500 for anything that is not one of ours). */
export function statusOf(code: string): number {
  return isErrorCode(code) ? ERRORS[code].status : 500;
}

/**
 * The message for a code, with what the page keeps for the person when that is worth saying
 * ("Your session ended. Sign in again; your prompts stay on this page.").
 */
export function messageOf(code: ErrorCode, kept?: string): string {
  const message: string = ERRORS[code].message;
  return kept ? `${message.replace(/\.$/, "")}; ${kept}.` : message;
}

/** The codes a lab cell's failure is explained by (the rest read as the server's own fault). */
export const LAB_FAILURE_CODES = ERROR_CODES.filter((code) => (ERRORS as Record<ErrorCode, ErrorEntry>)[code].lab !== undefined);

export type FailureExplanation = { title: string; why: string; whatToDo: string };

const listModels = (models: readonly string[]) => (models.length ? models.join(" and ") : "the model");

/** Plain words for a failed cell's code; an unknown code reads as the server's own failure. */
export function explainFailure(code: string, models: readonly string[], operator: boolean): FailureExplanation {
  const table: Record<ErrorCode, ErrorEntry> = ERRORS;
  const lab = (isErrorCode(code) ? table[code].lab : undefined) ?? ERRORS.INTERNAL.lab;
  return { title: lab.title, why: lab.why(listModels(models)), whatToDo: operator ? lab.whatToDo.operator : lab.whatToDo.student };
}
