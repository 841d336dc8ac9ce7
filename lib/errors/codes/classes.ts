// Classes: joining one with a code, and the instructors' side of a class.
import type { ErrorEntry } from "@/lib/errors/entry";

export const CLASS_ERRORS = {
  CLASS_CODE_INVALID: {
    status: 400,
    audience: "account",
    message: "That class code does not open a class: it may be mistyped, revoked or expired.",
    whatToDo: "Check the code with your instructor, or ask them for a new one.",
  },
  CLASS_REQUIRED: {
    status: 422,
    audience: "account",
    message: "Choose the class this write-up is for.",
    whatToDo: "Pick one of your classes above the Submit button.",
  },
  NO_CLASS: {
    status: 409,
    audience: "account",
    message: "You are not in a class yet, so no instructor could review this write-up.",
    whatToDo: "Ask your instructor for the class code and enter it on Join a class. Your write-up is kept.",
  },
} as const satisfies Record<string, ErrorEntry>;
