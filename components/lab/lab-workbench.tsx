"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { startLabRunAction } from "@/app/lessons/[slug]/lab/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { RunResults } from "@/components/lab/run-results";
import { ScreenshotPicker } from "@/components/lab/screenshot-picker";
import type { LabImageView, LabRunView, ModelOption, LabRunSummary, SampleOption } from "@/components/lab/types";
import { PROMPT_KIND_INFO, PROMPT_KINDS, PROMPT_MAX_LENGTH, type PromptKind } from "@/lib/lab/prompt-kinds";
import { formatBytes, formatDateTime, formatNumber } from "@/lib/format";
import type { OllamaEngine } from "@/lib/ollama/engine";

const PROMPTS = PROMPT_KINDS.map((kind) => ({ kind, label: `${PROMPT_KIND_INFO[kind].label} prompt`, hint: PROMPT_KIND_INFO[kind].hint }));

function ModelSelect({
  id,
  label,
  models,
  value,
  onChange,
  kind,
}: {
  id: string;
  label: string;
  models: ModelOption[];
  value: string;
  onChange: (v: string) => void;
  kind: "text" | "vision";
}) {
  const chosen = models.find((m) => m.name === value);
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="min-h-11 rounded-lg border border-line-strong bg-surface px-3"
      >
        <option value="">
          {models.length ? "None (skip this column)" : `No ${kind === "vision" ? "vision" : "text-only"} model installed`}
        </option>
        {models.map((m) => (
          <option key={m.name} value={m.name}>
            {m.name} · {m.parameterSize} · {m.quantization}
          </option>
        ))}
      </select>
      {chosen ? (
        <p className="text-sm text-ink-muted" data-testid={`${id}-details`}>
          {formatBytes(chosen.sizeBytes)} download, {chosen.quantization}, context{" "}
          {chosen.contextLength ? formatNumber(chosen.contextLength) : "unknown"} tokens. Licence: {chosen.licence.summary}
          {chosen.licence.isNonCommercial ? <strong className="text-danger"> (non-commercial)</strong> : null}
          {chosen.isThinkingVariant ? (
            <strong className="mt-1 block text-warning">
              A thinking variant: it thinks even when asked not to, and may leave its answer empty. Prefer an instruct tag.
            </strong>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

export function LabWorkbench(props: {
  lesson: string;
  samples: SampleOption[];
  textModels: ModelOption[];
  visionModels: ModelOption[];
  ollama: { reachable: boolean; host: string; message: string | null; version: string | null; engine: OllamaEngine | null };
  pullCommands: string[];
  defaultPrompts: Record<PromptKind, string>;
  run: LabRunView | null;
  runs: LabRunSummary[];
  maxUploadMb: number;
  /** dates are shown in the platform's zone, the same on the server and in the browser */
  timeZone: string;
}) {
  const router = useRouter();
  const [image, setImage] = useState<LabImageView | null>(null);
  const [textModel, setTextModel] = useState(props.run?.textModel ?? props.textModels[0]?.name ?? "");
  const [visionModel, setVisionModel] = useState(props.run?.visionModel ?? props.visionModels[0]?.name ?? "");
  const [prompts, setPrompts] = useState<Record<PromptKind, string>>(props.run?.prompts ?? props.defaultPrompts);
  const [measureCold, setMeasureCold] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<string, string[]>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isStarting, startTransition] = useTransition();

  function run() {
    setMessage(null);
    setErrors({});
    if (!image) {
      setMessage("Choose a screenshot or a sample first.");
      document.getElementById("screenshot-file")?.focus();
      return;
    }
    startTransition(async () => {
      try {
        const result = await startLabRunAction({
          imageId: image.id,
          textModel: textModel || null,
          visionModel: visionModel || null,
          prompts,
          measureCold,
        });
        if (!result.ok) {
          setMessage(result.message);
          setErrors(result.fieldErrors ?? {});
          return;
        }
        router.push(`/lessons/${props.lesson}/lab?run=${result.value.runId}#run`, { scroll: false });
      } catch {
        setMessage("The server did not answer. Nothing you entered is lost; try again.");
      }
    });
  }

  const promptErrors = (errors.prompts ?? []).join(" ");

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
          image={image}
          onImage={setImage}
          engine={props.ollama.engine ?? "llama-server"}
          engineIsAssumed={!props.ollama.engine}
          maxUploadMb={props.maxUploadMb}
        />
      </section>

      <section aria-labelledby="models" className="scroll-mt-6">
        <h2 id="models" className="text-2xl font-semibold tracking-tight">
          2. Models
        </h2>
        {props.ollama.reachable ? (
          <>
            <p className="mt-1 mb-4 text-ink-muted">
              The text-only model never receives the image: it shows what a model that cannot see would say. Models come from the Ollama at{" "}
              <code>{props.ollama.host}</code>.
            </p>
            <div className="grid gap-6 md:grid-cols-2">
              <ModelSelect
                id="text-model"
                label="Text-only model"
                kind="text"
                models={props.textModels}
                value={textModel}
                onChange={setTextModel}
              />
              <ModelSelect
                id="vision-model"
                label="Vision model"
                kind="vision"
                models={props.visionModels}
                value={visionModel}
                onChange={setVisionModel}
              />
            </div>
            {!props.textModels.length || !props.visionModels.length ? (
              <Notice tone="info" className="mt-4" title="Install a recommended pair">
                <p>Run on the Ollama machine:</p>
                <pre className="mt-1 font-mono text-sm whitespace-pre-wrap">{props.pullCommands.join("\n")}</pre>
                <p className="mt-1">
                  Or ask an instructor to pull them from <Link href="/settings/models">Models</Link>.
                </p>
              </Notice>
            ) : null}
          </>
        ) : (
          <Notice tone="warning" className="mt-3" title="Ollama is not running, so only the OCR baseline can run">
            <p>{props.ollama.message}</p>
            <p className="mt-2">Start it on the machine that runs models, then pull a recommended pair:</p>
            <pre className="mt-1 font-mono text-sm whitespace-pre-wrap">{["ollama serve", ...props.pullCommands].join("\n")}</pre>
            <p className="mt-2">
              If Ollama runs on another machine, start Lesson Lab with OLLAMA_HOST pointing at it. Reload this page once it answers.
            </p>
          </Notice>
        )}
      </section>

      <section aria-labelledby="prompts" className="scroll-mt-6">
        <h2 id="prompts" className="text-2xl font-semibold tracking-tight">
          3. Prompts
        </h2>
        <p className="mt-1 mb-4 text-ink-muted">
          Three prompts, as the lesson asks. The defaults come from the lesson&apos;s vision_prompt_template; edit them freely.
        </p>
        <div className="grid gap-5 lg:grid-cols-3">
          {PROMPTS.map((p) => (
            <div key={p.kind} className="flex flex-col gap-1.5">
              <label htmlFor={`prompt-${p.kind}`} className="font-semibold">
                {p.label}
              </label>
              <p id={`prompt-${p.kind}-hint`} className="text-sm text-ink-muted">
                {p.hint}
              </p>
              <textarea
                id={`prompt-${p.kind}`}
                rows={5}
                maxLength={PROMPT_MAX_LENGTH}
                value={prompts[p.kind]}
                onChange={(e) => setPrompts((current) => ({ ...current, [p.kind]: e.target.value }))}
                aria-describedby={`prompt-${p.kind}-hint`}
                aria-invalid={!prompts[p.kind].trim() ? true : undefined}
                className="rounded-lg border border-line-strong bg-surface px-3 py-2 text-sm"
              />
              <p className="text-xs text-ink-muted">
                {prompts[p.kind].length}/{PROMPT_MAX_LENGTH}
              </p>
            </div>
          ))}
        </div>
        {promptErrors ? <p className="mt-2 text-sm text-danger">{promptErrors}</p> : null}
      </section>

      <section aria-labelledby="run" className="scroll-mt-6">
        <h2 id="run" className="text-2xl font-semibold tracking-tight">
          4. Run
        </h2>
        <div className="mt-3 flex flex-wrap items-center gap-5">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={measureCold}
              onChange={(e) => setMeasureCold(e.target.checked)}
              className="size-4 accent-accent"
            />
            Measure a cold start (unload each model first, so the load time is real)
          </label>
          <Button onClick={run} disabled={isStarting}>
            {isStarting ? "Starting…" : "Run comparison"}
          </Button>
        </div>
        <div aria-live="polite">
          {message ? (
            <Notice tone="danger" className="mt-4">
              {message}
            </Notice>
          ) : null}
        </div>
        {props.run ? <RunResults key={props.run.id} initial={props.run} /> : null}
      </section>

      <section aria-labelledby="earlier-runs">
        <h2 id="earlier-runs" className="text-xl font-semibold">
          Your earlier runs
        </h2>
        {props.runs.length ? (
          <ul className="mt-3 flex flex-col gap-2 text-sm">
            {props.runs.map((r) => (
              <li key={r.id}>
                <Link href={`/lessons/${props.lesson}/lab?run=${r.id}#run`} aria-current={props.run?.id === r.id ? "true" : undefined}>
                  {formatDateTime(r.createdAt, props.timeZone)}: {r.image.sampleId ?? r.image.fileName ?? "screenshot"} ·{" "}
                  {r.textModel ?? "no text model"} vs {r.visionModel ?? "no vision model"}
                </Link>{" "}
                <span className="text-ink-muted">({r.status.toLowerCase()})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-ink-muted">None yet. Your runs are kept here and open again with all their results.</p>
        )}
      </section>
    </div>
  );
}
