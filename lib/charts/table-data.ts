// A lesson chart is drawn from the Markdown table it wraps, so the table the reader sees (and the
// tutor searches) is the one source of its numbers. These read that table from the elements MDX
// made of it, then pick the columns a chart plots. Pure.

import { Children, isValidElement, type ReactNode } from "react";

export type TableText = { header: string[]; rows: string[][] };

type WithChildren = { children?: ReactNode };

/** The text of a cell, whatever markup it holds. */
export function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<WithChildren>(node)) return textOf(node.props.children);
  return "";
}

function collectRows(node: ReactNode, rows: { isHeader: boolean; cells: string[] }[]): void {
  Children.forEach(node, (child) => {
    if (!isValidElement<WithChildren>(child)) return;
    // MDX makes rows and cells as plain "tr", "th" and "td" elements (the map renders only the table).
    if (child.type === "tr") {
      const cells: ReactNode[] = [];
      let isHeader = false;
      Children.forEach(child.props.children, (cell) => {
        if (!isValidElement<WithChildren>(cell) || (cell.type !== "th" && cell.type !== "td")) return;
        if (cell.type === "th") isHeader = true;
        cells.push(cell.props.children);
      });
      rows.push({ isHeader, cells: cells.map((c) => textOf(c).trim()) });
      return;
    }
    collectRows(child.props.children, rows);
  });
}

/** The first table inside `node`: its header row and its body rows, as text. */
export function tableFromNodes(node: ReactNode): TableText | null {
  const rows: { isHeader: boolean; cells: string[] }[] = [];
  collectRows(node, rows);
  const header = rows.find((r) => r.isHeader);
  if (!header) return null;
  return { header: header.cells, rows: rows.filter((r) => r !== header).map((r) => r.cells) };
}

/** The first number written in a cell: "USD 2.88" -> 2.88, "1,229" -> 1229, "about 41,600" -> 41600. */
export function numberIn(cell: string): number | null {
  const match = /-?\d[\d,]*(?:\.\d+)?/.exec(cell);
  if (!match) return null;
  const value = Number(match[0].replace(/,/g, ""));
  return Number.isFinite(value) ? value : null;
}

export type ChartRow = { label: string; values: { series: string; value: number; text: string }[] };

/** A problem with the table a chart wraps; the message says which column or cell. */
export class ChartTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChartTableError";
  }
}

/**
 * The rows a chart plots: the label column (the first unless named) and one value per series
 * column, as numbers and as the text the table shows. Throws on a missing column or a cell without
 * a number, so a lesson cannot ship a chart that disagrees with its table.
 */
export function chartRows(table: TableText, { series, label }: { series: readonly string[]; label?: string }): ChartRow[] {
  const column = (name: string) => {
    const index = table.header.indexOf(name);
    if (index === -1) throw new ChartTableError(`the table has no column "${name}" (its columns: ${table.header.join(", ")})`);
    return index;
  };
  const labelIndex = label === undefined ? 0 : column(label);
  const seriesIndex = series.map(column);
  return table.rows.map((cells) => ({
    label: cells[labelIndex] ?? "",
    values: series.map((name, i) => {
      const text = cells[seriesIndex[i]!] ?? "";
      const value = numberIn(text);
      if (value === null) throw new ChartTableError(`"${text}" in column "${name}", row "${cells[labelIndex]}", is not a number`);
      return { series: name, value, text };
    }),
  }));
}

/** Axis ends: these times a power of ten. */
const NICE_ENDS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
/** Tick steps: these times a power of ten. */
const NICE_STEPS = [1, 2, 2.5, 5];

const round = (x: number) => Number(x.toPrecision(12));
const mantissa = (x: number) => round(x / 10 ** Math.floor(Math.log10(x)));

/** A round axis end at or above `max`, close enough that the longest bar fills most of the axis. */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return round(NICE_ENDS.find((s) => round(s * power) >= max)! * power);
}

/** Ticks from 0 to `top` in round steps: five of them if that works, else four or six. */
export function axisTicks(top: number): number[] {
  const count = [5, 4, 6].find((n) => NICE_STEPS.includes(mantissa(top / n))) ?? 4;
  return Array.from({ length: count + 1 }, (_, i) => round((top / count) * i));
}
