"use client";

import type { OllamaEngine } from "@/lib/ollama/engine";
import type { LabForm } from "@/hooks/use-lab-form";
import type { ModelOption, SampleOption } from "@/components/lab/types";
import { ScreenshotPicker } from "@/components/lab/screenshot-picker";
import { ModelPicker } from "@/components/lab/workbench/model-picker";
import { PredictionPanel } from "@/components/lab/workbench/prediction-panel";
import { PromptEditor } from "@/components/lab/workbench/prompt-editor";
import { DefencesPanel, StartRun } from "@/components/lab/workbench/run-options";

/** The form for a new run: screenshot, models, prompts, predictions and defences, and the Run button. */
export function NewRunForm({
  form,
  samples,
  textModels,
  visionModels,
  ollama,
  pullCommands,
  showOperatorHelp,
  maxUploadMb,
}: {
  form: LabForm;
  samples: SampleOption[];
  textModels: ModelOption[];
  visionModels: ModelOption[];
  ollama: { reachable: boolean; host: string; message: string | null; version: string | null; engine: OllamaEngine | null };
  pullCommands: string[];
  showOperatorHelp: boolean;
  maxUploadMb: number;
}) {
  const { state, dispatch, chooseImage, isStarting, start, chooseModel } = form;
  const { errors } = state;
  return (
    <>
      <section aria-labelledby="screenshot" className="scroll-mt-6">
        <h2 id="screenshot" className="text-2xl font-semibold tracking-tight">
          1. Screenshot
        </h2>
        <p className="mt-1 mb-4 text-ink-muted">
          One image for every column. It is checked, resized once and stored privately for you and your instructors.
        </p>
        <ScreenshotPicker
          samples={samples}
          image={state.image}
          onImage={chooseImage}
          error={errors.screenshot ?? null}
          engine={ollama.engine ?? "llama-server"}
          engineIsAssumed={!ollama.engine}
          maxUploadMb={maxUploadMb}
          estimate={state.estimate}
          onRevealEstimate={() => dispatch({ type: "reveal-estimate" })}
        />
      </section>

      <ModelPicker
        ollama={ollama}
        textModels={textModels}
        visionModels={visionModels}
        textModel={state.textModel}
        visionModel={state.visionModel}
        errors={errors}
        onTextModel={(model) => chooseModel("text", model)}
        onVisionModel={(model) => chooseModel("vision", model)}
        pullCommands={pullCommands}
        showOperatorHelp={showOperatorHelp}
      />

      <PromptEditor prompts={state.prompts} errors={errors} onPrompt={(kind, text) => dispatch({ type: "prompt", kind, text })} />

      <section aria-labelledby="predict-run" className="scroll-mt-6">
        <h2 id="predict-run" className="text-2xl font-semibold tracking-tight">
          4. Predict, then run
        </h2>
        <p className="mt-1 text-ink-muted">
          Say what you expect before you see it (optional): the results compare your predictions with what was measured.
        </p>
        <PredictionPanel
          tokenGuess={state.tokenGuess}
          tokenError={errors["predict-tokens"]}
          tokenLocked={state.tokenLocked}
          estimate={state.estimate}
          hasImage={state.image !== null}
          predictions={state.predictions}
          onTokenGuess={(text) => dispatch({ type: "token-guess", text })}
          onLock={() => dispatch({ type: "lock-prediction", at: Date.now() })}
          onPredict={(change) => dispatch({ type: "predict", change })}
        />
        <DefencesPanel defences={state.defences} onDefence={(key, on) => dispatch({ type: "defence", key, on })} />
        <StartRun
          measureCold={state.measureCold}
          onMeasureCold={(on) => dispatch({ type: "measure-cold", on })}
          isStarting={isStarting}
          onStart={start}
          message={state.message}
          notice={state.notice}
        />
      </section>
    </>
  );
}
