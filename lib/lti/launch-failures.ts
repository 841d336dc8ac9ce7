// Why an LTI launch was refused, in words for the person in front of it (the launch failure page)
// and a stable key for code, tests and the URL of that page. Pure: the page and the data layer
// both read it. Nothing here names a person, a token or a course: the page may be opened by anyone.

export const LAUNCH_FAILURES = {
  "no-cookie": {
    says: "your browser did not send back the cookie this launch set a moment ago",
    whatToDo:
      "Open the activity again. If it happens every time, your browser blocks this site's cookies inside the course page: set the activity to open in a new window, or allow cookies for this site.",
  },
  "unknown-login": {
    says: "the launch does not match a login this tool started",
    whatToDo: "Open the activity again from your course.",
  },
  used: {
    says: "this launch was already used",
    whatToDo: "Each launch signs in once. Open the activity again from your course rather than reloading or going back to this page.",
  },
  slow: {
    says: "the login took too long",
    whatToDo: "Open the activity again from your course; a launch must finish within ten minutes.",
  },
  "token-invalid": {
    says: "the course site's signed token failed its checks",
    whatToDo:
      "Open the activity again. If it keeps failing, ask your instructor to check the registration's issuer, client ID and keyset URL on Lesson Lab's Course sites page.",
  },
  "not-this-tool": {
    says: "the token was issued to another tool",
    whatToDo: "Ask your instructor to check the client ID registered on Lesson Lab's Course sites page.",
  },
  nonce: {
    says: "the token's nonce is not the one this tool's login sent",
    whatToDo: "Open the activity again from your course.",
  },
  claims: {
    says: "the LTI claims are missing or malformed",
    whatToDo: "Ask your instructor to check the activity's settings in the course site.",
  },
  target: {
    says: "the token names another activity than the login did",
    whatToDo: "Open the activity again from your course.",
  },
  deployment: {
    says: "the course site's deployment is not registered here",
    whatToDo: "Ask your instructor to add the deployment ID to the registration on Lesson Lab's Course sites page.",
  },
  role: {
    says: "your course role is neither an instructor's nor a learner's",
    whatToDo: "Lesson Lab lets in instructors, teaching assistants and learners. Ask your instructor if you need access.",
  },
  platform: {
    says: "Lesson Lab does not know the course site that sent it",
    whatToDo: "Ask your instructor to register the course site on Lesson Lab's Course sites page, then open the activity again.",
  },
  "target-elsewhere": {
    says: "the activity's address is not on this Lesson Lab",
    whatToDo: "Ask your instructor to check the activity's tool URL in the course site.",
  },
  request: {
    says: "the request is missing what a launch needs",
    whatToDo: "Open the activity again from your course. Typing or bookmarking this address does not start a launch.",
  },
  "deep-link-learner": {
    says: "adding an activity to a course is for its instructors",
    whatToDo: "Ask your instructor to add Lesson Lab to the course; then open it from the course.",
  },
  "deep-link-stale": {
    says: "this choice of activities was already sent to your course site, or was started more than an hour ago",
    whatToDo: "Start again from your course site's “add an activity” and pick Lesson Lab.",
  },
  "relaunch-gone": {
    says: "this launch can no longer be opened in a new window",
    whatToDo:
      "Open the activity again from your course; if your browser blocks cookies in the course page, set the activity to open in a new window.",
  },
  busy: {
    says: "too many launches came from your address in the last minute",
    whatToDo: "Wait a minute, then open the activity again.",
  },
} as const;

export type LaunchFailure = keyof typeof LAUNCH_FAILURES;

export function isLaunchFailure(value: unknown): value is LaunchFailure {
  return typeof value === "string" && Object.hasOwn(LAUNCH_FAILURES, value);
}

/**
 * The failure page's address: the key only, so nobody can make it say something else; a launch
 * whose cookie did not come back adds its login's state, for the "new window" link.
 */
export const launchFailurePath = (failure: LaunchFailure, relaunch?: string) =>
  `/lti/launch-failed?reason=${failure}${relaunch && isRelaunchToken(relaunch) ? `&relaunch=${relaunch}` : ""}`;

/** A login's state as the tool makes them (32 random bytes, base64url). */
export const isRelaunchToken = (value: unknown): value is string => typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
