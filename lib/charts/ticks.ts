// Axis ticks for the hand-made SVG charts. Pure, so the labels can be tested against the ticks they
// name: a step of 2.5 is labelled "2.5", never rounded to "3" (the walk of 2026-12-06, finding 21).

export type Ticks = {
  /** 0, step, 2 x step, … up to the first tick at or above the data's maximum */
  values: number[];
  step: number;
  /** the last tick: the axis's end */
  max: number;
  /** the fraction digits every label needs to name its tick exactly */
  decimals: number;
};

/** Steps: these times a power of ten. */
const STEPS = [1, 2, 2.5, 5, 10];

const round = (x: number) => Number(x.toPrecision(12));

/** Fraction digits `x` needs to be written exactly (2.5 -> 1, 0.25 -> 2, 5 -> 0), at most 10. */
export function decimalsOf(x: number): number {
  for (let digits = 0; digits < 10; digits++) {
    const scaled = round(Math.abs(x) * 10 ** digits);
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9) return digits;
  }
  return 10;
}

/**
 * Ticks from 0 to a round end at or above `max`, in about `count` steps of 1, 2, 2.5 or 5 times a
 * power of ten. `integer`: whole steps only (counts, or a small range where 0.5 would mislead).
 */
export function niceTicks(max: number, { count = 4, integer = false }: { count?: number; integer?: boolean } = {}): Ticks {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const raw = top / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const candidates = STEPS.map((m) => round(m * power)).filter((s) => !integer || Number.isInteger(s));
  const step = candidates.find((s) => s >= raw) ?? (integer ? Math.max(1, Math.ceil(raw)) : round(10 * power));
  const steps = Math.max(1, Math.ceil(round(top / step)));
  const values = Array.from({ length: steps + 1 }, (_, i) => round(i * step));
  return { values, step, max: values[values.length - 1]!, decimals: decimalsOf(step) };
}
