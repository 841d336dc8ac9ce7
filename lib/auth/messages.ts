/** Sign-in failures by Auth.js error code: the form and a redirect from /api/auth say the same. */
export const SIGN_IN_MESSAGES = {
  rate_limited: "Too many sign-in attempts for this account or network. Wait a minute, then try again.",
  invalid_credentials: "That email and password do not match an account. Check both and try again.",
} as const;
