import type { ReactNode } from "react";
import { ScrollTableCue } from "@/components/ui/scroll-table-cue";
import { cn } from "@/lib/utils/cn";

/**
 * A table that may be wider than the screen: it scrolls inside its own box, its first column stays
 * put, and while columns are out of view a line above says so and an edge shadow shows where. The
 * box is named after the table's column headings and takes keyboard focus only when it scrolls.
 *
 * A server component, rendered as a wide table looks before it is measured (the box focusable,
 * columns out of view on the right); ScrollTableCue, the one client part, renders the cue and
 * keeps it, the focus, the shadows and the name true once it has measured the box.
 */
export function ScrollTable({
  children,
  label,
  labelledBy,
  className,
}: {
  children: ReactNode;
  /** the region's name; without it (and without labelledBy) the column headings make one */
  label?: string;
  /** the id of an element (a caption) naming the region */
  labelledBy?: string;
  className?: string;
}) {
  const isNamedFromHeadings = !label && !labelledBy;
  return (
    <div className={cn("not-prose", className ?? "my-6")}>
      <ScrollTableCue />
      <div
        data-scroll-table={isNamedFromHeadings ? "headings" : ""}
        role="region"
        aria-label={labelledBy ? undefined : (label ?? "Table")}
        aria-labelledby={labelledBy}
        tabIndex={0}
        className="scroll-table scroll-table-more-right overflow-x-auto rounded-xl border border-line"
      >
        {children}
      </div>
    </div>
  );
}
