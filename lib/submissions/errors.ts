import { AppError } from "@/lib/app-error";
import type { Missing } from "@/lib/submissions/completeness";

export type SubmissionErrorCode = "NOT_FOUND" | "CONFLICT" | "LOCKED" | "CLAIMED" | "NOT_CLAIMED" | "BAD_INPUT";

const STATUS: Record<SubmissionErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 409,
  CLAIMED: 409,
  NOT_CLAIMED: 409,
  BAD_INPUT: 400,
};

export class SubmissionError extends AppError {
  declare readonly code: SubmissionErrorCode;

  constructor(code: SubmissionErrorCode, message: string) {
    super(code, message, { status: STATUS[code] });
  }
}

/** Submitting a write-up that is not complete: each missing piece names its field. */
export class IncompleteWriteUpError extends AppError {
  constructor(readonly missing: Missing[]) {
    super("INCOMPLETE", `Before you submit, ${missing.length === 1 ? "one thing is" : `${missing.length} things are`} missing.`, {
      status: 422,
    });
  }
}
