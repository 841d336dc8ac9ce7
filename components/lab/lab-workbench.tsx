"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useTransition, type ReactNode } from "react";
import { CircleAlert, LoaderCircle } from "lucide-react";
import { startLabRunAction } from "@/app/lessons/[slug]/lab/actions";
import type { ActionFailure } from "@/lib/action-result";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { RunResults } from "@/components/lab/run-results";
import type { SampleTruth } from "@/lib/lab/types";
import { ScreenshotPicker } from "@/components/lab/screenshot-picker";
import type { LabImageView, LabRunView, ModelOption, LabRunSummary, SampleOption } from "@/components/lab/types";
import { PROMPT_KIND_INFO, PROMPT_KINDS, PROMPT_MAX_LENGTH, type PromptKind } from "@/lib/lab/prompt-kinds";
import { formatBytes, formatDateTime, formatNumber, plural } from "@/lib/format";
import { RUN_OUTCOME_LABELS } from "@/lib/lab/run-status";
import { ALL_DEFENCES, NO_PREDICTIONS, type Defences, type Predictions } from "@/lib/lab/schemas";
import { cn } from "@/lib/utils/cn";
import type { OllamaEngine } from "@/lib/ollama/engine";

/** The form's fields in page order: the first with an error is the one shown and focused. */
const FIELDS = ["screenshot", "text-model", "vision-model", ...PROMPT_KINDS.map((k) => `prompt-${k}` as const), "predict-tokens"] as const;
type Field = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<Field, string>>;
/** Each field's control; its message is `${field}-error`. */
const FIELD_CONTROLS: Record<Field, string> = {
  screenshot: "screenshot-file",
  "text-model": "text-model",
  "vision-model": "vision-model",
  "prompt-easy": "prompt-easy",
  "prompt-task": "prompt-task",
  "prompt-failure": "prompt-failure",
  "predict-tokens": "predict-tokens",
};

const TOKEN_GUESS_ERROR = "Predict a whole number of tokens between 1 and 100,000, or leave it empty.";
const isTokenGuess = (n: number) => Number.isInteger(n) && n >= 1 && n <= 100_000;
const readTokenGuess = (text: string) => (text.trim() ? Number(text.trim().replace(/[,\s]/g, "")) : null);

/** A refused start, put next to what it is about: the screenshot, a model, the prompts; anything else by the Run button. */
function placeFailure(failure: ActionFailure, chosen: { textModel: string; visionModel: string }): [FieldErrors, string | null] {
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

const PROMPTS = PROMPT_KINDS.map((kind) => ({ kind, label: `${PROMPT_KIND_INFO[kind].label} prompt`, hint: PROMPT_KIND_INFO[kind].hint }));

function ModelSelect({
  id,
  label,
  models,
  value,
  onChange,
  kind,
  error,
}: {
  id: string;
  label: string;
  models: ModelOption[];
  value: string;
  onChange: (v: string) => void;
  kind: "text" | "vision";
  error?: string;
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
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cn(FIELD_CLASSES, "min-h-11 px-3")}
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
      {error ? <FieldError id={`${id}-error`}>{error}</FieldError> : null}
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
  const router = useRouter();
  const [image, setImage] = useState<LabImageView | null>(null);
  const [textModel, setTextModel] = useState(props.run?.textModel ?? props.textModels[0]?.name ?? "");
  const [visionModel, setVisionModel] = useState(props.run?.visionModel ?? props.visionModels[0]?.name ?? "");
  const [prompts, setPrompts] = useState<Record<PromptKind, string>>(props.run?.prompts ?? props.defaultPrompts);
  const [measureCold, setMeasureCold] = useState(false);
  const [defences, setDefences] = useState<Defences>(props.run?.defences ?? ALL_DEFENCES);
  const [predictions, setPredictions] = useState<Predictions>(NO_PREDICTIONS);
  const [tokenGuess, setTokenGuess] = useState("");
  const [liveRun, setLiveRun] = useState<LabRunView | null>(props.run);
  const [notice, setNotice] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [isStarting, startTransition] = useTransition();
  // Set with the errors, acted on once they are on screen: the first one is scrolled into sight
  // and its control (or, without one, the message) takes focus.
  const [reveal, setReveal] = useState<{ field: Field | "run"; at: number } | null>(null);
  useEffect(() => {
    if (!reveal) return;
    const errorId = reveal.field === "run" ? "run-error" : `${reveal.field}-error`;
    const control = document.getElementById(reveal.field === "run" ? "run-button" : FIELD_CONTROLS[reveal.field]);
    document.getElementById(errorId)?.scrollIntoView({ block: "center" });
    control?.focus({ preventScroll: true });
  }, [reveal]);

  const clearError = (field: Field) => setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  const chooseImage = useCallback((chosen: LabImageView) => {
    setImage(chosen);
    setErrors((current) => (current.screenshot ? { ...current, screenshot: undefined } : current));
  }, []);

  // The open run reports its changes, so the run list says how it is going without a reload; any
  // other run still going is checked every few seconds.
  const onRunChange = useCallback((run: LabRunView) => setLiveRun(run), []);
  const runs = props.runs.map((r) => (liveRun && r.id === liveRun.id ? { ...r, outcome: liveRun.outcome, tally: liveRun.tally } : r));
  const othersRunning = runs.some((r) => r.id !== liveRun?.id && (r.outcome === "running" || r.outcome === "queued"));
  useEffect(() => {
    if (!othersRunning) return;
    const timer = setInterval(() => router.refresh(), 5000);
    return () => clearInterval(timer);
  }, [othersRunning, router]);

  function runAgain(run: LabRunView) {
    // The form is refilled: complaints about what it held before no longer apply.
    setErrors({});
    setMessage(null);
    if (props.runImage) setImage(props.runImage);
    setTextModel(run.textModel ?? "");
    setVisionModel(run.visionModel ?? "");
    setPrompts(run.prompts);
    setMeasureCold(run.measureCold);
    setDefences(run.defences);
    setPredictions(NO_PREDICTIONS);
    setTokenGuess("");
    setNotice("The form holds this run's screenshot, models, prompts and defences. Change what you like, predict, then run.");
    document.getElementById("screenshot")?.scrollIntoView({ block: "start" });
    document.getElementById("run-button")?.focus({ preventScroll: true });
  }

  function showErrors(found: FieldErrors, general: string | null = null) {
    setErrors(found);
    setMessage(general);
    const first = FIELDS.find((f) => found[f]);
    if (first || general) setReveal({ field: first ?? "run", at: Date.now() });
  }

  function run() {
    if (isStarting) return;
    setMessage(null);
    setNotice(null);
    const imageTokens = readTokenGuess(tokenGuess);
    const found: FieldErrors = {};
    if (!image) found.screenshot = "Choose a screenshot or a sample first.";
    for (const kind of PROMPT_KINDS) if (!prompts[kind].trim()) found[`prompt-${kind}`] = "Write a prompt.";
    if (imageTokens !== null && !isTokenGuess(imageTokens)) found["predict-tokens"] = TOKEN_GUESS_ERROR;
    if (!image || Object.keys(found).length) {
      showErrors(found);
      return;
    }
    setErrors({});
    startTransition(async () => {
      try {
        const result = await startLabRunAction({
          imageId: image.id,
          textModel: textModel || null,
          visionModel: visionModel || null,
          prompts,
          measureCold,
          defences,
          predictions: { ...predictions, imageTokens },
        });
        if (!result.ok) {
          showErrors(...placeFailure(result, { textModel, visionModel }));
          return;
        }
        router.push(`/lessons/${props.lesson}/lab?run=${result.value.runId}#run`, { scroll: false });
      } catch {
        showErrors({}, "The server did not answer, so the run did not start. Nothing you entered is lost; try again.");
      }
    });
  }

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
          onImage={chooseImage}
          error={errors.screenshot ?? null}
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
                error={errors["text-model"]}
                onChange={(model) => {
                  setTextModel(model);
                  clearError("text-model");
                }}
              />
              <ModelSelect
                id="vision-model"
                label="Vision model"
                kind="vision"
                models={props.visionModels}
                value={visionModel}
                error={errors["vision-model"]}
                onChange={(model) => {
                  setVisionModel(model);
                  clearError("vision-model");
                }}
              />
            </div>
            {!props.textModels.length || !props.visionModels.length ? (
              props.showOperatorHelp ? (
                <Notice tone="info" className="mt-4" title="Install a recommended pair">
                  <p>Run on the Ollama machine:</p>
                  <pre className="mt-1 font-mono text-sm whitespace-pre-wrap">{props.pullCommands.join("\n")}</pre>
                  <p className="mt-1">
                    Or pull them from <Link href="/settings/models">Models</Link>.
                  </p>
                </Notice>
              ) : (
                <Notice tone="info" className="mt-4" title="A model is missing: ask your instructor">
                  <p>
                    Ask your instructor to install a recommended pair of models in Ollama: {pairList(props.pullCommands)}. They can do it
                    from the Models page.
                  </p>
                </Notice>
              )
            ) : null}
          </>
        ) : props.showOperatorHelp ? (
          <Notice tone="warning" className="mt-3" title="Ollama is not running, so only the OCR baseline can run">
            <p>{props.ollama.message}</p>
            <p className="mt-2">Start it on the machine that runs models, then pull a recommended pair:</p>
            <pre className="mt-1 font-mono text-sm whitespace-pre-wrap">{["ollama serve", ...props.pullCommands].join("\n")}</pre>
            <p className="mt-2">
              Reload this page once it answers. The <Link href="/settings/models">Models page</Link> shows the address Lesson Lab expects
              Ollama at, and pulls models for you.
            </p>
          </Notice>
        ) : (
          <Notice tone="warning" className="mt-3" title="The models are not available, so only the OCR baseline can run">
            <p>
              Lesson Lab cannot reach Ollama, the program that runs the models. Ask your instructor to start Ollama on the machine that runs
              models (with {pairList(props.pullCommands)} installed), then reload this page. You can still run the OCR baseline now.
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
                onChange={(e) => {
                  setPrompts((current) => ({ ...current, [p.kind]: e.target.value }));
                  if (e.target.value.trim()) clearError(`prompt-${p.kind}`);
                }}
                aria-describedby={errors[`prompt-${p.kind}`] ? `prompt-${p.kind}-error prompt-${p.kind}-hint` : `prompt-${p.kind}-hint`}
                aria-invalid={errors[`prompt-${p.kind}`] ? true : undefined}
                className={cn(FIELD_CLASSES, "px-3 py-2 text-sm")}
              />
              {errors[`prompt-${p.kind}`] ? <FieldError id={`prompt-${p.kind}-error`}>{errors[`prompt-${p.kind}`]}</FieldError> : null}
              <p className="text-xs text-ink-muted">
                {prompts[p.kind].length}/{PROMPT_MAX_LENGTH}
              </p>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="run" className="scroll-mt-6">
        <h2 id="run" className="text-2xl font-semibold tracking-tight">
          4. Predict, then run
        </h2>
        <p className="mt-1 text-ink-muted">
          Say what you expect before you see it (optional): the results compare your predictions with what was measured.
        </p>
        <fieldset className="mt-4 grid gap-5 rounded-xl border border-line p-4 md:grid-cols-3">
          <legend className="px-1 font-semibold">Your predictions</legend>
          <div className="flex flex-col gap-1.5">
            <label htmlFor="predict-tokens" className="text-sm font-semibold">
              Image tokens this screenshot will cost
            </label>
            <input
              id="predict-tokens"
              inputMode="numeric"
              autoComplete="off"
              value={tokenGuess}
              onChange={(e) => {
                setTokenGuess(e.target.value);
                const guess = readTokenGuess(e.target.value);
                if (guess === null || isTokenGuess(guess)) clearError("predict-tokens");
              }}
              aria-invalid={errors["predict-tokens"] ? true : undefined}
              aria-describedby={errors["predict-tokens"] ? "predict-tokens-error" : "predict-tokens-hint"}
              className={cn(FIELD_CLASSES, "min-h-11 px-3")}
            />
            {errors["predict-tokens"] ? (
              <FieldError id="predict-tokens-error">{errors["predict-tokens"]}</FieldError>
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
            onChange={(faster) => setPredictions((p) => ({ ...p, faster: faster as Predictions["faster"] }))}
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
            onChange={(controls) => setPredictions((p) => ({ ...p, controls: controls as Predictions["controls"] }))}
          />
        </fieldset>
        <fieldset className="mt-4 flex flex-col gap-2 rounded-xl border border-line p-4">
          <legend className="px-1 font-semibold">Defences</legend>
          <p className="text-sm text-ink-muted">
            Both are on by default. Switch one off to see the undefended contrast; the run records which were on.
          </p>
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              checked={defences.textOnlyNote}
              onChange={(e) => setDefences((d) => ({ ...d, textOnlyNote: e.target.checked }))}
              className="mt-1 size-4 accent-accent"
            />
            <span>Text-only prompt: say that no image was sent, and not to guess</span>
          </label>
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              checked={defences.injectionLine}
              onChange={(e) => setDefences((d) => ({ ...d, injectionLine: e.target.checked }))}
              className="mt-1 size-4 accent-accent"
            />
            <span>Vision prompt: say that text in the image is content, not an instruction</span>
          </label>
        </fieldset>
        <div className="mt-4 flex flex-wrap items-center gap-5">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={measureCold}
              onChange={(e) => setMeasureCold(e.target.checked)}
              className="size-4 accent-accent"
            />
            Measure a cold start (unload each model first, so the load time is real)
          </label>
          {/* aria-disabled rather than disabled while starting: the button keeps focus, so a refusal is read from it. */}
          <Button
            id="run-button"
            onClick={run}
            aria-disabled={isStarting || undefined}
            aria-busy={isStarting || undefined}
            aria-describedby={message ? "run-error" : undefined}
            className="min-w-44 aria-disabled:cursor-progress"
          >
            {isStarting ? (
              <>
                <LoaderCircle aria-hidden="true" className="size-4 motion-safe:animate-spin" />
                Starting the run…
              </>
            ) : (
              "Run comparison"
            )}
          </Button>
        </div>
        <div aria-live="polite" className="scroll-my-6">
          {isStarting ? <p className="sr-only">Starting the run…</p> : null}
          {message ? (
            <div id="run-error" className="mt-4">
              <Notice tone="danger" title="The run did not start">
                {message}
              </Notice>
            </div>
          ) : null}
          {notice ? (
            <Notice tone="info" className="mt-4">
              {notice}
            </Notice>
          ) : null}
        </div>
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

      <section aria-labelledby="earlier-runs">
        <h2 id="earlier-runs" className="text-xl font-semibold">
          Your earlier runs
        </h2>
        {runs.length ? (
          <ul className="mt-3 flex flex-col gap-2 text-sm" data-testid="run-list">
            {runs.map((r) => (
              <li key={r.id}>
                <Link href={`/lessons/${props.lesson}/lab?run=${r.id}#run`} aria-current={props.run?.id === r.id ? "true" : undefined}>
                  {formatDateTime(r.createdAt, props.timeZone)}: {r.image.sampleId ?? r.image.fileName ?? "screenshot"} ·{" "}
                  {r.textModel ?? "no text model"} vs {r.visionModel ?? "no vision model"}
                </Link>{" "}
                <span className={cn(r.outcome === "done-with-failures" ? "text-danger" : "text-ink-muted")} data-testid="run-list-outcome">
                  ({RUN_OUTCOME_LABELS[r.outcome].toLowerCase()}
                  {r.outcome === "running" ? `: ${r.tally.finished} of ${r.tally.total} ${plural(r.tally.total, "cell")}` : ""})
                </span>
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

/** "qwen3:4b-instruct and qwen3-vl:4b-instruct, or llama3.2:3b and qwen2.5vl:3b" from the pull commands. */
function pairList(pullCommands: string[]): string {
  const tags = pullCommands.map((c) => c.replace(/^ollama pull /, ""));
  const pairs: string[] = [];
  for (let i = 0; i + 1 < tags.length; i += 2) pairs.push(`${tags[i]} and ${tags[i + 1]}`);
  return pairs.join(", or ");
}

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

// A control with an error is focused by script, often after a click, when browsers would not
// otherwise draw the focus ring.
const FIELD_CLASSES =
  "rounded-lg border border-line-strong bg-surface aria-invalid:border-danger aria-invalid:ring-1 aria-invalid:ring-danger aria-invalid:focus:outline-3 aria-invalid:focus:outline-offset-2 aria-invalid:focus:outline-focus";

function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="flex items-start gap-1.5 text-sm font-semibold text-danger">
      <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </p>
  );
}
