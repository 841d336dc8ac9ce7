// Small descriptive statistics, shared by the quiz item analysis and the class evidence view.
// Pure; nulls and non-finite values are the caller's to filter out.

export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** Population standard deviation (n in the denominator), as item-analysis formulas use it. */
export function standardDeviation(values: readonly number[]): number {
  if (!values.length) return NaN;
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / values.length);
}

/** Linear interpolation between closest ranks (the usual "type 7" quantile). */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export type Spread = { n: number; min: number; q1: number; median: number; q3: number; max: number };

/** Median and spread (quartiles and range) of the finite values; null when there are none. */
export function spreadOf(values: readonly (number | null | undefined)[]): Spread | null {
  const finite = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (!finite.length) return null;
  return {
    n: finite.length,
    min: Math.min(...finite),
    q1: quantile(finite, 0.25),
    median: quantile(finite, 0.5),
    q3: quantile(finite, 0.75),
    max: Math.max(...finite),
  };
}
