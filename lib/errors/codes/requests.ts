// Input, requests and who is asking: the codes any page or API route can answer with.
import { same, type ErrorEntry } from "@/lib/errors/entry";

export const REQUEST_ERRORS = {
  // Input and requests
  INVALID_INPUT: {
    status: 400,
    audience: "everyone",
    message: "Check the highlighted fields.",
    whatToDo: "Correct what is marked and send it again; nothing you typed is lost.",
  },
  TOO_LARGE: {
    status: 413,
    audience: "everyone",
    message: "That is too large to send.",
    whatToDo: "Send something smaller (a smaller image, or a shorter text).",
  },
  LENGTH_REQUIRED: {
    status: 411,
    audience: "everyone",
    message: "The request did not say how large it is.",
    whatToDo: "Send it again from the page (browsers do this for you).",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    audience: "everyone",
    message: "The request is not in a form this address takes.",
    whatToDo: "Send it from the page, or as JSON where the API asks for JSON.",
  },
  RATE_LIMITED: {
    status: 429,
    audience: "everyone",
    message: "That is a lot of requests in a short time.",
    whatToDo: "Wait a little and try again.",
  },
  BUSY: {
    status: 503,
    audience: "everyone",
    message: "The server is busy right now.",
    whatToDo: "Wait a few seconds and try again.",
    lab: {
      title: "Ollama was too busy",
      why: () => "Its queue of requests was full, so it turned these answers away.",
      whatToDo: same("Wait a minute, then retry the failed cells."),
    },
  },
  INTERNAL: {
    status: 500,
    audience: "everyone",
    message: "The server could not do that. Nothing you entered is lost; try again in a moment.",
    whatToDo: "Try again in a moment; if it keeps happening, tell your instructor.",
    lab: {
      title: "These answers failed on the server",
      why: () => "Something went wrong in Lesson Lab itself, not in the models.",
      whatToDo: {
        student: "Retry the failed cells. If they keep failing, tell your instructor.",
        operator: "Retry the failed cells; the server log has the details.",
      },
    },
  },

  NO_RESPONSE: {
    status: 503,
    audience: "everyone",
    message: "The server did not answer. Nothing you entered is lost; try again in a moment.",
    whatToDo: "Check your connection and try again in a moment.",
  },

  // Who is asking
  UNAUTHENTICATED: {
    status: 401,
    audience: "everyone",
    message: "Your session ended. Sign in again.",
    whatToDo: "Sign in again; what is on the page stays there.",
  },
  CROSS_ORIGIN: {
    status: 403,
    audience: "everyone",
    message: "This request did not come from a page of this site, so it was refused. Reload the page and try again.",
    whatToDo: "Reload the page and try again.",
  },
  FORBIDDEN: {
    status: 403,
    audience: "everyone",
    message: "This is for instructors only.",
    whatToDo: "Ask an instructor if you need it.",
  },
  NOT_FOUND: {
    status: 404,
    audience: "everyone",
    message: "That is not here any more, or it is not yours.",
    whatToDo: "Go back and reload the page.",
  },
  CONFLICT: {
    status: 409,
    audience: "account",
    message: "Someone (or another tab) changed this since you loaded it.",
    whatToDo: "Reload to see the newer version; what you typed here is kept until you do.",
  },
  LOCKED: {
    status: 409,
    audience: "account",
    message: "This cannot be changed any more.",
    whatToDo: "Reload the page to see where it stands.",
  },
} as const satisfies Record<string, ErrorEntry>;
