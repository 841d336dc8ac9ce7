// Classes: joining one with a code, and the instructors' side of a class.
import type { ErrorEntry } from "@/lib/errors/entry";

export const CLASS_ERRORS = {
  CLASS_CODE_INVALID: {
    status: 400,
    audience: "account",
    message: "That class code does not open a class: it may be mistyped, revoked or expired.",
    whatToDo: "Check the code with your instructor, or ask them for a new one.",
  },
} as const satisfies Record<string, ErrorEntry>;
