"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useReducer, type Dispatch } from "react";
import { startLabRunAction } from "@/app/lessons/[slug]/lab/actions";
import { useAction } from "@/hooks/use-action";
import type { PromptKind } from "@/lib/lab/prompt-kinds";
import type { LabImageView, LabRunView } from "@/lib/lab/types";
import { readStoredPair } from "@/lib/lab/default-pair";
import {
  checkWorkbench,
  FIELD_CONTROLS,
  initialWorkbenchState,
  placeFailure,
  workbenchReducer,
  type WorkbenchAction,
  type WorkbenchState,
} from "@/lib/lab/workbench-state";

export type LabForm = {
  state: WorkbenchState;
  dispatch: Dispatch<WorkbenchAction>;
  chooseImage: (image: LabImageView) => void;
  isStarting: boolean;
  /** Run pressed: checked here, then sent; a started run opens in the page */
  start: () => void;
  /** "Run again": the form refilled from `run`, and the Run button focused */
  runAgain: (run: LabRunView) => void;
  /** a model picked (the pair is kept in this browser until a run is sent) */
  chooseModel: (kind: "text" | "vision", model: string) => void;
};

/** The pair picked and not yet run, per student, for their next visit in this browser. */
const pickKey = (userId: string) => `lab-models:${userId}`;

function storePick(userId: string, pair: { text: string; vision: string } | null) {
  try {
    if (pair) localStorage.setItem(pickKey(userId), JSON.stringify(pair));
    else localStorage.removeItem(pickKey(userId));
  } catch {
    // Storage off or full: the server's default serves next time.
  }
}

function readPick(userId: string): string | null {
  try {
    return localStorage.getItem(pickKey(userId));
  } catch {
    return null;
  }
}

/**
 * The lab's form: its state (lib/lab/workbench-state.ts), starting a run, and putting the first
 * complaint in front of the person (scrolled into sight, its control focused).
 */
export function useLabForm(init: {
  lesson: string;
  userId: string;
  run: LabRunView | null;
  runImage: LabImageView | null;
  textModels: { name: string }[];
  visionModels: { name: string }[];
  defaultPrompts: Record<PromptKind, string>;
  defaultModels: { text: string; vision: string };
}): LabForm {
  const router = useRouter();
  const [state, dispatch] = useReducer(workbenchReducer, init, initialWorkbenchState);
  const { run: startRun, isPending: isStarting } = useAction(startLabRunAction);

  // Acted on once the errors are on screen: the first one is scrolled into sight and its control
  // (or, without one, the Run button) takes focus.
  const { reveal } = state;
  useEffect(() => {
    if (!reveal) return;
    const errorId = reveal.field === "run" ? "run-error" : `${reveal.field}-error`;
    const control = document.getElementById(reveal.field === "run" ? "run-button" : FIELD_CONTROLS[reveal.field]);
    document.getElementById(errorId)?.scrollIntoView({ block: "center" });
    control?.focus({ preventScroll: true });
  }, [reveal]);

  // The pick kept in this browser is only known after hydration (the server drew the default).
  useEffect(() => {
    const stored = readStoredPair(readPick(init.userId), init);
    if (stored) dispatch({ type: "models", text: stored.text, vision: stored.vision });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on arrival
  }, []);

  const chooseImage = useCallback((image: LabImageView) => dispatch({ type: "image", image }), []);

  function start() {
    if (isStarting) return;
    const { errors, imageTokens } = checkWorkbench(state);
    dispatch({ type: "checked", errors, at: Date.now() });
    const { image, textModel, visionModel } = state;
    if (!image || Object.keys(errors).length) return;
    void startRun({
      imageId: image.id,
      textModel: textModel || null,
      visionModel: visionModel || null,
      prompts: state.prompts,
      measureCold: state.measureCold,
      defences: state.defences,
      predictions: {
        ...state.predictions,
        imageTokens,
        ...(state.estimate === "before-predicting" && imageTokens === null ? { estimateSeenFirst: true } : {}),
      },
    }).then((result) => {
      if (!result.ok) {
        const [errors, message] = placeFailure(result, { textModel, visionModel });
        return dispatch({ type: "refused", errors, message, at: Date.now() });
      }
      storePick(init.userId, null);
      router.push(`/lessons/${init.lesson}/lab?run=${result.value.runId}#run`, { scroll: false });
    });
  }

  function runAgain(run: LabRunView) {
    dispatch({ type: "run-again", run, image: init.runImage });
    document.getElementById("screenshot")?.scrollIntoView({ block: "start" });
    document.getElementById("run-button")?.focus({ preventScroll: true });
  }

  function chooseModel(kind: "text" | "vision", model: string) {
    dispatch({ type: kind === "text" ? "text-model" : "vision-model", model });
    storePick(init.userId, kind === "text" ? { text: model, vision: state.visionModel } : { text: state.textModel, vision: model });
  }

  return { state, dispatch, chooseImage, isStarting, start, runAgain, chooseModel };
}
