import type { RubricLevels } from "@/lib/submissions/schemas";

// Rubric scoring. Pure: the review page shows the same total the server stores.

export type RubricLevel = { id: string; title: string; points: number; description: string };
export type RubricCriterion = { id: string; title: string; description: string; levels: RubricLevel[] };
export type Rubric = { lab: string; criteria: RubricCriterion[] };

export type RubricScore = {
  /** points of the chosen levels */
  points: number;
  /** the most a write-up can get */
  max: number;
  /** criteria without a chosen level (by id) */
  unscored: string[];
};

export function scoreRubric(rubric: Rubric, levels: RubricLevels): RubricScore {
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
export function unknownLevels(rubric: Rubric, levels: RubricLevels): string[] {
  return Object.entries(levels)
    .filter(([criterion, level]) => !rubric.criteria.find((c) => c.id === criterion)?.levels.some((l) => l.id === level))
    .map(([criterion]) => criterion);
}
