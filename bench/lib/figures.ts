import { quantile } from "../../lib/stats";

// What every bench section hands back: one row per figure, with its target and whether it was
// met, so the run ends in one table (printed, and written to bench/RESULTS.md).

export type Figure = {
  /** "SQLite", "PostgreSQL", or "any" for what does not touch the database */
  database: string;
  section: string;
  measure: string;
  result: string;
  target: string;
  /** null: no target (information), or not measured */
  met: boolean | null;
};

export type Percentiles = { p50: number; p95: number; p99: number; max: number; n: number };

export function percentiles(values: readonly number[]): Percentiles {
  return {
    p50: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    p99: quantile(values, 0.99),
    // a loop, not Math.max(...values): a cached page gives hundreds of thousands of samples
    max: values.length ? values.reduce((a, b) => (b > a ? b : a), -Infinity) : NaN,
    n: values.length,
  };
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

export function describe(values: readonly number[], keys: readonly ("p50" | "p95" | "p99" | "max")[] = ["p50", "p95", "p99"]): string {
  const p = percentiles(values);
  return `${keys.map((k) => `${k} ${ms(p[k])}`).join(", ")} (n=${p.n})`;
}

export function metCell(met: boolean | null): string {
  return met === null ? "—" : met ? "met" : "**not met**";
}

/** A Markdown table with padded columns, readable as plain text too. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const clean = (cell: string) => cell.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const all = [header, ...rows].map((r) => r.map(clean));
  const widths = header.map((_, i) => Math.max(3, ...all.map((r) => (r[i] ?? "").length)));
  const line = (r: readonly string[]) => `| ${widths.map((w, i) => (r[i] ?? "").padEnd(w)).join(" | ")} |`;
  return [line(all[0]!), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...all.slice(1).map(line)].join("\n");
}

export function figuresTable(figures: readonly Figure[]): string {
  return markdownTable(
    ["Database", "Section", "Measure", "Result", "Target", "Met"],
    figures.map((f) => [f.database, f.section, f.measure, f.result, f.target, metCell(f.met)]),
  );
}
