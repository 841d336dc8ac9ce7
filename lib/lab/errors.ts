import { AppError } from "@/lib/app-error";

export type LabRunErrorCode = "RATE_LIMITED" | "NOT_FOUND" | "BAD_MODEL" | "BAD_INPUT" | "NOT_RETRYABLE";

const STATUS: Record<LabRunErrorCode, number> = { RATE_LIMITED: 429, NOT_FOUND: 404, BAD_MODEL: 400, BAD_INPUT: 400, NOT_RETRYABLE: 409 };

export class LabRunError extends AppError {
  declare readonly code: LabRunErrorCode;

  constructor(code: LabRunErrorCode, message: string) {
    super(code, message, { status: STATUS[code] });
  }
}
