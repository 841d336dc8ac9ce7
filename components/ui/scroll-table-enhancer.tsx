"use client";

import { useEffect } from "react";

// One module for every scroll table in the page: each ScrollTable renders an enhancer, but they
// share one ResizeObserver and one scan, so a page of tables costs one measurement per table.
// Only attributes, classes and the cue's text change; the tables themselves are the server's HTML.

const CUE_MORE = "Scroll sideways for more columns";
const CUE_BACK = "Scroll back for the first columns";

const boxes = new Map<HTMLElement, () => void>();
let observer: ResizeObserver | null = null;
let mounted = 0;
let isScanQueued = false;

function measure(box: HTMLElement) {
  const isScrollable = box.scrollWidth > box.clientWidth + 1;
  const atStart = box.scrollLeft <= 1;
  const atEnd = box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
  const cue = box.parentElement?.querySelector<HTMLElement>(':scope > [data-testid="scroll-cue"]');
  if (cue) {
    cue.hidden = !isScrollable;
    // Only while shown: a hidden cue keeps the server's text, so nothing but attributes changes
    // on a table that does not scroll.
    if (isScrollable) {
      const text = cue.firstChild;
      const wanted = atEnd ? CUE_BACK : CUE_MORE;
      if (text?.nodeType === Node.TEXT_NODE && text.nodeValue !== wanted) text.nodeValue = wanted;
      cue.querySelector("svg")?.classList.toggle("rotate-180", atEnd);
    }
  }
  // A region that scrolls must be reachable from the keyboard; one that does not is no tab stop.
  if (isScrollable) box.tabIndex = 0;
  else box.removeAttribute("tabindex");
  box.classList.toggle("scroll-table-more-right", isScrollable && !atEnd);
  box.classList.toggle("scroll-table-more-left", isScrollable && !atStart);
}

function nameFromHeadings(box: HTMLElement) {
  const headings = Array.from(box.querySelectorAll("thead th"), (th) => th.textContent?.trim()).filter(Boolean);
  if (headings.length) box.setAttribute("aria-label", `Table: ${headings.join(", ")}`);
}

function enhance(box: HTMLElement) {
  if (box.dataset.scrollTable === "headings") nameFromHeadings(box);
  const onScroll = () => measure(box);
  box.addEventListener("scroll", onScroll, { passive: true });
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) measure(entry.target as HTMLElement);
  });
  observer.observe(box);
  measure(box);
  boxes.set(box, () => {
    box.removeEventListener("scroll", onScroll);
    observer?.unobserve(box);
  });
}

/** Enhances the tables new since the last scan and lets go of those no longer in the page. */
function scan() {
  isScanQueued = false;
  for (const [box, release] of boxes)
    if (!box.isConnected) {
      release();
      boxes.delete(box);
    }
  if (!mounted) return;
  for (const box of document.querySelectorAll<HTMLElement>("[data-scroll-table]")) if (!boxes.has(box)) enhance(box);
}

function queueScan() {
  if (isScanQueued) return;
  isScanQueued = true;
  queueMicrotask(scan);
}

/** Measures the page's scroll tables; renders nothing. Mounted by each ScrollTable; the work is done once. */
export function ScrollTableEnhancer() {
  useEffect(() => {
    mounted += 1;
    queueScan();
    return () => {
      mounted -= 1;
      queueScan();
      if (!mounted) {
        for (const release of boxes.values()) release();
        boxes.clear();
        observer?.disconnect();
        observer = null;
      }
    };
  }, []);
  return null;
}
