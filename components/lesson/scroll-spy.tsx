"use client";

import { useEffect, useRef } from "react";

/** Where a section's heading must have scrolled to (px from the top of the window) to count as being read. */
const READING_LINE = 140;

/**
 * Marks, in the nav it is rendered in, the link to the section being read: the last one whose
 * target has scrolled past the top of the window (none above the first). It sets aria-current on
 * that link, writes "· <section>" into the nav's [data-testid="contents-current"] if it has one,
 * and closes the nav's <details> when one of its links is picked. No props: the links are the
 * server's HTML, read from the DOM.
 */
export function ScrollSpy() {
  const marker = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const nav = marker.current?.closest("nav");
    if (!nav) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      // Read each time: the list is the server's and may be replaced under this component.
      const links = Array.from(nav.querySelectorAll<HTMLAnchorElement>('a[href^="#"]'));
      let current: HTMLAnchorElement | null = null;
      for (const link of links) {
        const target = document.getElementById(link.getAttribute("href")!.slice(1));
        if (target && target.getBoundingClientRect().top < READING_LINE) current = link;
      }
      for (const link of links) {
        if (link === current) {
          if (link.getAttribute("aria-current") !== "location") link.setAttribute("aria-current", "location");
        } else if (link.hasAttribute("aria-current")) link.removeAttribute("aria-current");
      }
      const label = nav.querySelector<HTMLElement>('[data-testid="contents-current"]');
      if (label) {
        const text = current?.textContent ?? "";
        const shown = text ? `· ${text}` : "";
        if (label.textContent !== shown) label.textContent = shown;
        label.hidden = !text;
      }
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    const onPick = (event: MouseEvent) => {
      const details = nav.querySelector("details");
      if (details && event.target instanceof Element && event.target.closest('a[href^="#"]')) details.open = false;
    };
    measure();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    nav.addEventListener("click", onPick);
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
      nav.removeEventListener("click", onPick);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);

  return <span ref={marker} hidden />;
}
