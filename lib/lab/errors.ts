import { AppError } from "@/lib/app-error";
import type { ErrorCode } from "@/lib/errors/table";

export type LabRunErrorCode = Extract<ErrorCode, "RATE_LIMITED" | "NOT_FOUND" | "BAD_MODEL" | "INVALID_INPUT" | "NOT_RETRYABLE">;

/** Starting, cancelling or retrying a run; statuses and default copy come from lib/errors/table.ts. */
export class LabRunError extends AppError {
  declare readonly code: LabRunErrorCode;

  constructor(code: LabRunErrorCode, message: string) {
    super(code, message);
  }
}
