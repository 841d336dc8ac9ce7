import { describe, expect, it } from "vitest";
import { fail } from "@/lib/action-result";
import { ALL_DEFENCES, NO_PREDICTIONS } from "@/lib/lab/schemas";
import type { LabImageView, LabRunView } from "@/lib/lab/types";
import {
  checkWorkbench,
  initialWorkbenchState,
  LOCK_EMPTY_ERROR,
  NO_ANSWER_MESSAGE,
  placeFailure,
  RUN_AGAIN_NOTICE,
  TOKEN_GUESS_ERROR,
  workbenchReducer,
  type WorkbenchState,
} from "@/lib/lab/workbench-state";

const prompts = { easy: "Read it.", task: "What is it for?", failure: "What is hidden?" };
const image = { id: "img1", sampleId: null, fileName: "shot.png" } as unknown as LabImageView;
const run = {
  id: "run1",
  textModel: "llama3.2:3b",
  visionModel: null,
  prompts: { easy: "a", task: "b", failure: "c" },
  measureCold: true,
  defences: { textOnlyNote: false, injectionLine: true },
} as unknown as LabRunView;

const start = (): WorkbenchState =>
  initialWorkbenchState({
    run: null,
    textModels: [{ name: "qwen3:4b" }],
    visionModels: [{ name: "qwen2.5vl:3b" }, { name: "other" }],
    defaultPrompts: prompts,
  });

describe("the lab form's state", () => {
  it("starts from the open run, or from the first models and the lesson's prompts", () => {
    const fresh = start();
    expect(fresh).toMatchObject({ textModel: "qwen3:4b", visionModel: "qwen2.5vl:3b", prompts, defences: ALL_DEFENCES, image: null });
    const fromRun = initialWorkbenchState({ run, textModels: [{ name: "x" }], visionModels: [], defaultPrompts: prompts });
    expect(fromRun).toMatchObject({ textModel: "llama3.2:3b", visionModel: "", prompts: run.prompts, defences: run.defences });
    expect(fromRun.measureCold).toBe(false);
  });

  it("Run with nothing chosen marks the screenshot first, and an empty prompt", () => {
    let state = workbenchReducer(start(), { type: "prompt", kind: "task", text: "  " });
    const { errors } = checkWorkbench(state);
    expect(errors).toEqual({ screenshot: "Choose a screenshot or a sample first.", "prompt-task": "Write a prompt." });
    state = workbenchReducer({ ...state, notice: "was here" }, { type: "checked", errors, at: 5 });
    expect(state.reveal).toEqual({ field: "screenshot", at: 5 });
    expect(state.notice).toBeNull();
    expect(state.message).toBeNull();
  });

  it("an edit clears its own field's error, and only when it answers it", () => {
    let state = workbenchReducer(start(), {
      type: "checked",
      errors: { screenshot: "no", "prompt-easy": "Write a prompt.", "predict-tokens": TOKEN_GUESS_ERROR, "text-model": "gone" },
      at: 1,
    });
    state = workbenchReducer(state, { type: "prompt", kind: "easy", text: " " });
    expect(state.errors["prompt-easy"]).toBe("Write a prompt.");
    state = workbenchReducer(state, { type: "prompt", kind: "easy", text: "Hello" });
    expect(state.errors["prompt-easy"]).toBeUndefined();
    state = workbenchReducer(state, { type: "token-guess", text: "0.5" });
    expect(state.errors["predict-tokens"]).toBe(TOKEN_GUESS_ERROR);
    state = workbenchReducer(state, { type: "token-guess", text: "1,024" });
    expect(state.errors["predict-tokens"]).toBeUndefined();
    state = workbenchReducer(state, { type: "image", image });
    expect(state.errors.screenshot).toBeUndefined();
    expect(state.errors["text-model"]).toBe("gone");
    state = workbenchReducer(state, { type: "text-model", model: "" });
    expect(state.errors["text-model"]).toBeUndefined();
  });

  it("reads the token prediction with thousands separators, and refuses what is not a whole number in range", () => {
    const base = workbenchReducer(workbenchReducer(start(), { type: "image", image }), { type: "token-guess", text: "1 024" });
    expect(checkWorkbench(base)).toEqual({ errors: {}, imageTokens: 1024 });
    const empty = workbenchReducer(base, { type: "token-guess", text: "" });
    expect(checkWorkbench(empty).imageTokens).toBeNull();
    for (const text of ["0", "100001", "12.5", "lots"]) {
      expect(checkWorkbench(workbenchReducer(base, { type: "token-guess", text })).errors).toEqual({ "predict-tokens": TOKEN_GUESS_ERROR });
    }
  });

  it("Run again refills the form from the run and clears what was said about the old one", () => {
    let state = workbenchReducer(start(), { type: "predict", change: { faster: "TEXT" } });
    state = workbenchReducer(state, { type: "token-guess", text: "900" });
    state = workbenchReducer(state, { type: "refused", errors: {}, message: "No.", at: 2 });
    state = workbenchReducer(state, { type: "run-again", run, image });
    expect(state).toMatchObject({
      image,
      textModel: "llama3.2:3b",
      visionModel: "",
      prompts: run.prompts,
      measureCold: true,
      defences: run.defences,
      predictions: NO_PREDICTIONS,
      tokenGuess: "",
      errors: {},
      message: null,
      notice: RUN_AGAIN_NOTICE,
    });
    // Without the run's screenshot on the page, the chosen one stays.
    const kept = workbenchReducer({ ...start(), image }, { type: "run-again", run, image: null });
    expect(kept.image).toBe(image);
  });

  it("keeps predictions, defences and the cold start as chosen", () => {
    let state = workbenchReducer(start(), { type: "predict", change: { controls: "OCR" } });
    state = workbenchReducer(state, { type: "predict", change: { faster: "VISION" } });
    state = workbenchReducer(state, { type: "defence", key: "injectionLine", on: false });
    state = workbenchReducer(state, { type: "measure-cold", on: true });
    expect(state.predictions).toEqual({ imageTokens: null, faster: "VISION", controls: "OCR" });
    expect(state.defences).toEqual({ textOnlyNote: true, injectionLine: false });
    expect(state.measureCold).toBe(true);
  });

  it("a refusal without a field is said by the Run button, and revealed there", () => {
    const state = workbenchReducer(start(), { type: "refused", errors: {}, message: "Busy.", at: 9 });
    expect(state.reveal).toEqual({ field: "run", at: 9 });
    expect(state.message).toBe("Busy.");
  });
});

describe("placing a refused start", () => {
  const chosen = { textModel: "llama3.2:3b", visionModel: "qwen2.5vl:3b" };

  it("puts a missing image by the screenshot, and an unknown model by its picker", () => {
    expect(placeFailure(fail("NOT_FOUND", "That screenshot is gone."), chosen)).toEqual([{ screenshot: "That screenshot is gone." }, null]);
    const bad = 'The model "qwen2.5vl:3b" is not installed.';
    expect(placeFailure(fail("BAD_MODEL", bad), chosen)).toEqual([{ "vision-model": bad }, null]);
  });

  it("puts prompt and prediction complaints on their fields", () => {
    const failure = fail("INVALID_INPUT", undefined, { prompts: ["Keep each prompt short."], predictions: ["Predict at least 1."] });
    const [errors, message] = placeFailure(failure, chosen);
    expect(errors).toEqual({
      "prompt-easy": "Keep each prompt short.",
      "prompt-task": "Keep each prompt short.",
      "prompt-failure": "Keep each prompt short.",
      "predict-tokens": "Predict at least 1.",
    });
    expect(message).toBeNull();
  });

  it("says anything else by the Run button, the server's silence in the lab's own words", () => {
    expect(placeFailure(fail("BUSY"), chosen)).toEqual([{}, "The server is busy right now."]);
    expect(placeFailure(fail("NO_RESPONSE"), chosen)).toEqual([{}, NO_ANSWER_MESSAGE]);
  });
});

describe("predicting before the estimate shows", () => {
  const withImage = () => workbenchReducer(start(), { type: "image", image });

  it("starts from the pair the server chose, unless a run is open", () => {
    const init = { run: null, textModels: [{ name: "a" }], visionModels: [{ name: "b" }], defaultPrompts: prompts };
    expect(initialWorkbenchState({ ...init, defaultModels: { text: "t", vision: "v" } })).toMatchObject({
      textModel: "t",
      visionModel: "v",
    });
    expect(initialWorkbenchState({ ...init, run, defaultModels: { text: "t", vision: "v" } })).toMatchObject({ textModel: "llama3.2:3b" });
    expect(workbenchReducer(start(), { type: "models", text: "", vision: "other" })).toMatchObject({ textModel: "", visionModel: "other" });
  });

  it("keeps the estimate hidden until a typed prediction is locked in, which then cannot change", () => {
    let state = withImage();
    expect(state.estimate).toBe("hidden");
    state = workbenchReducer(state, { type: "lock-prediction", at: 1 });
    expect(state.errors["predict-tokens"]).toBe(LOCK_EMPTY_ERROR);
    expect(state.reveal).toEqual({ field: "predict-tokens", at: 1 });
    expect(state.estimate).toBe("hidden");
    state = workbenchReducer(state, { type: "token-guess", text: "1,200" });
    state = workbenchReducer(state, { type: "lock-prediction", at: 2 });
    expect(state).toMatchObject({ tokenLocked: true, estimate: "after-predicting", errors: {} });
    state = workbenchReducer(state, { type: "token-guess", text: "1336" });
    expect(state.tokenGuess).toBe("1,200");
    expect(checkWorkbench(state).imageTokens).toBe(1200);
  });

  it("records a look before predicting: no token prediction is sent or graded", () => {
    let state = workbenchReducer(withImage(), { type: "reveal-estimate" });
    expect(state).toMatchObject({ estimate: "before-predicting", tokenGuess: "", tokenLocked: false });
    state = workbenchReducer(state, { type: "token-guess", text: "1336" });
    expect(checkWorkbench(state).imageTokens).toBeNull();
  });

  it("locks in a guess typed before revealing, and starts again for another screenshot or Run again", () => {
    let state = workbenchReducer(withImage(), { type: "token-guess", text: "900" });
    state = workbenchReducer(state, { type: "reveal-estimate" });
    expect(state).toMatchObject({ estimate: "after-predicting", tokenLocked: true, tokenGuess: "900" });
    expect(workbenchReducer(state, { type: "image", image })).toMatchObject({ tokenLocked: true });
    const other = { ...image, id: "img2" } as LabImageView;
    expect(workbenchReducer(state, { type: "image", image: other })).toMatchObject({
      estimate: "hidden",
      tokenLocked: false,
      tokenGuess: "",
    });
    expect(workbenchReducer(state, { type: "run-again", run, image: null })).toMatchObject({ estimate: "hidden", tokenLocked: false });
    // Predicted before any screenshot was chosen: nothing was seen, so the first pick keeps it.
    let blind = workbenchReducer(workbenchReducer(start(), { type: "token-guess", text: "800" }), { type: "lock-prediction", at: 1 });
    blind = workbenchReducer(blind, { type: "image", image });
    expect(blind).toMatchObject({ tokenLocked: true, tokenGuess: "800", estimate: "after-predicting" });
  });
});
