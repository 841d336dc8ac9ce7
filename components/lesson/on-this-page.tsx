"use client";

import { ChevronDown } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/utils/cn";

type Heading = { id: string; text: string };

const EXTRA: Heading[] = [
  { id: "key-terms", text: "Key terms" },
  { id: "tutor", text: "Ask the lesson tutor" },
];

/** The id of the last section whose heading has scrolled past the top of the window, or null above the first. */
function useCurrentSection(ids: string[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  useEffect(() => {
    let frame = 0;
    const measure = () => {
      frame = 0;
      let found: string | null = null;
      for (const id of ids) {
        const el = document.getElementById(id);
        if (el && el.getBoundingClientRect().top < 140) found = id;
      }
      setCurrent(found);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ids]);
  return current;
}

function SectionList({ items, current, onPick }: { items: Heading[]; current: string | null; onPick?: () => void }) {
  return (
    <ol className="flex flex-col gap-1.5 border-l border-line pl-4">
      {items.map((h) => {
        const isCurrent = h.id === current;
        return (
          <li key={h.id}>
            <a
              href={`#${h.id}`}
              onClick={onPick}
              aria-current={isCurrent ? "location" : undefined}
              className={cn(
                "-ml-[calc(1rem+1px)] block border-l-2 border-transparent py-0.5 pl-[calc(1rem-1px)] text-ink-muted no-underline hover:text-ink hover:underline",
                isCurrent && "border-accent font-semibold text-ink",
              )}
            >
              {h.text}
            </a>
          </li>
        );
      })}
    </ol>
  );
}

/** Beside the lesson on a wide screen: every section, the one being read marked. */
export function OnThisPage({ headings }: { headings: Heading[] }) {
  const items = [...headings, ...EXTRA];
  const current = useCurrentSection(items.map((h) => h.id));
  return (
    <nav aria-labelledby="on-this-page" className="text-sm">
      <h2 id="on-this-page" className="font-semibold text-ink-muted">
        On this page
      </h2>
      <div className="mt-3">
        <SectionList items={items} current={current} />
      </div>
    </nav>
  );
}

/**
 * On a narrow screen: a bar at the top of the lesson that stays while reading, says which section
 * this is, and opens the list of sections; picking one closes it.
 */
export function LessonContents({ headings }: { headings: Heading[] }) {
  const items = [...headings, ...EXTRA];
  const current = useCurrentSection(items.map((h) => h.id));
  const details = useRef<HTMLDetailsElement>(null);
  const currentText = items.find((h) => h.id === current)?.text;
  // An opaque background: the lesson scrolls under the bar and its open list, and must not show through.
  return (
    <nav aria-label="Lesson contents" className="not-prose sticky top-0 z-20 -mx-4 mb-6 border-b border-line bg-canvas px-4 py-2 lg:hidden">
      <details ref={details} className="group text-sm">
        <summary className="flex min-h-10 cursor-pointer list-none items-center gap-2 font-semibold [&::-webkit-details-marker]:hidden">
          <span>Contents</span>
          {currentText ? (
            <span className="min-w-0 truncate font-normal text-ink-muted" data-testid="contents-current">
              · {currentText}
            </span>
          ) : null}
          <ChevronDown
            aria-hidden="true"
            className="ml-auto size-4 shrink-0 transition-transform group-open:rotate-180 motion-reduce:transition-none"
          />
        </summary>
        <div className="max-h-[60vh] overflow-y-auto pt-2 pb-1">
          <SectionList
            items={items}
            current={current}
            onPick={() => {
              if (details.current) details.current.open = false;
            }}
          />
        </div>
      </details>
    </nav>
  );
}
