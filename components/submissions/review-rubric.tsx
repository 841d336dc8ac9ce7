"use client";

import { useId } from "react";
import type { RubricLevels } from "@/lib/submissions/schemas";
import type { RubricCriterion } from "@/lib/submissions/scoring";

/**
 * The rubric: one radio group per criterion, each level with its points and description. On a
 * resubmission, the level the previous version's review chose says "from v1" (in its name too), so
 * the reviewer sees where each score started.
 */
export function ReviewRubric({
  rubric,
  levels,
  previous,
  onChoose,
}: {
  rubric: RubricCriterion[];
  levels: RubricLevels;
  previous: { version: number; levels: RubricLevels } | null;
  onChoose: (criterionId: string, levelId: string) => void;
}) {
  const idPrefix = useId();
  return (
    <fieldset className="flex flex-col gap-5">
      <legend className="text-lg font-semibold">Rubric</legend>
      {previous && Object.keys(previous.levels).length ? (
        <p className="text-sm text-ink-muted">
          Started from version {previous.version}&apos;s review: each level marked “from v{previous.version}” is what it was given then.
          Change any of them.
        </p>
      ) : null}
      {rubric.map((criterion) => {
        const labelId = `${idPrefix}-${criterion.id}`;
        return (
          <div
            key={criterion.id}
            role="radiogroup"
            aria-labelledby={labelId}
            aria-describedby={`${labelId}-description`}
            className="flex flex-col gap-2"
          >
            <p id={labelId} className="font-semibold">
              {criterion.title}
            </p>
            <p id={`${labelId}-description`} className="text-sm text-ink-muted">
              {criterion.description}
            </p>
            {criterion.levels.map((level) => (
              <label
                key={level.id}
                className="flex cursor-pointer gap-2 rounded-lg border border-line p-2 text-sm has-checked:border-accent has-checked:bg-accent-soft"
              >
                <input
                  type="radio"
                  name={`${idPrefix}-level-${criterion.id}`}
                  value={level.id}
                  checked={levels[criterion.id] === level.id}
                  onChange={() => onChoose(criterion.id, level.id)}
                  className="mt-0.5 size-4 shrink-0 accent-accent"
                />
                <span>
                  <span className="font-medium">
                    {level.title} ({level.points} {level.points === 1 ? "point" : "points"})
                  </span>
                  {previous?.levels[criterion.id] === level.id ? (
                    <span className="ml-2 rounded-full border border-line-strong px-1.5 text-xs font-semibold whitespace-nowrap">
                      from v{previous.version}
                    </span>
                  ) : null}
                  <span className="block text-ink-muted">{level.description}</span>
                </span>
              </label>
            ))}
          </div>
        );
      })}
    </fieldset>
  );
}
