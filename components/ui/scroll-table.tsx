import { ArrowRight } from "lucide-react";
import type { ReactNode } from "react";
import { ScrollTableEnhancer } from "@/components/ui/scroll-table-enhancer";
import { cn } from "@/lib/utils/cn";

/**
 * A table that may be wider than the screen: it scrolls inside its own box, its first column stays
 * put, and while columns are out of view a line above says so and an edge shadow shows where. The
 * box is named after the table's column headings and takes keyboard focus only when it scrolls.
 *
 * Rendered on the server as a wide table looks before it is measured (the cue shown, the box
 * focusable, columns out of view on the right); ScrollTableEnhancer then measures every
 * [data-scroll-table] in the page and keeps the cue, the focus and the shadows true.
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
      <p className="mb-1.5 flex items-center gap-1.5 text-xs font-medium text-ink-muted" data-testid="scroll-cue">
        Scroll sideways for more columns
        <ArrowRight aria-hidden="true" className="size-3.5" />
      </p>
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
      <ScrollTableEnhancer />
    </div>
  );
}
