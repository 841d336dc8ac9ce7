import { useId, type ReactNode } from "react";
import { BarChart } from "@/components/lesson/charts/bar-chart";
import { ChartTableError, chartRows, tableFromNodes, type ChartRow } from "@/lib/charts/table-data";
import { formatNumber } from "@/lib/format";

type Props = {
  /** the point of the chart, shown as its caption and read as its name */
  caption: string;
  /** the column headers to plot */
  series: string[];
  /** the column that names each bar (the first if left out) */
  label?: string;
  /** names for the legend: one per series, or [other rows, accent rows] with `accent` */
  legend?: string[];
  /** with two series: mark the row where they differ most */
  markLargestGap?: boolean;
  /** with one series: rows whose label starts with this are drawn in the accent colour */
  accent?: string;
  /** what the numbers are, for the text description ("points", "USD per 1,000 screenshots") */
  unit: string;
  max?: number;
  children: ReactNode;
};

function largestGap(rows: ChartRow[]): { row: number; gap: number; others: number[] } {
  const gaps = rows.map((r) => Math.abs(r.values[1]!.value - r.values[0]!.value));
  const row = gaps.indexOf(Math.max(...gaps));
  return { row, gap: gaps[row]!, others: gaps.filter((_, i) => i !== row) };
}

const one = (n: number) => formatNumber(n, 1);

/**
 * `<TableChart>` around a Markdown table: the table stays as it is (it is the chart's text
 * alternative and what the tutor reads), and a bar chart of the named columns follows it.
 */
export function TableChart({ caption, series, label, legend, markLargestGap, accent, unit, max, children }: Props) {
  const id = useId();
  const table = tableFromNodes(children);
  if (!table) throw new ChartTableError(`<TableChart caption="${caption}"> must wrap a Markdown table`);
  const rows = chartRows(table, { series, label });
  if (markLargestGap && series.length !== 2) throw new ChartTableError("markLargestGap compares exactly two series");

  const gap = markLargestGap ? largestGap(rows) : null;
  const accentRows = accent ? new Set(rows.flatMap((r, i) => (r.label.startsWith(accent) ? [i] : []))) : undefined;
  const description = gap
    ? `${series[0]} against ${series[1]} on ${rows.length} rows. The largest gap is ${rows[gap.row]!.label}: ${rows[gap.row]!.values[0]!.text} against ${rows[gap.row]!.values[1]!.text}, ${one(gap.gap)} ${unit}. The others differ by ${one(Math.min(...gap.others))} to ${one(Math.max(...gap.others))} ${unit}.`
    : `${series.join(" and ")}, in ${unit}: ${rows.map((r) => `${r.label}, ${r.values.map((v) => v.text).join(" and ")}`).join("; ")}.`;

  return (
    <>
      {children}
      <figure className="not-prose my-6 rounded-xl border border-line bg-surface px-4 pt-4 pb-3 sm:px-5">
        <figcaption className="text-[0.95rem] font-semibold">{caption}</figcaption>
        <BarChart
          id={id}
          title={caption}
          description={description}
          rows={rows}
          series={series}
          legend={legend ?? series}
          accentRows={accentRows}
          marked={gap ? { row: gap.row, note: `largest gap: ${one(gap.gap)} ${unit}` } : undefined}
          max={max}
        />
        <p className="mt-1 text-xs text-ink-muted">The same numbers as the table above.</p>
      </figure>
    </>
  );
}
