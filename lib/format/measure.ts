// Measured numbers for files people open in a spreadsheet: a timer's nanoseconds and a rate's
// float noise ("48.665951000060886") say nothing a reader can use, so exports round them once here.

/** roundTo(48.665951000060886, 2) -> 48.67; null and non-finite values stay null. */
export function roundTo(value: number | null | undefined, digits: number): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** Durations in milliseconds, to whole milliseconds. */
export const roundMs = (ms: number | null | undefined) => roundTo(ms, 0);

/** Tokens per second, to two decimals. */
export const roundRate = (rate: number | null | undefined) => roundTo(rate, 2);
