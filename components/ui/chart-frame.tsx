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
