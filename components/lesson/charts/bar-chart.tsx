import { ChartFrame } from "@/components/ui/chart-frame";
import { axisTicks, niceCeiling, type ChartRow } from "@/lib/charts/table-data";
import { formatNumber } from "@/lib/format";
import { cn } from "@/lib/utils/cn";

// Horizontal bars, drawn on the server. Widths are percentages of the chart's own width and text
// keeps its pixel size, so the same SVG reads at 390 px and on a desktop without shrinking its
// labels. Colours come from the theme, so dark mode follows.

const LEGEND = 30;
const LABEL = 22;
const BAR = 18;
const BAR_GAP = 5;
const GROUP_GAP = 16;
const AXIS = 26;
/** Room left of the bars for a series name ("3B") when there are several series. */
const SERIES_LABEL = 34;
/** The longest bar's share of the width: the rest holds its value label, even at phone width. */
const PLOT = 0.64;

/** First series muted, second in the accent: both at least 3:1 against the surface in either theme. */
const SERIES_FILL = ["fill-ink-muted", "fill-accent"] as const;

export type BarChartProps = {
  id: string;
  title: string;
  description: string;
  rows: ChartRow[];
  series: readonly string[];
  /** names for the legend, one per series (or per colour when rows are highlighted) */
  legend: readonly string[];
  /** row indexes drawn in the accent colour (single series) */
  accentRows?: ReadonlySet<number>;
  /** a row to mark, and what to write beside its label */
  marked?: { row: number; note: string };
  max?: number;
};

const pct = (share: number) => `${(share * 100).toFixed(3)}%`;

export function BarChart({ id, title, description, rows, series, legend, accentRows, marked, max }: BarChartProps) {
  const top = max ?? niceCeiling(Math.max(...rows.flatMap((r) => r.values.map((v) => v.value))));
  const ticks = axisTicks(top);
  const isGrouped = series.length > 1;
  const offset = isGrouped ? SERIES_LABEL : 0;
  const groupHeight = LABEL + series.length * (BAR + BAR_GAP) - BAR_GAP + GROUP_GAP;
  const plotTop = LEGEND;
  const plotBottom = plotTop + rows.length * groupHeight;
  const height = plotBottom + AXIS;
  const fillOf = (row: number, s: number) => (isGrouped ? SERIES_FILL[s % 2] : accentRows?.has(row) ? SERIES_FILL[1] : SERIES_FILL[0]);
  // Legend entries side by side, each as wide as its name (an estimate: SVG text cannot be measured here).
  const legendX = legend.map((_, i) => legend.slice(0, i).reduce((x, name) => x + 40 + name.length * 7.4, 0));

  return (
    <ChartFrame id={id} title={title} description={description} height={height} className="mt-3 block overflow-visible font-sans">
      <g className="text-[13px]">
        {legend.map((name, i) => {
          const x = legendX[i]!;
          return (
            <g key={name}>
              <rect x={x} y={4} width={14} height={14} rx={3} className={SERIES_FILL[i % 2]} />
              <text x={x + 20} y={16} className="fill-ink">
                {name}
              </text>
            </g>
          );
        })}
      </g>

      {marked ? (
        <rect
          x="-1.5%"
          y={plotTop + marked.row * groupHeight - 5}
          width="103%"
          height={groupHeight - GROUP_GAP + 10}
          rx={8}
          className="fill-warning-soft"
        />
      ) : null}

      <svg x={offset} y={0} width="100%" height={height} overflow="visible">
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={pct((tick / top) * PLOT)}
              x2={pct((tick / top) * PLOT)}
              y1={plotTop - 4}
              y2={plotBottom - GROUP_GAP + 6}
              className="stroke-line"
              strokeWidth={1}
            />
            <text x={pct((tick / top) * PLOT)} y={plotBottom + 8} textAnchor="middle" className="fill-ink-muted text-[12px] tabular-nums">
              {formatNumber(tick, 2)}
            </text>
          </g>
        ))}
      </svg>

      {rows.map((row, r) => {
        const y0 = plotTop + r * groupHeight;
        const isMarked = marked?.row === r;
        return (
          <g key={row.label}>
            <text x={0} y={y0 + 15} className={cn("text-[14px] font-semibold", isMarked ? "fill-warning" : "fill-ink")}>
              {row.label}
              {isMarked ? <tspan className="font-normal">{`  ${marked.note}`}</tspan> : null}
            </text>
            {row.values.map((v, s) => {
              const y = y0 + LABEL + s * (BAR + BAR_GAP);
              return (
                <g key={v.series}>
                  {isGrouped ? (
                    <text x={0} y={y + 13} className="fill-ink-muted text-[12px] font-medium">
                      {v.series}
                    </text>
                  ) : null}
                  <svg x={offset} y={y} width="100%" height={BAR} overflow="visible">
                    <rect x={0} y={0} width={pct((v.value / top) * PLOT)} height={BAR} rx={3} className={fillOf(r, s)} />
                    <text x={pct((v.value / top) * PLOT)} dx={6} y={13} className="fill-ink text-[13px] font-medium tabular-nums">
                      {v.text}
                    </text>
                  </svg>
                </g>
              );
            })}
          </g>
        );
      })}
    </ChartFrame>
  );
}
