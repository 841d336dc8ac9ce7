import type { RubricLevels } from "@/lib/submissions/schemas";

// Rubric scoring. Pure: the review page shows the same total the server stores.

export type RubricLevel = { id: string; title: string; points: number; description: string };
export type RubricCriterion = { id: string; title: string; description: string; levels: RubricLevel[] };
/** A range of points and the grade it maps to; the bands cover 0 to the maximum with no gap. */
export type GradeBand = { id: string; title: string; min: number; max: number; description: string };
export type Rubric = { lab: string; criteria: RubricCriterion[]; gradeBands: GradeBand[] };

export type RubricScore = {
  /** points of the chosen levels */
  points: number;
  /** the most a write-up can get */
  max: number;
  /** criteria without a chosen level (by id) */
  unscored: string[];
};

export function scoreRubric(rubric: Pick<Rubric, "criteria">, levels: RubricLevels): RubricScore {
  let points = 0;
  let max = 0;
  const unscored: string[] = [];
  for (const criterion of rubric.criteria) {
    max += Math.max(...criterion.levels.map((l) => l.points));
    const chosen = criterion.levels.find((l) => l.id === levels[criterion.id]);
    if (chosen) points += chosen.points;
    else unscored.push(criterion.id);
  }
  return { points, max, unscored };
}

/** Chosen levels that name a criterion or level the rubric does not have. */
export function unknownLevels(rubric: Pick<Rubric, "criteria">, levels: RubricLevels): string[] {
  return Object.entries(levels)
    .filter(([criterion, level]) => !rubric.criteria.find((c) => c.id === criterion)?.levels.some((l) => l.id === level))
    .map(([criterion]) => criterion);
}

/** The band a number of points falls in (null outside every band, which a checked rubric rules out). */
export function gradeBandFor(bands: readonly GradeBand[], points: number): GradeBand | null {
  return bands.find((b) => points >= b.min && points <= b.max) ?? null;
}

/**
 * Why a set of bands cannot map every score to one grade, or null when it can: listed from the
 * highest band down, they must run from the maximum to 0 with no gap and no overlap.
 */
export function gradeBandProblem(bands: readonly GradeBand[], max: number): string | null {
  if (!bands.length) return "needs at least one band";
  let next = max;
  for (const band of bands) {
    if (band.min > band.max) return `"${band.id}" runs from ${band.min} down to ${band.max}`;
    if (band.max !== next)
      return `"${band.id}" should start at ${next} points, not ${band.max} (list bands from the top, with no gap or overlap)`;
    next = band.min - 1;
  }
  return next === -1 ? null : `the lowest band should end at 0 points, not ${next + 1}`;
}
