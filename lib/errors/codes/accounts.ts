// Sign-in, sign-up, passwords and reset links.
import type { ErrorEntry } from "@/lib/errors/entry";

export const ACCOUNT_ERRORS = {
  INVALID_TOKEN: {
    status: 400,
    audience: "everyone",
    message: "This link is not valid any more: it was used, it expired, or it was copied wrongly. Ask for a new one.",
    whatToDo: "Ask for a new link.",
  },
  EMAIL_TAKEN: {
    status: 409,
    audience: "account",
    message: "An account with this email already exists.",
    whatToDo: "Sign in, or ask your instructor for a reset link.",
  },
  INVALID_CREDENTIALS: {
    status: 401,
    audience: "everyone",
    message: "That email and password do not match an account. Check both and try again.",
    whatToDo: "Check both and try again, or ask your instructor for a reset link.",
  },
  WRONG_PASSWORD: {
    status: 400,
    audience: "account",
    message: "That is not your current password.",
    whatToDo: "Type your current password again.",
  },
  RESET_NOT_ALLOWED: {
    status: 403,
    audience: "instructor",
    message: "Reset links are only for accounts with fewer rights than yours.",
    whatToDo: "An operator resets an instructor's password with npm run user:role -- --reset <email>.",
  },
} as const satisfies Record<string, ErrorEntry>;
