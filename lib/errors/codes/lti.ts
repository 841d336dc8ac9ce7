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
} as const satisfies Record<string, ErrorEntry>;
