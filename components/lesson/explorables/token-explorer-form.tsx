"use client";

import { useId, useState } from "react";
import { ExplorerCard, NumberField, ResultPanel, SelectField, Stat } from "@/components/lesson/explorables/fields";
import { readNumberField } from "@/lib/forms/number-field";
import { formatDuration, formatNumber } from "@/lib/format";
import { ASSUMED_PREFILL_TOKENS_PER_SECOND } from "@/lib/images/image-cost";
import {
  IMAGE_SIDE_RULE,
  IMAGE_SIZE_PRESETS,
  imageCostOutcome,
  PREFILL_SPEED_RULE,
  type ImageCostOutcome,
} from "@/lib/images/image-cost-outcome";
import { MIN_SIDE } from "@/lib/images/lab-size";
import { TOKENS_PER_IMAGE_MARKERS, VISION_FAMILIES, type VisionFamily } from "@/lib/images/tokens";
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

const size = (width: number, height: number) => `${formatNumber(width)} × ${formatNumber(height)} px`;

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
                  onClick={() => setFields((f) => ({ ...f, width: String(preset.width), height: String(preset.height) }))}
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
              id={`${id}-width`}
              label="Image width (px)"
              value={fields.width}
              onValueChange={set("width")}
              min={IMAGE_SIDE_RULE.min}
              max={IMAGE_SIDE_RULE.max}
              step={1}
              error={width.ok ? null : width.message}
            />
            <NumberField
              id={`${id}-height`}
              label="Image height (px)"
              value={fields.height}
              onValueChange={set("height")}
              min={IMAGE_SIDE_RULE.min}
              max={IMAGE_SIDE_RULE.max}
              step={1}
              error={height.ok ? null : height.message}
            />
          </div>
        </fieldset>
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

function TokenResult({
  outcome,
  invalid,
  family,
  engine,
  isResized,
  labMaxSide,
  speed,
}: {
  outcome: ImageCostOutcome | null;
  invalid: string[];
  family: VisionFamily;
  engine: OllamaEngine;
  isResized: boolean;
  labMaxSide: number;
  speed: number | null;
}) {
  const block = VISION_FAMILIES[family].factor;
  let headline: string;
  let explanation: string;
  const notes: string[] = [];
  let stats: { sent: [string, string]; grid: [string, string]; prefill: [string, string] } = {
    sent: ["—", ""],
    grid: ["—", ""],
    prefill: ["—", ""],
  };

  if (!outcome) {
    headline = "No estimate yet";
    explanation = `Fix the ${invalid.join(" and the ")} above; what you typed is kept.`;
  } else {
    const { sent } = outcome.cost;
    const sentDetail = !isResized
      ? "as it is: not resized"
      : sent.isScaled && sent.isPadded
        ? `shrunk to ${formatNumber(labMaxSide)} px, then padded to ${MIN_SIDE} px`
        : sent.isScaled
          ? `shrunk to fit ${formatNumber(labMaxSide)} px`
          : sent.isPadded
            ? `padded with white to ${MIN_SIDE} px`
            : "already small enough: unchanged";
    stats = { ...stats, sent: [size(sent.width, sent.height), sentDetail] };

    if (outcome.kind === "crash") {
      headline = "The model runner crashes: HTTP 500";
      explanation = `On the Go engine a side under ${block} px makes Ollama's runner stop ("model runner has unexpectedly stopped"). This image's shortest side is ${outcome.smallestSide} px.`;
      notes.push(
        `Tick "Resize as the lab does": the lab pads both sides to at least ${MIN_SIDE} px. Ollama 0.30 and later scales a tiny image up to the 1,024-token minimum instead of crashing.`,
      );
    } else {
      const { cost } = outcome;
      headline = `${outcome.isApproximate ? "About " : ""}${formatNumber(cost.tokens)} image tokens`;
      explanation = `${cost.grid.columns} × ${cost.grid.rows} blocks of ${block} × ${block} px make ${formatNumber(cost.gridTokens)} tokens, plus ${TOKENS_PER_IMAGE_MARKERS} that mark where the image starts and ends.`;
      stats = {
        ...stats,
        grid: [
          size(cost.grid.width, cost.grid.height),
          outcome.scaling === "up"
            ? "scaled up to the engine's minimum"
            : outcome.scaling === "down"
              ? "scaled down to the engine's maximum"
              : `each side rounded to whole ${block} px blocks`,
        ],
        prefill: [
          // an assumed speed makes every prefill time an estimate
          cost.prefillSeconds === null ? "—" : `about ${formatDuration(cost.prefillSeconds * 1000)}`,
          `at ${formatNumber(speed)} tokens/s, your assumption`,
        ],
      };
      if (engine === "llama-server") {
        notes.push(
          outcome.scaling === "up"
            ? "Ollama 0.30 and later gives every Qwen-VL image at least 1,024 tokens, so making this image smaller saves nothing."
            : "Ollama 0.30 and later gives every Qwen-VL image between 1,024 and 4,096 tokens.",
          "Its counts are replayed from llama.cpp's rounding, not measured: hence \u201cabout\u201d.",
        );
      } else {
        notes.push(
          family === "qwen2.5-vl" && engine === "go-1mp"
            ? "Before 0.13.4 the Go engine capped Qwen2.5-VL images at about 1 megapixel."
            : "The Go engine caps an image at about 2 megapixels.",
        );
        if (family === "qwen3-vl" && engine === "go-1mp")
          notes.push(
            "Qwen3-VL runs on Ollama 0.12.7 and later; up to 0.13.3 its images count as on 0.13.4 to 0.24 (the 1 MP cap was Qwen2.5-VL's).",
          );
      }
    }
  }

  return (
    <ResultPanel testId="token-explorer-result" headline={headline} explanation={explanation} notes={notes}>
      <Stat term="Sent to Ollama" value={stats.sent[0]} detail={stats.sent[1] || "\u00a0"} />
      <Stat term="The engine's resize" value={stats.grid[0]} detail={stats.grid[1] || "\u00a0"} />
      <Stat term="Prefill time" value={stats.prefill[0]} detail={stats.prefill[1] || "\u00a0"} />
    </ResultPanel>
  );
}
