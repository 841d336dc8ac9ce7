import { mean, standardDeviation } from "@/lib/stats";

// The numbers behind the quiz item analysis, on plain arrays. Item scores are fractions of the
// item's maximum (0 to 1, the partial credit the student was given), so every formula here takes
// partial credit; with 0/1 scores each reduces to its classic all-or-nothing form.

/** Kelley's 27%: the upper and lower groups for the discrimination index D. */
export const GROUP_SHARE = 0.27;

/** Moodle's reading of its coefficient of internal consistency (docs.moodle.org/28, "Quiz report statistics"). */
export const RELIABILITY_LINES = { satisfactoryFrom: 0.75, unsatisfactoryBelow: 0.64 } as const;

export function groupSizeFor(attempts: number): number {
  return attempts === 0 ? 0 : Math.max(1, Math.round(GROUP_SHARE * attempts));
}

/**
 * Membership weights of the upper and lower groups (k attempts each, ranked by total). Attempts
 * tied at the cut share the places left between them, so the result does not depend on the order
 * attempts happen to be listed in (sorting would put an arbitrary one of them in).
 */
export function extremeGroupWeights(totals: readonly number[], size = groupSizeFor(totals.length)): { upper: number[]; lower: number[] } {
  const weigh = (better: (a: number, b: number) => boolean) => {
    const sorted = [...totals].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    const cut = sorted[size - 1];
    if (cut === undefined) return totals.map(() => 0);
    const ahead = totals.filter((t) => better(t, cut)).length;
    const tied = totals.filter((t) => t === cut).length;
    return totals.map((t) => (better(t, cut) ? 1 : t === cut ? (size - ahead) / tied : 0));
  };
  return { upper: weigh((a, b) => a > b), lower: weigh((a, b) => a < b) };
}

export function weightedShare(values: readonly number[], weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  return total === 0 ? NaN : values.reduce((sum, v, i) => sum + v * weights[i]!, 0) / total;
}

/** Mean item score (as a fraction) in the upper group minus in the lower group, ranked by total. */
export function discriminationIndex(item: readonly number[], totals: readonly number[]): number {
  const { upper, lower } = extremeGroupWeights(totals);
  return weightedShare(item, upper) - weightedShare(item, lower);
}

/** Pearson correlation; null when either side does not vary. */
export function correlation(xs: readonly number[], ys: readonly number[]): number | null {
  const sx = standardDeviation(xs);
  const sy = standardDeviation(ys);
  if (xs.length < 2 || !(sx > 0) || !(sy > 0)) return null;
  const mx = mean(xs);
  const my = mean(ys);
  const covariance = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0) / xs.length;
  return covariance / (sx * sy);
}

/**
 * The item's score against the rest of the test (total minus the item, so the item is not
 * correlated with itself). This is what Moodle's quiz statistics report calls the discrimination
 * index (covariance over the product of standard deviations, with "other marks" = total − mark);
 * for a 0/1 item it equals the point-biserial. Null when the item or the rest does not vary.
 */
export function restCorrelation(item: readonly number[], totals: readonly number[]): number | null {
  return correlation(
    item,
    totals.map((t, i) => t - item[i]!),
  );
}

/**
 * Cronbach's alpha over the columns (items) of a score matrix: k/(k−1) × (1 − Σ item variances /
 * total variance). Moodle's coefficient of internal consistency is this; with 0/1 items it is
 * KR-20. Null with fewer than two items or when every total is the same.
 */
export function cronbachAlpha(matrix: readonly (readonly number[])[]): number | null {
  const k = matrix[0]?.length ?? 0;
  const totals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const variance = standardDeviation(totals) ** 2;
  if (k < 2 || !(variance > 0)) return null;
  let itemVariance = 0;
  for (let j = 0; j < k; j++) itemVariance += standardDeviation(matrix.map((row) => row[j] ?? 0)) ** 2;
  return (k / (k - 1)) * (1 - itemVariance / variance);
}

export type ReliabilityReading = "satisfactory" | "middle" | "unsatisfactory";

/** Moodle's reading: 75% or more satisfactory, under 64% unsatisfactory. */
export function reliabilityReading(alpha: number): ReliabilityReading {
  if (alpha >= RELIABILITY_LINES.satisfactoryFrom) return "satisfactory";
  return alpha < RELIABILITY_LINES.unsatisfactoryBelow ? "unsatisfactory" : "middle";
}
