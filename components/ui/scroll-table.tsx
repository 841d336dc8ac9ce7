"use client";

import { ArrowRight } from "lucide-react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

/**
 * A table that may be wider than the screen: it scrolls inside its own box, its first column stays
 * put, and while columns are out of view a line above says so and an edge shadow shows where. The
 * box is named after the table's column headings and takes keyboard focus only when it scrolls.
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
  const box = useRef<HTMLDivElement>(null);
  const [name, setName] = useState(label ?? "Table");
  const [overflow, setOverflow] = useState({ isScrollable: true, atStart: true, atEnd: false });

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    if (!label && !labelledBy) {
      const headings = Array.from(el.querySelectorAll("thead th"), (th) => th.textContent?.trim()).filter(Boolean);
      if (headings.length) setName(`Table: ${headings.join(", ")}`);
    }
    const measure = () => {
      const isScrollable = el.scrollWidth > el.clientWidth + 1;
      setOverflow({ isScrollable, atStart: el.scrollLeft <= 1, atEnd: el.scrollLeft + el.clientWidth >= el.scrollWidth - 1 });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener("scroll", measure);
    };
  }, [label, labelledBy]);

  return (
    <div className={cn("not-prose", className ?? "my-6")}>
      {overflow.isScrollable ? (
        <p className="mb-1.5 flex items-center gap-1.5 text-xs font-medium text-ink-muted" data-testid="scroll-cue">
          {overflow.atEnd ? "Scroll back for the first columns" : "Scroll sideways for more columns"}
          <ArrowRight aria-hidden="true" className={cn("size-3.5", overflow.atEnd && "rotate-180")} />
        </p>
      ) : null}
      <div
        ref={box}
        role="region"
        aria-label={labelledBy ? undefined : name}
        aria-labelledby={labelledBy}
        tabIndex={overflow.isScrollable ? 0 : undefined}
        className={cn(
          "scroll-table overflow-x-auto rounded-xl border border-line",
          overflow.isScrollable && !overflow.atEnd && "scroll-table-more-right",
          overflow.isScrollable && !overflow.atStart && "scroll-table-more-left",
        )}
      >
        {children}
      </div>
    </div>
  );
}
