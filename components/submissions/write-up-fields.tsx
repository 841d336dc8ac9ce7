"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, SelectField, TextareaField, TextField } from "@/components/ui/field";
import { EvidenceTable } from "@/components/submissions/evidence-table";
import { RatingCards } from "@/components/submissions/rating-cards";
import type { EvidenceRunOption } from "@/lib/submissions/types";
import { cellLabel, countWords, fieldIdOf } from "@/lib/submissions/completeness";
import { RECOMMENDATION_LABELS, RECOMMENDATIONS, WRITE_UP_LIMITS, type CellRating, type WriteUp } from "@/lib/submissions/schemas";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils/cn";

export type UpdateWriteUp = (change: (current: WriteUp) => WriteUp) => void;

type SectionProps = {
  draft: WriteUp;
  update: UpdateWriteUp;
  errorOf: (field: string) => string | undefined;
};

// The write-up's fields keep their larger labels and smaller text than the family's defaults.
const look = { labelClassName: "text-base", controlClassName: "text-sm" };

/** The sections of the write-up, in the order the lesson asks for them. */
export function WriteUpFields({
  editable,
  evidenceRuns,
  openRunId,
  timeZone,
  ...section
}: SectionProps & { editable: boolean; evidenceRuns: EvidenceRunOption[]; openRunId: string | null; timeZone: string }) {
  const { draft, update, errorOf } = section;
  const run = evidenceRuns.find((r) => r.runId === draft.runId) ?? null;
  const setRating = (cellKey: string, change: Partial<CellRating>) =>
    update((d) => ({ ...d, ratings: { ...d.ratings, [cellKey]: { rating: null, note: "", ...d.ratings[cellKey], ...change } } }));
  const openRunQualifies = openRunId && openRunId !== draft.runId && evidenceRuns.some((r) => r.runId === openRunId);

  return (
    <fieldset disabled={!editable} className="mt-6 flex min-w-0 flex-col gap-8">
      <legend className="sr-only">Your write-up</legend>
      <div className="flex flex-col gap-3">
        <SelectField
          id={fieldIdOf.run}
          label="Run this write-up is about"
          hint="A finished run in which both models answered all three prompts. Its numbers are filled in below."
          error={errorOf(fieldIdOf.run)}
          value={draft.runId ?? ""}
          onValueChange={(runId) => update((d) => ({ ...d, runId: runId || null }))}
          {...look}
        >
          <option value="">{evidenceRuns.length ? "Choose a run" : "No finished run with both models yet"}</option>
          {evidenceRuns.map((r) => (
            <option key={r.runId} value={r.runId}>
              {formatDateTime(r.createdAt, timeZone)}: {r.sampleId ?? "your screenshot"} · {r.textModel} vs {r.visionModel}
            </option>
          ))}
        </SelectField>
        {openRunQualifies && editable ? (
          <Button variant="secondary" className="self-start" onClick={() => update((d) => ({ ...d, runId: openRunId }))}>
            Use the run shown above
          </Button>
        ) : null}
        {!evidenceRuns.length ? (
          <p className="text-sm text-ink-muted">
            Run a screenshot through a text-only and a vision model above; once both answer all three prompts, the run can be chosen here.
          </p>
        ) : null}
        {run ? <EvidenceTable cells={run.cells} /> : null}
      </div>

      {run ? (
        <RatingCards cells={run.cells.filter((c) => c.column !== "OCR")} ratings={draft.ratings} errorOf={errorOf} setRating={setRating} />
      ) : null}

      <TextareaField
        id={fieldIdOf.cannotKnow}
        label="What the text-only model cannot know"
        hint="One point per line: what no prompt could tell a model that never saw the screenshot."
        error={errorOf(fieldIdOf.cannotKnow)}
        rows={4}
        maxLength={WRITE_UP_LIMITS.cannotKnow}
        value={draft.cannotKnow}
        onChange={(e) => update((d) => ({ ...d, cannotKnow: e.target.value }))}
        {...look}
      />

      <div className="grid gap-4 md:grid-cols-[2fr_1fr]">
        <TextareaField
          id={fieldIdOf.failure}
          label="Surprising failure"
          hint="One thing that went wrong that you did not expect, described precisely."
          error={errorOf(fieldIdOf.failure)}
          rows={4}
          maxLength={WRITE_UP_LIMITS.failure}
          value={draft.failure.text}
          onChange={(e) => update((d) => ({ ...d, failure: { ...d.failure, text: e.target.value } }))}
          {...look}
        />
        <SelectField
          id={fieldIdOf.failureCell}
          label="Where it happened"
          error={errorOf(fieldIdOf.failureCell)}
          value={draft.failure.cell ?? ""}
          onValueChange={(cell) => update((d) => ({ ...d, failure: { ...d.failure, cell: (cell || null) as WriteUp["failure"]["cell"] } }))}
          {...look}
        >
          <option value="">{run ? "Choose an answer" : "Choose a run first"}</option>
          {run?.cells.map((c) => (
            <option key={c.key} value={c.key}>
              {cellLabel(c)}
            </option>
          ))}
        </SelectField>
      </div>

      <RecommendationSection {...section} />
    </fieldset>
  );
}

/** The recommendation: the choice, the narrow job when it is "narrow", and the paragraph with its word count. */
function RecommendationSection({ draft, update, errorOf }: SectionProps) {
  const idPrefix = useId();
  const choiceError = errorOf(fieldIdOf.recommendation);
  const words = countWords(draft.recommendation.paragraph);
  const setRecommendation = (change: Partial<WriteUp["recommendation"]>) =>
    update((d) => ({ ...d, recommendation: { ...d.recommendation, ...change } }));
  return (
    <div className="flex flex-col gap-4">
      <div
        id={fieldIdOf.recommendation}
        role="radiogroup"
        aria-labelledby={`${idPrefix}-recommendation`}
        aria-describedby={choiceError ? `${fieldIdOf.recommendation}-error` : undefined}
        aria-invalid={choiceError ? true : undefined}
      >
        <p id={`${idPrefix}-recommendation`} className="font-semibold">
          Recommendation
        </p>
        <div className="mt-2 flex flex-wrap gap-2">
          {RECOMMENDATIONS.map((choice) => (
            <label
              key={choice}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-line-strong px-3 text-sm has-checked:border-accent has-checked:bg-accent-soft"
            >
              <input
                type="radio"
                name={`${idPrefix}-recommendation`}
                value={choice}
                checked={draft.recommendation.choice === choice}
                onChange={() => setRecommendation({ choice })}
                className="size-4 accent-accent"
              />
              {RECOMMENDATION_LABELS[choice]}
            </label>
          ))}
        </div>
        {choiceError ? (
          <FieldError id={`${fieldIdOf.recommendation}-error`} className="mt-1">
            {choiceError}
          </FieldError>
        ) : null}
      </div>
      {draft.recommendation.choice === "narrow" ? (
        <TextField
          id={fieldIdOf.narrowJob}
          label="Narrow job"
          hint="The one job you would use it for."
          error={errorOf(fieldIdOf.narrowJob)}
          maxLength={WRITE_UP_LIMITS.narrowJob}
          value={draft.recommendation.narrowJob}
          onChange={(e) => setRecommendation({ narrowJob: e.target.value })}
          {...look}
        />
      ) : null}
      <TextareaField
        id={fieldIdOf.paragraph}
        label="Recommendation paragraph"
        hint={`One paragraph, ${WRITE_UP_LIMITS.minWords} to ${WRITE_UP_LIMITS.maxWords} words: the decision and why, from the evidence above.`}
        error={errorOf(fieldIdOf.paragraph)}
        describedBy={[`${fieldIdOf.paragraph}-count`]}
        after={
          <p
            id={`${fieldIdOf.paragraph}-count`}
            aria-live="polite"
            className={cn(
              "text-sm",
              words > 0 && (words < WRITE_UP_LIMITS.minWords || words > WRITE_UP_LIMITS.maxWords) ? "text-warning" : "text-ink-muted",
            )}
            data-testid="word-count"
          >
            {words} {words === 1 ? "word" : "words"} ({WRITE_UP_LIMITS.minWords} to {WRITE_UP_LIMITS.maxWords})
          </p>
        }
        rows={7}
        maxLength={WRITE_UP_LIMITS.paragraph}
        value={draft.recommendation.paragraph}
        onChange={(e) => setRecommendation({ paragraph: e.target.value })}
        {...look}
      />
    </div>
  );
}
