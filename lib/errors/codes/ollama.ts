// What an Ollama call can fail with; the lab explains each above its failed cells.
import { same, type ErrorEntry } from "@/lib/errors/entry";

export const OLLAMA_ERRORS = {
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
  LOAD_TIMEOUT: {
    status: 504,
    audience: "everyone",
    message: "The model did not load in the time the lab allows.",
    whatToDo: "Try again (the model may still be loading from disk), or try a smaller model.",
    lab: {
      title: "The model did not load in time",
      why: (who) =>
        `${who} did not finish loading in the time the lab allows for a load (LAB_LOAD_TIMEOUT_S). Ollama stops a load that is cut off, so the next try starts again from the disk.`,
      whatToDo: {
        student: "Retry the failed cells once. If it happens again, choose a smaller model, and tell your instructor.",
        operator:
          "Retry the failed cells. If it happens again, load the model once with ollama run, raise LAB_LOAD_TIMEOUT_S, or choose a smaller model.",
      },
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
