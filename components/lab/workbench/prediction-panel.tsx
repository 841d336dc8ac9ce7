import { FieldError } from "@/components/ui/field";
import { FIELD_CLASSES } from "@/components/lab/workbench/field-classes";
import type { Predictions } from "@/lib/lab/schemas";
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

/** The student's predictions, made before the run: image tokens, which model is faster, which reads controls best. */
export function PredictionPanel({
  tokenGuess,
  tokenError,
  predictions,
  onTokenGuess,
  onPredict,
}: {
  tokenGuess: string;
  tokenError?: string;
  predictions: Predictions;
  onTokenGuess: (text: string) => void;
  onPredict: (change: Partial<Pick<Predictions, "faster" | "controls">>) => void;
}) {
  return (
    <fieldset className="mt-4 grid gap-5 rounded-xl border border-line p-4 md:grid-cols-3">
      <legend className="px-1 font-semibold">Your predictions</legend>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="predict-tokens" className="text-sm font-semibold">
          Image tokens this screenshot will cost
        </label>
        {/* The hint gives way to the error, so the input is described by one or the other. */}
        <input
          id="predict-tokens"
          inputMode="numeric"
          autoComplete="off"
          value={tokenGuess}
          onChange={(e) => onTokenGuess(e.target.value)}
          aria-invalid={tokenError ? true : undefined}
          aria-describedby={tokenError ? "predict-tokens-error" : "predict-tokens-hint"}
          className={cn(FIELD_CLASSES, "min-h-11 px-3")}
        />
        {tokenError ? (
          <FieldError id="predict-tokens-error" icon>
            {tokenError}
          </FieldError>
        ) : (
          <p id="predict-tokens-hint" className="text-xs text-ink-muted">
            Work it out from the lesson&apos;s rule before you look at the estimate above.
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
