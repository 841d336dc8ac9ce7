// Every error code the app uses, in one table: its HTTP status, who may see it, what it says to a
// person and what they can do about it. Pure, so the browser reads the same copy the server writes.
// A code missing here does not compile (AppError, fail and jsonError take only these codes), and
// lib/errors/table.test.ts fails when an entry has no copy or a lab failure has no explanation.

/**
 * Who may read the error's own message (not only its code):
 * - "everyone": safe for a guest (says nothing about accounts or other people's data)
 * - "account": the signed-in person it concerns (their run, their write-up, their password)
 * - "instructor": instructors and operators (may name hosts, models, another student's work)
 */
export type ErrorAudience = "everyone" | "account" | "instructor";

type LabCopy = {
  /** the heading above the failed cells */
  title: string;
  /** why, naming the model(s) ("qwen2.5vl:3b and llama3.2:3b") */
  why: (who: string) => string;
  /** what to do; instructors and operators get the version that mentions Ollama's side */
  whatToDo: { student: string; operator: string };
};

export type ErrorEntry = {
  status: number;
  audience: ErrorAudience;
  /** the default message: what happened, in words a person can act on */
  message: string;
  /** what to do next */
  whatToDo: string;
  /** for codes a lab cell can end with: the plain-language explanation above the results */
  lab?: LabCopy;
};

const same = (text: string) => ({ student: text, operator: text });

export const ERRORS = {
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

  // Accounts
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

  // Lesson checks and progress
  UNKNOWN_CHECK: {
    status: 404,
    audience: "everyone",
    message: "This check is not part of the lesson any more. Reload the page.",
    whatToDo: "Reload the page.",
  },
  STALE_CHECK: {
    status: 409,
    audience: "everyone",
    message: "This check changed since the page was loaded. Reload the page and answer again.",
    whatToDo: "Reload the page and answer again.",
  },
  NOT_A_NUMBER: {
    status: 400,
    audience: "everyone",
    message: "Enter a number.",
    whatToDo: "Type the number only, with its unit if the field asks for one.",
  },
  WRONG_ANSWER_KIND: {
    status: 400,
    audience: "everyone",
    message: "That answer does not fit this check.",
    whatToDo: "Reload the page and answer again.",
  },
  NO_ANSWER: {
    status: 400,
    audience: "everyone",
    message: "Choose or enter an answer first.",
    whatToDo: "Answer, then check.",
  },
  UNKNOWN_STEP: {
    status: 404,
    audience: "everyone",
    message: "That step is not part of the lesson any more.",
    whatToDo: "Reload the page.",
  },

  // Quiz
  STALE_QUIZ: {
    status: 409,
    audience: "everyone",
    message: "The quiz changed since this attempt started. Reload to start it again.",
    whatToDo: "Reload the page; your answers are kept in this browser until you do.",
  },
  QUIZ_ACCESS: {
    status: 404,
    audience: "account",
    message: "That quiz attempt is not yours or has ended.",
    whatToDo: "Reload the quiz page.",
  },
  UNKNOWN_QUIZ: {
    status: 404,
    audience: "everyone",
    message: "There is no quiz for this lesson.",
    whatToDo: "Go back to the lesson.",
  },
  REVIEW_NOT_DUE: {
    status: 409,
    audience: "account",
    message: "No review is due yet.",
    whatToDo: "Come back when the catalogue says a review is due.",
  },

  // Write-ups and reviews
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

  // Lab images
  CORRUPT: {
    status: 422,
    audience: "everyone",
    message: "The image could not be read: it is damaged or incomplete. Save it again and retry.",
    whatToDo: "Save the screenshot again and upload it.",
  },
  TOO_MANY_PIXELS: {
    status: 422,
    audience: "everyone",
    message: "The image has too many pixels for the lab.",
    whatToDo: "Send a smaller screenshot or a crop.",
  },
  UNSUPPORTED: {
    status: 415,
    audience: "everyone",
    message: "That file is not a PNG, JPEG or WebP image.",
    whatToDo: "Save the screenshot as PNG or JPEG and upload it.",
  },
  EMPTY: {
    status: 400,
    audience: "everyone",
    message: "The file is empty.",
    whatToDo: "Choose the screenshot again.",
  },
  QUOTA_EXCEEDED: {
    status: 413,
    audience: "account",
    message: "Your uploaded screenshots use all the space the lab gives each student.",
    whatToDo: "Run one you have already uploaded or pick a sample; unused uploads are cleared after a while.",
  },
  UNKNOWN_SAMPLE: {
    status: 404,
    audience: "everyone",
    message: "That sample is not in the lab any more.",
    whatToDo: "Reload the page and choose another sample.",
  },

  // Lab runs and cells
  BAD_MODEL: {
    status: 400,
    audience: "account",
    message: "That model cannot be used for this column.",
    whatToDo: "Choose a model from the list and run again.",
  },
  NOT_RETRYABLE: {
    status: 409,
    audience: "account",
    message: "That answer cannot be retried now.",
    whatToDo: "Reload the page to see where the run stands.",
  },
  ABORTED: {
    status: 409,
    audience: "account",
    message: "The run was cancelled.",
    whatToDo: "Start a new run when you are ready.",
  },
  EMPTY_ANSWER: {
    status: 200,
    audience: "account",
    message: "The model finished with an empty answer.",
    whatToDo: "Read its thinking (if it showed any), then retry, or choose a model that is not a thinking variant.",
  },
  WORKER_LOST: {
    status: 503,
    audience: "account",
    message: "The server running this answer stopped before it finished.",
    whatToDo: "Retry the answer; a server that restarts picks interrupted answers up again by itself.",
    lab: {
      title: "A server stopped while answering",
      why: () => "The Lesson Lab server running these answers stopped before they finished, and they were not picked up again.",
      whatToDo: same("Retry the failed cells."),
    },
  },

  // Ollama
  UNREACHABLE: {
    status: 503,
    audience: "everyone",
    message: "Lesson Lab could not reach Ollama.",
    whatToDo: "Check that Ollama is running at the address Lesson Lab uses, then try again.",
    lab: {
      title: "Lesson Lab could not reach Ollama",
      why: () => "Ollama is the program that runs the models. It stopped answering, so no answer could arrive.",
      whatToDo: {
        student: "Ask your instructor to check that Ollama is running, then retry the failed cells.",
        operator:
          "Check that Ollama is running (ollama serve, or the desktop app) at the address Lesson Lab uses, then retry the failed cells.",
      },
    },
  },
  MODEL_NOT_FOUND: {
    status: 404,
    audience: "everyone",
    message: "Ollama does not have that model.",
    whatToDo: "Install it from the Models page (or with ollama pull), or choose another model.",
    lab: {
      title: "The model is no longer installed",
      why: (who) => `Ollama does not have ${who} any more.`,
      whatToDo: {
        student: "Choose another model and run again, or ask your instructor to install it.",
        operator:
          "Install it again from the Models page (or with ollama pull) and retry the failed cells, or choose another model and run again.",
      },
    },
  },
  RUNNER_CRASHED: {
    status: 502,
    audience: "everyone",
    message: "The model stopped while answering.",
    whatToDo: "Try again; if it fails again, try a smaller model or image.",
    lab: {
      title: "The model stopped while answering",
      why: (who) =>
        `Ollama's runner for ${who} stopped unexpectedly, most often because the machine ran out of memory, or the image was too small or too large for the model.`,
      whatToDo: {
        student: "Retry the failed cells. If they fail again, try the crop or a smaller model, and tell your instructor.",
        operator:
          "Retry the failed cells. If they fail again, look for an out-of-memory message in Ollama's log, unload other models, or try the crop or a smaller model.",
      },
    },
  },
  STREAM_FAILED: {
    status: 502,
    audience: "everyone",
    message: "The answer stopped part-way.",
    whatToDo: "Try again; what arrived is kept.",
    lab: {
      title: "The answers stopped part-way",
      why: (who) => `${who} stopped answering before it finished. What arrived is kept in each cell.`,
      whatToDo: same("Retry the failed cells."),
    },
  },
  TIMEOUT: {
    status: 504,
    audience: "everyone",
    message: "The model took too long to answer.",
    whatToDo: "Try again (a model that has just loaded is faster the second time), or try a smaller model.",
    lab: {
      title: "The model took too long",
      why: (who) => `No answer from ${who} arrived in the time the lab allows for each one. What arrived is kept in each cell.`,
      whatToDo: same(
        "Retry the failed cells: a model that has just loaded is faster the second time. If it keeps happening, try a smaller model.",
      ),
    },
  },
  BAD_REQUEST: {
    status: 400,
    audience: "instructor",
    message: "Ollama refused the request.",
    whatToDo: "Read what Ollama said; try again once the cause is fixed.",
    lab: {
      title: "Ollama refused the requests",
      why: (who) => `Ollama would not run ${who} with what the lab sent.`,
      whatToDo: {
        student: "Retry once. If it fails again, tell your instructor what Ollama said (below).",
        operator: "Read what Ollama said below; retry once the cause is fixed.",
      },
    },
  },
  IMAGES_NOT_SUPPORTED: {
    status: 400,
    audience: "everyone",
    message: "That model cannot take images.",
    whatToDo: "Choose a vision model for the image.",
    lab: {
      title: "The model cannot take images",
      why: (who) => `${who} was sent the screenshot, but it does not accept images.`,
      whatToDo: same("Choose a vision model for the vision column and run again."),
    },
  },
  CONTEXT_TOO_SMALL: {
    status: 400,
    audience: "everyone",
    message: "The prompt and image do not fit in the model's context.",
    whatToDo: "Send a crop or a smaller image, or shorten the prompt.",
    lab: {
      title: "The prompt and image did not fit",
      why: (who) => `Together they are longer than ${who} can read at once (its context).`,
      whatToDo: same("Send the crop or a smaller screenshot, or shorten the prompts, and run again."),
    },
  },
  REGISTRY_UNREACHABLE: {
    status: 502,
    audience: "instructor",
    message: "Ollama could not reach the model registry.",
    whatToDo: "Check the Ollama machine's network connection, or copy the model onto it by hand.",
  },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(ERRORS, code);
}

export function errorEntry(code: ErrorCode): ErrorEntry {
  return (ERRORS as Record<ErrorCode, ErrorEntry>)[code];
}

/** The HTTP status for a code (500 for anything that is not one of ours). */
export function statusOf(code: string): number {
  return isErrorCode(code) ? ERRORS[code].status : 500;
}

/**
 * The message for a code, with what the page keeps for the person when that is worth saying
 * ("Your session ended. Sign in again; your prompts stay on this page.").
 */
export function messageOf(code: ErrorCode, kept?: string): string {
  const message: string = ERRORS[code].message;
  return kept ? `${message.replace(/\.$/, "")}; ${kept}.` : message;
}

/** The codes a lab cell's failure is explained by (the rest read as the server's own fault). */
export const LAB_FAILURE_CODES = ERROR_CODES.filter((code) => (ERRORS as Record<ErrorCode, ErrorEntry>)[code].lab !== undefined);

export type FailureExplanation = { title: string; why: string; whatToDo: string };

const listModels = (models: readonly string[]) => (models.length ? models.join(" and ") : "the model");

/** Plain words for a failed cell's code; an unknown code reads as the server's own failure. */
export function explainFailure(code: string, models: readonly string[], operator: boolean): FailureExplanation {
  const table: Record<ErrorCode, ErrorEntry> = ERRORS;
  const lab = (isErrorCode(code) ? table[code].lab : undefined) ?? ERRORS.INTERNAL.lab;
  return { title: lab.title, why: lab.why(listModels(models)), whatToDo: operator ? lab.whatToDo.operator : lab.whatToDo.student };
}
