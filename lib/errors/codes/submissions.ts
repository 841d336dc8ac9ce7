// Write-ups and their reviews.
import type { ErrorEntry } from "@/lib/errors/entry";

export const SUBMISSION_ERRORS = {
  INCOMPLETE: {
    status: 422,
    audience: "account",
    message: "Before you submit, something is missing.",
    whatToDo: "Fill in each part marked as missing, then submit again.",
  },
  CLAIMED: {
    status: 409,
    audience: "instructor",
    message: "Another instructor is reviewing this write-up.",
    whatToDo: "Pick another one from the queue.",
  },
  NOT_CLAIMED: {
    status: 409,
    audience: "instructor",
    message: "Claim this write-up before reviewing it.",
    whatToDo: "Press Claim, then review.",
  },
} as const satisfies Record<string, ErrorEntry>;
