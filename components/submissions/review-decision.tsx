"use client";

import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { GradeBandText } from "@/components/submissions/rubric-guide";
import type { GradeBand, RubricScore } from "@/lib/submissions/scoring";

/** The grade: the rubric's points unless the instructor sets another, with the way back to them. */
export function GradeField({
  grade,
  score,
  bands,
  onChange,
}: {
  grade: number | null;
  score: RubricScore;
  /** the rubric's grade bands: the one the grade given falls in is shown under it */
  bands: readonly GradeBand[];
  onChange: (grade: number | null) => void;
}) {
  const idPrefix = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`${idPrefix}-grade`} className="font-semibold">
        Grade
      </label>
      <div className="flex items-center gap-2">
        <input
          id={`${idPrefix}-grade`}
          type="number"
          inputMode="numeric"
          min={0}
          max={score.max}
          value={grade ?? score.points}
          onChange={(e) => onChange(e.target.value === "" ? null : Math.max(0, Math.min(score.max, Math.round(Number(e.target.value)))))}
          aria-describedby={`${idPrefix}-grade-hint`}
          className="min-h-11 w-24 rounded-lg border border-line-strong bg-surface px-3 text-sm"
        />
        <span className="text-sm">/ {score.max}</span>
      </div>
      <GradeBandText bands={bands} points={grade ?? score.points} live className="text-sm" />
      <p id={`${idPrefix}-grade-hint`} className="text-xs text-ink-muted">
        The rubric gives {score.points} of {score.max}
        {score.unscored.length
          ? ` so far (${score.unscored.length} ${score.unscored.length === 1 ? "criterion" : "criteria"} to score)`
          : ""}
        . Adjust it if you need to.{" "}
        {grade !== null && grade !== score.points ? (
          <button type="button" className="underline" onClick={() => onChange(null)}>
            Use the rubric&apos;s points
          </button>
        ) : null}
      </p>
    </div>
  );
}

/** The last word on the review, with the message of the last thing done above it. */
export function DecisionPanel({
  notice,
  disabled,
  onDecide,
}: {
  notice: ReactNode;
  disabled: boolean;
  onDecide: (decision: "RETURNED" | "COMPLETED") => void;
}) {
  return (
    <>
      {notice}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" disabled={disabled} onClick={() => onDecide("RETURNED")}>
          Return for revision
        </Button>
        <Button disabled={disabled} onClick={() => onDecide("COMPLETED")}>
          Complete review
        </Button>
      </div>
    </>
  );
}
