// The lab's images, runs and cells.
import { same, type ErrorEntry } from "@/lib/errors/entry";

export const LAB_ERRORS = {
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
} as const satisfies Record<string, ErrorEntry>;
