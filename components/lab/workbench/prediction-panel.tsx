import { flushSync } from "react-dom";
import { Lock } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { FIELD_CLASSES } from "@/components/lab/workbench/field-classes";
import type { Predictions } from "@/lib/lab/schemas";
import type { EstimateState } from "@/lib/lab/workbench-state";
import { cn } from "@/lib/utils/cn";

function PredictionChoice({
  name,
  legend,
  value,
  options,
  onChange,
}: {
  name: string;
  legend: string;
  value: string | null;
  options: [string, string][];
  onChange: (value: string | null) => void;
}) {
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="text-sm font-semibold">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {[...options, ["", "No guess"] as [string, string]].map(([optionValue, label]) => (
          <label key={optionValue || "none"} className="flex min-h-11 items-center gap-2">
            <input
              type="radio"
              name={name}
              value={optionValue}
              checked={(value ?? "") === optionValue}
              onChange={() => onChange(optionValue || null)}
              className="size-4 accent-accent"
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** What the hint under the token prediction says, by where the student is. */
function tokenHint(estimate: EstimateState, tokenLocked: boolean, hasImage: boolean): string {
  if (estimate === "before-predicting")
    return "You looked at the estimate before predicting, so this run does not grade an image-token prediction. Pick another screenshot to predict again.";
  if (tokenLocked) return "Locked in. The estimate is now shown under your screenshot; the results compare both with Ollama's count.";
  return hasImage
    ? "Work it out from the lesson's rule, then lock it in: the estimate under your screenshot stays hidden until you do."
    : "Work it out from the lesson's rule once you have chosen a screenshot, then lock it in to see the estimate.";
}

/** The student's predictions, made before the run: image tokens (locked in before the estimate shows), the faster model, the best reader of controls. */
export function PredictionPanel({
  tokenGuess,
  tokenError,
  tokenLocked,
  estimate,
  hasImage,
  predictions,
  onTokenGuess,
  onLock,
  onPredict,
}: {
  tokenGuess: string;
  tokenError?: string;
  tokenLocked: boolean;
  estimate: EstimateState;
  hasImage: boolean;
  predictions: Predictions;
  onTokenGuess: (text: string) => void;
  onLock: () => void;
  onPredict: (change: Partial<Pick<Predictions, "faster" | "controls">>) => void;
}) {
  const isClosed = tokenLocked || estimate === "before-predicting";
  return (
    <fieldset className="mt-4 grid gap-5 rounded-xl border border-line p-4 md:grid-cols-3">
      <legend className="px-1 font-semibold">Your predictions</legend>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="predict-tokens" className="text-sm font-semibold">
          Image tokens this screenshot will cost
        </label>
        {/* The hint gives way to the error, so the input is described by one or the other. */}
        <div className="flex flex-wrap gap-2">
          <input
            id="predict-tokens"
            inputMode="numeric"
            autoComplete="off"
            value={tokenGuess}
            readOnly={isClosed}
            onChange={(e) => onTokenGuess(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !isClosed) onLock();
            }}
            aria-invalid={tokenError ? true : undefined}
            aria-describedby={tokenError ? "predict-tokens-error" : "predict-tokens-hint"}
            className={cn(FIELD_CLASSES, "min-h-11 w-32 px-3 read-only:bg-sunken")}
          />
          {isClosed ? null : (
            <Button
              variant="secondary"
              onClick={() => {
                // The button goes once locked: focus stays on the prediction, whose hint says what happened.
                flushSync(onLock);
                document.getElementById("predict-tokens")?.focus();
              }}
              className="min-h-11"
            >
              <Lock aria-hidden="true" className="size-4" />
              Lock in prediction
            </Button>
          )}
        </div>
        {tokenError ? (
          <FieldError id="predict-tokens-error" icon>
            {tokenError}
          </FieldError>
        ) : (
          <p id="predict-tokens-hint" aria-live="polite" className="text-xs text-ink-muted">
            {tokenHint(estimate, tokenLocked, hasImage)}
          </p>
        )}
      </div>
      <PredictionChoice
        name="predict-faster"
        legend="Which model finishes its answers sooner?"
        value={predictions.faster}
        options={[
          ["TEXT", "Text-only"],
          ["VISION", "Vision"],
        ]}
        onChange={(faster) => onPredict({ faster: faster as Predictions["faster"] })}
      />
      <PredictionChoice
        name="predict-controls"
        legend="Which column gets the most controls in the right state?"
        value={predictions.controls}
        options={[
          ["TEXT", "Text-only"],
          ["VISION", "Vision"],
          ["OCR", "OCR"],
        ]}
        onChange={(controls) => onPredict({ controls: controls as Predictions["controls"] })}
      />
    </fieldset>
  );
}
