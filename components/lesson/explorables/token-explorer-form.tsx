"use client";

import { useId, useState } from "react";
import { ExplorerCard } from "@/components/lesson/explorables/fields";
import { TokenResult } from "@/components/lesson/explorables/token-explorer-result";
import { NumberField, SelectField } from "@/components/ui/field";
import { readNumberField } from "@/lib/forms/number-field";
import { formatNumber } from "@/lib/format";
import { ASSUMED_PREFILL_TOKENS_PER_SECOND } from "@/lib/images/image-cost";
import { IMAGE_SIDE_RULE, IMAGE_SIZE_PRESETS, imageCostOutcome, PREFILL_SPEED_RULE } from "@/lib/images/image-cost-outcome";
import { MIN_SIDE } from "@/lib/images/lab-size";
import { VISION_FAMILIES, type VisionFamily } from "@/lib/images/tokens";
import type { OllamaEngine } from "@/lib/ollama/engine";
import { cn } from "@/lib/utils/cn";

const FAMILY_OPTIONS = (Object.keys(VISION_FAMILIES) as VisionFamily[]).map((value) => ({ value, label: VISION_FAMILIES[value].label }));
// Shorter than ENGINE_LABELS (the field is labelled "Ollama version") so a phone shows them whole;
// what people install today first, then older releases.
const ENGINE_OPTIONS: { value: OllamaEngine; label: string }[] = [
  { value: "llama-server", label: "0.30 and later (llama.cpp)" },
  { value: "go", label: "0.13.4 to 0.24 (Go engine)" },
  { value: "go-1mp", label: "Before 0.13.4 (Go engine)" },
];

type Fields = { width: string; height: string; speed: string };

/**
 * Image size to image tokens, with the lab's own code (lib/images/image-cost.ts). Starts from a
 * full-HD screenshot the lab resizes, on the engine people install today.
 */
export function TokenExplorerForm({ labMaxSide }: { labMaxSide: number }) {
  const id = useId();
  const [fields, setFields] = useState<Fields>({ width: "1920", height: "1080", speed: String(ASSUMED_PREFILL_TOKENS_PER_SECOND) });
  const [family, setFamily] = useState<VisionFamily>("qwen2.5-vl");
  const [engine, setEngine] = useState<OllamaEngine>("llama-server");
  const [isResized, setResized] = useState(true);

  const width = readNumberField(fields.width, IMAGE_SIDE_RULE);
  const height = readNumberField(fields.height, IMAGE_SIDE_RULE);
  const speed = readNumberField(fields.speed, PREFILL_SPEED_RULE);
  const invalid = [width.ok ? null : "image width", height.ok ? null : "image height", speed.ok ? null : "prefill speed"].filter(
    (f): f is string => f !== null,
  );
  const outcome =
    width.ok && height.ok && speed.ok
      ? imageCostOutcome({
          width: width.value,
          height: height.value,
          family,
          engine,
          resizeForLab: isResized,
          labMaxSide,
          prefillTokensPerSecond: speed.value,
        })
      : null;
  const set = (key: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));

  return (
    <ExplorerCard
      testId="token-explorer"
      titleId={`${id}-title`}
      title="Try it: image size to image tokens"
      intro={
        <>
          Change the image and the setup, and see what the model reads. The numbers come from the code the lab uses to predict{" "}
          <code className="font-mono text-[0.9em]">prompt_eval_count</code> for an image.
        </>
      }
    >
      <form className="mt-4" noValidate onSubmit={(event) => event.preventDefault()}>
        <ImageSizeFields
          id={id}
          fields={fields}
          onPreset={(preset) => setFields((f) => ({ ...f, width: String(preset.width), height: String(preset.height) }))}
          set={set}
          errors={{ width: width.ok ? null : width.message, height: height.ok ? null : height.message }}
        />
        <div className="grid gap-x-4 gap-y-3 sm:grid-cols-2">
          <SelectField id={`${id}-family`} label="Model family" value={family} onValueChange={setFamily} options={FAMILY_OPTIONS} />
          <SelectField id={`${id}-engine`} label="Ollama version" value={engine} onValueChange={setEngine} options={ENGINE_OPTIONS} />
        </div>
        <div className="grid gap-x-4 gap-y-3 sm:grid-cols-2">
          <div className="flex flex-col gap-1.5">
            <div className="flex min-h-11 items-center gap-3">
              <input
                id={`${id}-resize`}
                type="checkbox"
                checked={isResized}
                onChange={(event) => setResized(event.target.checked)}
                aria-describedby={`${id}-resize-note`}
                className="size-5 shrink-0 accent-accent"
              />
              <label htmlFor={`${id}-resize`} className="text-sm font-semibold">
                Resize as the lab does
              </label>
            </div>
            <p id={`${id}-resize-note`} className="min-h-10 text-sm leading-5 text-ink-muted">
              Longest side at most {formatNumber(labMaxSide)} px, both sides at least {MIN_SIDE} px.
            </p>
          </div>
          <NumberField
            messages="note"
            id={`${id}-speed`}
            label="Prefill speed (tokens/s)"
            value={fields.speed}
            onValueChange={set("speed")}
            min={PREFILL_SPEED_RULE.min}
            max={PREFILL_SPEED_RULE.max}
            step={1}
            error={speed.ok ? null : speed.message}
            hint={
              <>
                Your assumption, not a measurement. Measure yours in the lab: <code className="font-mono">prompt_eval_count</code> ÷{" "}
                <code className="font-mono">prompt_eval_duration</code> on the first prompt for an image.
              </>
            }
          />
        </div>
      </form>
      <TokenResult
        outcome={outcome}
        invalid={invalid}
        family={family}
        engine={engine}
        isResized={isResized}
        labMaxSide={labMaxSide}
        speed={speed.ok ? speed.value : null}
      />
    </ExplorerCard>
  );
}

/** The image's size: a common one at a click, or any width and height. */
function ImageSizeFields({
  id,
  fields,
  onPreset,
  set,
  errors,
}: {
  id: string;
  fields: Fields;
  onPreset: (preset: { width: number; height: number }) => void;
  set: (key: keyof Fields) => (value: string) => void;
  errors: { width: string | null; height: string | null };
}) {
  return (
    <fieldset>
      <legend className="text-sm font-semibold">Image size</legend>
      <div className="mt-2 flex flex-wrap gap-2" role="group" aria-label="Common sizes">
        {IMAGE_SIZE_PRESETS.map((preset) => {
          const isCurrent = fields.width === String(preset.width) && fields.height === String(preset.height);
          return (
            <button
              key={`${preset.width}x${preset.height}`}
              type="button"
              aria-current={isCurrent ? "true" : undefined}
              onClick={() => onPreset(preset)}
              className={cn(
                "min-h-9 rounded-full border px-3 text-sm font-medium tabular-nums",
                isCurrent ? "border-accent bg-accent-soft text-ink" : "border-line-strong bg-surface text-ink hover:bg-sunken",
              )}
            >
              {preset.width}×{preset.height}
            </button>
          );
        })}
      </div>
      <div className="mt-3 grid gap-x-4 gap-y-3 sm:grid-cols-2">
        <NumberField
          messages="note"
          id={`${id}-width`}
          label="Image width (px)"
          value={fields.width}
          onValueChange={set("width")}
          min={IMAGE_SIDE_RULE.min}
          max={IMAGE_SIDE_RULE.max}
          step={1}
          error={errors.width}
        />
        <NumberField
          messages="note"
          id={`${id}-height`}
          label="Image height (px)"
          value={fields.height}
          onValueChange={set("height")}
          min={IMAGE_SIDE_RULE.min}
          max={IMAGE_SIDE_RULE.max}
          step={1}
          error={errors.height}
        />
      </div>
    </fieldset>
  );
}
