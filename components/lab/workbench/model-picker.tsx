import Link from "next/link";
import { FieldError, fieldWiring } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { ModelOption } from "@/components/lab/types";
import { FIELD_CLASSES } from "@/components/lab/workbench/field-classes";
import { formatBytes, formatNumber } from "@/lib/format";
import { cn } from "@/lib/utils/cn";

/** "qwen3:4b-instruct and qwen3-vl:4b-instruct, or llama3.2:3b and qwen2.5vl:3b" from the pull commands. */
function pairList(pullCommands: string[]): string {
  const tags = pullCommands.map((c) => c.replace(/^ollama pull /, ""));
  const pairs: string[] = [];
  for (let i = 0; i + 1 < tags.length; i += 2) pairs.push(`${tags[i]} and ${tags[i + 1]}`);
  return pairs.join(", or ");
}

// Its own layout rather than SelectField: the error sits between the list and the model's details.
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
  const { control, errorId } = fieldWiring({ id, error });
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <select {...control} value={value} onChange={(e) => onChange(e.target.value)} className={cn(FIELD_CLASSES, "min-h-11 px-3")}>
        <option value="">
          {models.length ? "None (skip this column)" : `No ${kind === "vision" ? "vision" : "text-only"} model installed`}
        </option>
        {models.map((m) => (
          <option key={m.name} value={m.name}>
            {m.name} · {m.parameterSize} · {m.quantization}
          </option>
        ))}
      </select>
      {errorId ? (
        <FieldError id={errorId} icon>
          {error}
        </FieldError>
      ) : null}
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

/** What to do when a model is missing, or Ollama is not there: commands for an operator, "ask your instructor" otherwise. */
function MissingModels({ pullCommands, showOperatorHelp }: { pullCommands: string[]; showOperatorHelp: boolean }) {
  return showOperatorHelp ? (
    <Notice tone="info" className="mt-4" title="Install a recommended pair">
      <p>Run on the Ollama machine:</p>
      <pre className="mt-1 font-mono text-sm whitespace-pre-wrap">{pullCommands.join("\n")}</pre>
      <p className="mt-1">
        Or pull them from <Link href="/settings/models">Models</Link>.
      </p>
    </Notice>
  ) : (
    <Notice tone="info" className="mt-4" title="A model is missing: ask your instructor">
      <p>
        Ask your instructor to install a recommended pair of models in Ollama: {pairList(pullCommands)}. They can do it from the Models
        page.
      </p>
    </Notice>
  );
}

function OllamaDown({
  message,
  pullCommands,
  showOperatorHelp,
}: {
  message: string | null;
  pullCommands: string[];
  showOperatorHelp: boolean;
}) {
  return showOperatorHelp ? (
    <Notice tone="warning" className="mt-3" title="Ollama is not running, so only the OCR baseline can run">
      <p>{message}</p>
      <p className="mt-2">Start it on the machine that runs models, then pull a recommended pair:</p>
      <pre className="mt-1 font-mono text-sm whitespace-pre-wrap">{["ollama serve", ...pullCommands].join("\n")}</pre>
      <p className="mt-2">
        Reload this page once it answers. The <Link href="/settings/models">Models page</Link> shows the address Lesson Lab expects Ollama
        at, and pulls models for you.
      </p>
    </Notice>
  ) : (
    <Notice tone="warning" className="mt-3" title="The models are not available, so only the OCR baseline can run">
      <p>
        Lesson Lab cannot reach Ollama, the program that runs the models. Ask your instructor to start Ollama on the machine that runs
        models (with {pairList(pullCommands)} installed), then reload this page. You can still run the OCR baseline now.
      </p>
    </Notice>
  );
}

/** Section 2: the text-only and vision models, from the Ollama the lab talks to. */
export function ModelPicker({
  ollama,
  textModels,
  visionModels,
  textModel,
  visionModel,
  errors,
  onTextModel,
  onVisionModel,
  pullCommands,
  showOperatorHelp,
}: {
  ollama: { reachable: boolean; host: string; message: string | null };
  textModels: ModelOption[];
  visionModels: ModelOption[];
  textModel: string;
  visionModel: string;
  errors: { "text-model"?: string; "vision-model"?: string };
  onTextModel: (model: string) => void;
  onVisionModel: (model: string) => void;
  pullCommands: string[];
  showOperatorHelp: boolean;
}) {
  return (
    <section aria-labelledby="models" className="scroll-mt-6">
      <h2 id="models" className="text-2xl font-semibold tracking-tight">
        2. Models
      </h2>
      {ollama.reachable ? (
        <>
          <p className="mt-1 mb-4 text-ink-muted">
            The text-only model never receives the image: it shows what a model that cannot see would say. Models come from the Ollama at{" "}
            <code>{ollama.host}</code>.
          </p>
          <div className="grid gap-6 md:grid-cols-2">
            <ModelSelect
              id="text-model"
              label="Text-only model"
              kind="text"
              models={textModels}
              value={textModel}
              error={errors["text-model"]}
              onChange={onTextModel}
            />
            <ModelSelect
              id="vision-model"
              label="Vision model"
              kind="vision"
              models={visionModels}
              value={visionModel}
              error={errors["vision-model"]}
              onChange={onVisionModel}
            />
          </div>
          {!textModels.length || !visionModels.length ? (
            <MissingModels pullCommands={pullCommands} showOperatorHelp={showOperatorHelp} />
          ) : null}
        </>
      ) : (
        <OllamaDown message={ollama.message} pullCommands={pullCommands} showOperatorHelp={showOperatorHelp} />
      )}
    </section>
  );
}
