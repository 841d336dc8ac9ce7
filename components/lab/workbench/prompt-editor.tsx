import { FieldError } from "@/components/ui/field";
import { FIELD_CLASSES } from "@/components/lab/workbench/field-classes";
import { PROMPT_KIND_INFO, PROMPT_KINDS, PROMPT_MAX_LENGTH, type PromptKind } from "@/lib/lab/prompt-kinds";
import type { FieldErrors } from "@/lib/lab/workbench-state";
import { cn } from "@/lib/utils/cn";

const PROMPTS = PROMPT_KINDS.map((kind) => ({ kind, label: `${PROMPT_KIND_INFO[kind].label} prompt`, hint: PROMPT_KIND_INFO[kind].hint }));

/** Section 3: the lesson's three prompts, each with its hint, its error and a character count. */
export function PromptEditor({
  prompts,
  errors,
  onPrompt,
}: {
  prompts: Record<PromptKind, string>;
  errors: FieldErrors;
  onPrompt: (kind: PromptKind, text: string) => void;
}) {
  return (
    <section aria-labelledby="prompts" className="scroll-mt-6">
      <h2 id="prompts" className="text-2xl font-semibold tracking-tight">
        3. Prompts
      </h2>
      <p className="mt-1 mb-4 text-ink-muted">
        Three prompts, as the lesson asks. The defaults come from the lesson&apos;s vision_prompt_template; edit them freely.
      </p>
      <div className="grid gap-5 lg:grid-cols-3">
        {PROMPTS.map((p) => {
          const error = errors[`prompt-${p.kind}`];
          return (
            <div key={p.kind} className="flex flex-col gap-1.5">
              <label htmlFor={`prompt-${p.kind}`} className="font-semibold">
                {p.label}
              </label>
              <p id={`prompt-${p.kind}-hint`} className="text-sm text-ink-muted">
                {p.hint}
              </p>
              {/* The error is read before the hint: fieldWiring would read the hint first. */}
              <textarea
                id={`prompt-${p.kind}`}
                rows={5}
                maxLength={PROMPT_MAX_LENGTH}
                value={prompts[p.kind]}
                onChange={(e) => onPrompt(p.kind, e.target.value)}
                aria-describedby={error ? `prompt-${p.kind}-error prompt-${p.kind}-hint` : `prompt-${p.kind}-hint`}
                aria-invalid={error ? true : undefined}
                className={cn(FIELD_CLASSES, "px-3 py-2 text-sm")}
              />
              {error ? (
                <FieldError id={`prompt-${p.kind}-error`} icon>
                  {error}
                </FieldError>
              ) : null}
              <p className="text-xs text-ink-muted">
                {prompts[p.kind].length}/{PROMPT_MAX_LENGTH}
              </p>
            </div>
          );
        })}
      </div>
    </section>
  );
}
