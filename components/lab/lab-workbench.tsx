"use client";

import type { OllamaEngine } from "@/lib/ollama/engine";
import type { PromptKind } from "@/lib/lab/prompt-kinds";
import type { SampleTruth } from "@/lib/lab/types";
import type { LabImageView, LabRunSummary, LabRunView, ModelOption, SampleOption } from "@/components/lab/types";
import { useLabForm } from "@/hooks/use-lab-form";
import { useLabRunList } from "@/hooks/use-lab-run-list";
import { RunResults } from "@/components/lab/run-results";
import { ScreenshotPicker } from "@/components/lab/screenshot-picker";
import { ModelPicker } from "@/components/lab/workbench/model-picker";
import { PredictionPanel } from "@/components/lab/workbench/prediction-panel";
import { PromptEditor } from "@/components/lab/workbench/prompt-editor";
import { RunList } from "@/components/lab/workbench/run-list";
import { DefencesPanel, StartRun } from "@/components/lab/workbench/run-options";

/** The lab: screenshot, models, prompts, predictions, then the run's results and the earlier runs. */
export function LabWorkbench(props: {
  lesson: string;
  samples: SampleOption[];
  textModels: ModelOption[];
  visionModels: ModelOption[];
  ollama: { reachable: boolean; host: string; message: string | null; version: string | null; engine: OllamaEngine | null };
  pullCommands: string[];
  defaultPrompts: Record<PromptKind, string>;
  run: LabRunView | null;
  /** the open run's screenshot, so "Run again" can put it back in the form */
  runImage: LabImageView | null;
  /** the open run's sample ground truth, shown once it has finished */
  truth: SampleTruth | null;
  runs: LabRunSummary[];
  maxUploadMb: number;
  /** instructors, or students who run Ollama themselves (LAB_STUDENTS_RUN_OLLAMA): show commands, not "ask your instructor" */
  showOperatorHelp: boolean;
  /** dates are shown in the platform's zone, the same on the server and in the browser */
  timeZone: string;
}) {
  const { state, dispatch, chooseImage, isStarting, start, runAgain } = useLabForm(props);
  const { runs, onRunChange } = useLabRunList(props.runs, props.run);
  const { errors } = state;

  return (
    <div className="flex flex-col gap-12">
      <section aria-labelledby="screenshot" className="scroll-mt-6">
        <h2 id="screenshot" className="text-2xl font-semibold tracking-tight">
          1. Screenshot
        </h2>
        <p className="mt-1 mb-4 text-ink-muted">
          One image for every column. It is checked, resized once and stored privately for you and your instructors.
        </p>
        <ScreenshotPicker
          samples={props.samples}
          image={state.image}
          onImage={chooseImage}
          error={errors.screenshot ?? null}
          engine={props.ollama.engine ?? "llama-server"}
          engineIsAssumed={!props.ollama.engine}
          maxUploadMb={props.maxUploadMb}
        />
      </section>

      <ModelPicker
        ollama={props.ollama}
        textModels={props.textModels}
        visionModels={props.visionModels}
        textModel={state.textModel}
        visionModel={state.visionModel}
        errors={errors}
        onTextModel={(model) => dispatch({ type: "text-model", model })}
        onVisionModel={(model) => dispatch({ type: "vision-model", model })}
        pullCommands={props.pullCommands}
        showOperatorHelp={props.showOperatorHelp}
      />

      <PromptEditor prompts={state.prompts} errors={errors} onPrompt={(kind, text) => dispatch({ type: "prompt", kind, text })} />

      <section aria-labelledby="run" className="scroll-mt-6">
        <h2 id="run" className="text-2xl font-semibold tracking-tight">
          4. Predict, then run
        </h2>
        <p className="mt-1 text-ink-muted">
          Say what you expect before you see it (optional): the results compare your predictions with what was measured.
        </p>
        <PredictionPanel
          tokenGuess={state.tokenGuess}
          tokenError={errors["predict-tokens"]}
          predictions={state.predictions}
          onTokenGuess={(text) => dispatch({ type: "token-guess", text })}
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
        {props.run ? (
          <RunResults
            key={props.run.id}
            initial={props.run}
            truth={props.truth}
            onChange={onRunChange}
            onRunAgain={runAgain}
            showOperatorHelp={props.showOperatorHelp}
          />
        ) : null}
      </section>

      <RunList runs={runs} lesson={props.lesson} openRunId={props.run?.id ?? null} timeZone={props.timeZone} />
    </div>
  );
}
