"use client";

import { ArrowRight } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/utils/cn";

// The browser's part of a ScrollTable: the line above it that says columns are out of view, and
// the region after it (its [data-scroll-table] sibling) kept true to what it measures: focusable
// only while it scrolls, edge shadows where columns hide, named after its column headings.
// Rendered here rather than by the server, the cue's markup is in the script once, not in the
// page's payload once per table; the table itself stays server HTML.

type Overflow = { isScrollable: boolean; atStart: boolean; atEnd: boolean };

// One ResizeObserver for every table in the page.
const onResize = new Map<Element, () => void>();
let observer: ResizeObserver | null = null;

function observeResize(box: Element, measure: () => void): () => void {
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) onResize.get(entry.target)?.();
  });
  onResize.set(box, measure);
  observer.observe(box);
  return () => {
    observer?.unobserve(box);
    onResize.delete(box);
    if (!onResize.size) {
      observer?.disconnect();
      observer = null;
    }
  };
}

function nameFromHeadings(box: HTMLElement) {
  const headings = Array.from(box.querySelectorAll("thead th"), (th) => th.textContent?.trim()).filter(Boolean);
  if (headings.length) box.setAttribute("aria-label", `Table: ${headings.join(", ")}`);
}

/** Renders the cue before a [data-scroll-table] region and measures that region. No props: it finds the region in the DOM. */
export function ScrollTableCue() {
  const cue = useRef<HTMLParagraphElement>(null);
  // As the server rendered it: a wide table, before anything is measured.
  const [overflow, setOverflow] = useState<Overflow>({ isScrollable: true, atStart: true, atEnd: false });

  useEffect(() => {
    const box = cue.current?.nextElementSibling;
    if (!(box instanceof HTMLElement) || !box.hasAttribute("data-scroll-table")) return;
    if (box.dataset.scrollTable === "headings") nameFromHeadings(box);
    const measure = () => {
      const isScrollable = box.scrollWidth > box.clientWidth + 1;
      const atStart = box.scrollLeft <= 1;
      const atEnd = box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
      // A region that scrolls must be reachable from the keyboard; one that does not is no tab stop.
      if (isScrollable) box.tabIndex = 0;
      else box.removeAttribute("tabindex");
      box.classList.toggle("scroll-table-more-right", isScrollable && !atEnd);
      box.classList.toggle("scroll-table-more-left", isScrollable && !atStart);
      setOverflow((was) =>
        was.isScrollable === isScrollable && was.atStart === atStart && was.atEnd === atEnd ? was : { isScrollable, atStart, atEnd },
      );
    };
    measure();
    const stopObserving = observeResize(box, measure);
    box.addEventListener("scroll", measure, { passive: true });
    return () => {
      stopObserving();
      box.removeEventListener("scroll", measure);
    };
  }, []);

  if (!overflow.isScrollable) return null;
  return (
    <p ref={cue} className="mb-1.5 flex items-center gap-1.5 text-xs font-medium text-ink-muted" data-testid="scroll-cue">
      {overflow.atEnd ? "Scroll back for the first columns" : "Scroll sideways for more columns"}
      <ArrowRight aria-hidden="true" className={cn("size-3.5", overflow.atEnd && "rotate-180")} />
    </p>
  );
}
