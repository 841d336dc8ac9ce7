// LTI 1.3: a course site (Moodle, Canvas, …) launching Lesson Lab.
import type { ErrorEntry } from "@/lib/errors/entry";

export const LTI_ERRORS = {
  LTI_LAUNCH_INVALID: {
    status: 400,
    audience: "everyone",
    message: "This launch from your course site could not be verified, so nobody was signed in.",
    whatToDo: "Open the activity again from your course. If it keeps failing, ask your instructor to check the tool's registration.",
  },
  LTI_PLATFORM_UNKNOWN: {
    status: 400,
    audience: "everyone",
    message: "Lesson Lab does not know the course site that sent this launch.",
    whatToDo: "Ask your instructor to have the course site registered with this Lesson Lab, then open the activity again.",
  },
  // Registering a course site lets it sign people in here: not for accounts a course site made.
  LTI_REGISTRATION_FORBIDDEN: {
    status: 403,
    audience: "account",
    message: "Course sites are registered by instructors who sign in to Lesson Lab with a password, not through a course site.",
    whatToDo: "Ask an instructor with a Lesson Lab password account to register it, or ask whoever runs the site for such an account.",
  },
  LTI_PLATFORM_DUPLICATE: {
    status: 409,
    audience: "account",
    message: "A platform with this issuer and client ID is registered already.",
    whatToDo: "Check the client ID your LMS shows for this tool; if the registration is yours and out of date, remove it first.",
  },
  // Grades and rosters: the tool calling a course site's services (lib/lti/data/ags-token.ts, outbox, roster).
  LTI_URL_REFUSED: {
    status: 400,
    audience: "instructor",
    message:
      "Lesson Lab refused to call an address the course site gave it: it calls only https addresses on the course site's registered host.",
    whatToDo:
      "Check the registration's addresses on Course sites against what the LMS shows, and that the LMS's grade and roster addresses are on the same host.",
  },
  LTI_SERVICE_FAILED: {
    status: 502,
    audience: "instructor",
    message: "The course site did not answer Lesson Lab as expected.",
    whatToDo:
      "Try again in a few minutes. If it keeps failing, check the registration's client ID and access token URL, and that the LMS lets the tool use grades and names and roles.",
  },
  LTI_ROSTER_UNAVAILABLE: {
    status: 409,
    audience: "instructor",
    message: "This class's course site has not offered Lesson Lab its list of members.",
    whatToDo:
      "Turn on sharing names and roles with the tool in the LMS, then open any Lesson Lab activity from the course once, so Lesson Lab learns where the list is.",
  },
} as const satisfies Record<string, ErrorEntry>;
