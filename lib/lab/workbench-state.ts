import type { ActionFailure } from "@/lib/action-result";
import { PROMPT_KINDS, type PromptKind } from "@/lib/lab/prompt-kinds";
import { ALL_DEFENCES, NO_PREDICTIONS, type Defences, type Predictions } from "@/lib/lab/schemas";
import type { LabImageView, LabRunView } from "@/lib/lab/types";

// The lab's form, as one pure reducer: the screenshot, models, prompts, predictions and defences,
// and what the page says about them (field errors, the Run button's message, a notice). Pure, so
// the rules (which edit clears which error, what "Run again" refills) are unit-tested without a DOM.

/** The form's fields in page order: the first with an error is the one shown and focused. */
export const FIELDS = [
  "screenshot",
  "text-model",
  "vision-model",
  ...PROMPT_KINDS.map((k) => `prompt-${k}` as const),
  "predict-tokens",
] as const;
export type Field = (typeof FIELDS)[number];
export type FieldErrors = Partial<Record<Field, string>>;

/** Each field's control; its message is `${field}-error`. */
export const FIELD_CONTROLS: Record<Field, string> = {
  screenshot: "screenshot-file",
  "text-model": "text-model",
  "vision-model": "vision-model",
  "prompt-easy": "prompt-easy",
  "prompt-task": "prompt-task",
  "prompt-failure": "prompt-failure",
  "predict-tokens": "predict-tokens",
};

export const TOKEN_GUESS_ERROR = "Predict a whole number of tokens between 1 and 100,000, or leave it empty.";
export const isTokenGuess = (n: number) => Number.isInteger(n) && n >= 1 && n <= 100_000;
/** The typed guess as a number ("1,024" reads as 1024), or null when left empty. */
export const readTokenGuess = (text: string) => (text.trim() ? Number(text.trim().replace(/[,\s]/g, "")) : null);

export const LOCK_EMPTY_ERROR = "Type your prediction first, or reveal the estimate without one.";

/**
 * The image-token estimate in the preview: hidden until the student has predicted (so the
 * prediction is their own), or shown because they chose to look first, in which case no token
 * prediction is sent and none is graded.
 */
export type EstimateState = "hidden" | "after-predicting" | "before-predicting";

export const RUN_AGAIN_NOTICE =
  "The form holds this run's screenshot, models, prompts and defences. Change what you like, predict, then run.";
export const NO_ANSWER_MESSAGE = "The server did not answer, so the run did not start. Nothing you entered is lost; try again.";

export type WorkbenchState = {
  image: LabImageView | null;
  textModel: string;
  visionModel: string;
  prompts: Record<PromptKind, string>;
  measureCold: boolean;
  defences: Defences;
  predictions: Predictions;
  /** the image-token prediction as typed; read with readTokenGuess */
  tokenGuess: string;
  /** the token prediction is locked in: it can no longer change, and the estimate is shown */
  tokenLocked: boolean;
  estimate: EstimateState;
  errors: FieldErrors;
  /** a refused start that belongs to no field, said by the Run button */
  message: string | null;
  notice: string | null;
  /**
   * Set with the errors, acted on once they are on screen: the first one is scrolled into sight and
   * its control (or, without one, the message) takes focus. `at` makes each showing a new value.
   */
  reveal: { field: Field | "run"; at: number } | null;
};

export type WorkbenchAction =
  | { type: "image"; image: LabImageView }
  | { type: "text-model"; model: string }
  | { type: "vision-model"; model: string }
  | { type: "prompt"; kind: PromptKind; text: string }
  | { type: "token-guess"; text: string }
  /** "Lock in prediction": the typed guess is kept as it is, and the estimate shown */
  | { type: "lock-prediction"; at: number }
  /** "Reveal the estimate": a typed guess is locked in first; without one, the student looked first */
  | { type: "reveal-estimate" }
  /** both models at once (a pick remembered in the browser) */
  | { type: "models"; text: string; vision: string }
  | { type: "predict"; change: Partial<Pick<Predictions, "faster" | "controls">> }
  | { type: "defence"; key: keyof Defences; on: boolean }
  | { type: "measure-cold"; on: boolean }
  /** "Run again": the form refilled from a run (and its screenshot, when the page has it) */
  | { type: "run-again"; run: LabRunView; image: LabImageView | null }
  /** Run pressed: what the form found wrong (nothing, when it goes to the server) */
  | { type: "checked"; errors: FieldErrors; at: number }
  /** the server refused the start: by the fields it is about, or by the Run button */
  | { type: "refused"; errors: FieldErrors; message: string | null; at: number };

const NO_TOKEN_PREDICTION = { tokenGuess: "", tokenLocked: false, estimate: "hidden" } as const;

export function initialWorkbenchState(init: {
  run: LabRunView | null;
  textModels: { name: string }[];
  visionModels: { name: string }[];
  defaultPrompts: Record<PromptKind, string>;
  /** the pair chosen on the server (lib/lab/default-pair.ts); without it, the first of each */
  defaultModels?: { text: string; vision: string };
}): WorkbenchState {
  return {
    image: null,
    textModel: init.run?.textModel ?? init.defaultModels?.text ?? init.textModels[0]?.name ?? "",
    visionModel: init.run?.visionModel ?? init.defaultModels?.vision ?? init.visionModels[0]?.name ?? "",
    prompts: init.run?.prompts ?? init.defaultPrompts,
    measureCold: false,
    defences: init.run?.defences ?? ALL_DEFENCES,
    predictions: NO_PREDICTIONS,
    ...NO_TOKEN_PREDICTION,
    errors: {},
    message: null,
    notice: null,
    reveal: null,
  };
}

/** The errors without `field`'s (the same object when it had none, so nothing re-renders). */
function without(errors: FieldErrors, field: Field): FieldErrors {
  return errors[field] ? { ...errors, [field]: undefined } : errors;
}

/** Errors shown: the first field with one (or, with none, the message) is revealed. */
function showing(state: WorkbenchState, errors: FieldErrors, message: string | null, at: number): WorkbenchState {
  const first = FIELDS.find((f) => errors[f]);
  return { ...state, errors, message, reveal: first || message ? { field: first ?? "run", at } : state.reveal };
}

export function workbenchReducer(state: WorkbenchState, action: WorkbenchAction): WorkbenchState {
  switch (action.type) {
    case "image":
      // Another screenshot costs other tokens: its prediction starts again, its estimate hidden (a
      // prediction made before any screenshot was chosen was made blind, so it stays).
      return {
        ...state,
        image: action.image,
        ...(state.image && state.image.id !== action.image.id ? NO_TOKEN_PREDICTION : {}),
        errors: without(without(state.errors, "screenshot"), "predict-tokens"),
      };
    case "models":
      return {
        ...state,
        textModel: action.text,
        visionModel: action.vision,
        errors: without(without(state.errors, "text-model"), "vision-model"),
      };
    case "text-model":
      return { ...state, textModel: action.model, errors: without(state.errors, "text-model") };
    case "vision-model":
      return { ...state, visionModel: action.model, errors: without(state.errors, "vision-model") };
    case "prompt": {
      const prompts = { ...state.prompts, [action.kind]: action.text };
      // An emptied prompt keeps its complaint; any text answers it.
      const errors = action.text.trim() ? without(state.errors, `prompt-${action.kind}`) : state.errors;
      return { ...state, prompts, errors };
    }
    case "token-guess": {
      if (state.tokenLocked || state.estimate === "before-predicting") return state;
      const guess = readTokenGuess(action.text);
      const errors = guess === null || isTokenGuess(guess) ? without(state.errors, "predict-tokens") : state.errors;
      return { ...state, tokenGuess: action.text, errors };
    }
    case "lock-prediction": {
      const guess = readTokenGuess(state.tokenGuess);
      if (guess === null) return showing(state, { ...state.errors, "predict-tokens": LOCK_EMPTY_ERROR }, null, action.at);
      if (!isTokenGuess(guess)) return showing(state, { ...state.errors, "predict-tokens": TOKEN_GUESS_ERROR }, null, action.at);
      return { ...state, tokenLocked: true, estimate: "after-predicting", errors: without(state.errors, "predict-tokens") };
    }
    case "reveal-estimate": {
      if (state.estimate !== "hidden") return state;
      const guess = readTokenGuess(state.tokenGuess);
      // A valid guess typed before looking is still the student's own: it is locked in and graded.
      if (guess !== null && isTokenGuess(guess))
        return { ...state, tokenLocked: true, estimate: "after-predicting", errors: without(state.errors, "predict-tokens") };
      return { ...state, tokenGuess: "", estimate: "before-predicting", errors: without(state.errors, "predict-tokens") };
    }
    case "predict":
      return { ...state, predictions: { ...state.predictions, ...action.change } };
    case "defence":
      return { ...state, defences: { ...state.defences, [action.key]: action.on } };
    case "measure-cold":
      return { ...state, measureCold: action.on };
    case "run-again":
      // The form is refilled: complaints about what it held before no longer apply.
      return {
        ...state,
        errors: {},
        message: null,
        image: action.image ?? state.image,
        textModel: action.run.textModel ?? "",
        visionModel: action.run.visionModel ?? "",
        prompts: action.run.prompts,
        measureCold: action.run.measureCold,
        defences: action.run.defences,
        predictions: NO_PREDICTIONS,
        ...NO_TOKEN_PREDICTION,
        notice: RUN_AGAIN_NOTICE,
      };
    case "checked":
      return showing({ ...state, notice: null }, action.errors, null, action.at);
    case "refused":
      return showing(state, action.errors, action.message, action.at);
  }
}

/** What Run finds wrong before asking the server; `imageTokens` is the prediction to send. */
export function checkWorkbench(state: WorkbenchState): { errors: FieldErrors; imageTokens: number | null } {
  const imageTokens = readTokenGuess(state.tokenGuess);
  const errors: FieldErrors = {};
  if (!state.image) errors.screenshot = "Choose a screenshot or a sample first.";
  for (const kind of PROMPT_KINDS) if (!state.prompts[kind].trim()) errors[`prompt-${kind}`] = "Write a prompt.";
  if (imageTokens !== null && !isTokenGuess(imageTokens)) errors["predict-tokens"] = TOKEN_GUESS_ERROR;
  return { errors, imageTokens };
}

/** A refused start, put next to what it is about: the screenshot, a model, the prompts; anything else by the Run button. */
export function placeFailure(failure: ActionFailure, chosen: { textModel: string; visionModel: string }): [FieldErrors, string | null] {
  // Said in the lab's own words: the Run button's message says the run did not start.
  if (failure.code === "NO_RESPONSE") return [{}, NO_ANSWER_MESSAGE];
  if (failure.code === "NOT_FOUND") return [{ screenshot: failure.message }, null];
  if (failure.code === "BAD_MODEL") {
    if (chosen.textModel && failure.message.includes(`"${chosen.textModel}"`)) return [{ "text-model": failure.message }, null];
    if (chosen.visionModel && failure.message.includes(`"${chosen.visionModel}"`)) return [{ "vision-model": failure.message }, null];
  }
  const fields = failure.fieldErrors ?? {};
  const found: FieldErrors = {};
  if (fields.prompts?.length) for (const kind of PROMPT_KINDS) found[`prompt-${kind}`] = fields.prompts.join(" ");
  if (fields.predictions?.length) found["predict-tokens"] = fields.predictions.join(" ");
  return Object.keys(found).length ? [found, null] : [{}, failure.message];
}
