import { AppError } from "@/lib/app-error";
import type { ErrorCode } from "@/lib/errors/table";
import type { Missing } from "@/lib/submissions/completeness";

export type SubmissionErrorCode = Extract<ErrorCode, "NOT_FOUND" | "CONFLICT" | "LOCKED" | "CLAIMED" | "NOT_CLAIMED" | "INVALID_INPUT">;

export class SubmissionError extends AppError {
  declare readonly code: SubmissionErrorCode;

  constructor(code: SubmissionErrorCode, message: string) {
    super(code, message);
  }
}

/** Submitting a write-up that is not complete: each missing piece names its field. */
export class IncompleteWriteUpError extends AppError {
  constructor(readonly missing: Missing[]) {
    super("INCOMPLETE", `Before you submit, ${missing.length === 1 ? "one thing is" : `${missing.length} things are`} missing.`);
  }
}
