import type { ReactNode } from "react";

// The outer SVG every hand-made chart shares: a full-width image whose accessible name is its
// <title> and whose description is its <desc>, so screen readers (and axe) get both from the
// SVG itself. The chart draws its own axes and marks inside, as children.

export type ChartFrameProps = {
  /** prefix for the title and desc ids: `${id}-title`, `${id}-desc` */
  id: string;
  title: ReactNode;
  description: ReactNode;
  /** height in CSS pixels; the width is always the container's */
  height: number;
  className?: string;
  testId?: string;
  children: ReactNode;
};

export function ChartFrame({ id, title, description, height, className, testId, children }: ChartFrameProps) {
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      width="100%"
      height={height}
      className={className}
      data-testid={testId}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

/**
 * The labels under a horizontal axis, one per tick, each naming its own value (`label` gets the
 * ticks' decimals: see lib/charts/ticks.ts). The first hugs the left edge and the last the right,
 * so neither is cut off.
 */
export function XTickLabels({
  values,
  xAt,
  y,
  label,
}: {
  values: readonly number[];
  xAt: (value: number) => string;
  y: number;
  label: (value: number) => string;
}) {
  return values.map((value, i) => (
    <text
      key={value}
      x={xAt(value)}
      y={y}
      textAnchor={i === 0 ? "start" : i === values.length - 1 ? "end" : "middle"}
      className="fill-ink-muted tabular-nums"
      data-tick={value}
    >
      {label(value)}
    </text>
  ));
}
