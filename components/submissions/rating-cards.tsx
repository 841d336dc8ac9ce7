"use client";

import { useId } from "react";
import { FieldError, TextareaField } from "@/components/ui/field";
import { cellLabel, fieldIdOf } from "@/lib/submissions/completeness";
import { WRITE_UP_LIMITS, type CellRating, type EvidenceCell, type WriteUp } from "@/lib/submissions/schemas";

type SetRating = (cellKey: string, change: Partial<CellRating>) => void;

/** "Rate each answer": one card per model answer of the chosen run, with its rating, note and flag. */
export function RatingCards({
  cells,
  ratings,
  errorOf,
  setRating,
}: {
  cells: EvidenceCell[];
  ratings: WriteUp["ratings"];
  errorOf: (field: string) => string | undefined;
  setRating: SetRating;
}) {
  return (
    <div className="flex flex-col gap-4">
      <h3 className="text-lg font-semibold">Rate each answer</h3>
      <div className="grid gap-4 lg:grid-cols-2">
        {cells.map((cell) => (
          <RatingCard
            key={cell.key}
            cell={cell}
            rating={ratings[cell.key]}
            error={errorOf(fieldIdOf.rating(cell.key))}
            setRating={setRating}
          />
        ))}
      </div>
    </div>
  );
}

function RatingCard({
  cell,
  rating,
  error,
  setRating,
}: {
  cell: EvidenceCell;
  rating: CellRating | undefined;
  error: string | undefined;
  setRating: SetRating;
}) {
  const idPrefix = useId();
  const groupId = fieldIdOf.rating(cell.key);
  const labelId = `${idPrefix}-${cell.key}-label`;
  return (
    <div className="flex min-w-0 flex-col gap-3 rounded-xl border border-line bg-surface p-4">
      <details className="text-sm">
        <summary className="cursor-pointer font-medium">
          {cell.column === "TEXT" ? "Text-only" : "Vision"} answer: {cellLabel(cell)}
        </summary>
        {/* Model output is untrusted text: shown as text only. */}
        <pre tabIndex={0} className="mt-2 max-h-48 overflow-auto rounded bg-sunken p-2 font-sans text-xs whitespace-pre-wrap">
          {cell.output || "(no text)"}
        </pre>
      </details>
      <div
        id={groupId}
        role="radiogroup"
        aria-labelledby={labelId}
        aria-describedby={error ? `${groupId}-error` : undefined}
        aria-invalid={error ? true : undefined}
      >
        <p id={labelId} className="text-sm font-semibold">
          Rating: {cellLabel(cell)}
        </p>
        <div className="mt-1 flex flex-wrap gap-1">
          {[1, 2, 3, 4, 5].map((n) => (
            <label
              key={n}
              className="relative flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-lg border border-line-strong px-2 text-sm has-checked:border-accent has-checked:bg-accent-soft has-checked:font-semibold has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-focus"
            >
              <input
                type="radio"
                name={`${idPrefix}-rating-${cell.key}`}
                value={n}
                checked={rating?.rating === n}
                onChange={() => setRating(cell.key, { rating: n })}
                className="absolute inset-0 cursor-pointer opacity-0"
              />
              {n}
            </label>
          ))}
        </div>
        <p className="mt-1 text-xs text-ink-muted">1: wrong or useless · 3: partly right · 5: right and complete</p>
        {error ? (
          <FieldError id={`${groupId}-error`} className="mt-1">
            {error}
          </FieldError>
        ) : null}
      </div>
      <TextareaField
        id={`${groupId}-note`}
        className="gap-1"
        label={
          <>
            Note: {cellLabel(cell)} <span className="font-normal text-ink-muted">(optional)</span>
          </>
        }
        rows={2}
        maxLength={WRITE_UP_LIMITS.note}
        value={rating?.note ?? ""}
        onChange={(e) => setRating(cell.key, { note: e.target.value })}
        controlClassName="text-sm"
      />
      {cell.column === "VISION" ? (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={rating?.guessedHiddenState ?? false}
            onChange={(e) => setRating(cell.key, { guessedHiddenState: e.target.checked })}
            className="size-4 accent-accent"
          />
          Guessed hidden state
        </label>
      ) : null}
    </div>
  );
}
