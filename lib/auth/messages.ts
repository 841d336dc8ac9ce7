/** Sign-in failures by Auth.js error code: the form and a redirect from /api/auth say the same. */
export const SIGN_IN_MESSAGES = {
  rate_limited: "Too many sign-in attempts for this account from here. Wait a minute (longer after repeated attempts), then try again.",
  busy: "Many people are signing in at once. Wait a few seconds and try again.",
  password_reset: "Your password was changed and every session of the account ended. Sign in with the new password.",
  signed_out_everywhere: "You were signed out on every device. Sign in again here.",
  invalid_credentials: "That email and password do not match an account. Check both and try again.",
  signup_existing:
    "That password does not open the account with this email. If the account is yours, sign in with its password; if you forgot it, ask your instructor for a reset link. Otherwise use another email.",
  signup_done:
    "Now sign in with the email and password you just entered. If this email already had an account, nothing about it changed: sign in with that account's password.",
} as const;
