import { ChevronDown } from "lucide-react";
import { ScrollSpy } from "@/components/lesson/scroll-spy";

// Server components: no client props, and no client code but ScrollSpy, which finds the links in
// the DOM. Rendered on the server, each list is in the page's payload as elements, twice (once per
// nav), so each link's classes are one short component class rather than 250 characters of utilities.

type Heading = { id: string; text: string };

const EXTRA: Heading[] = [
  { id: "key-terms", text: "Key terms" },
  { id: "tutor", text: "Ask the lesson tutor" },
];

function SectionList({ items }: { items: Heading[] }) {
  return (
    <ol className="flex flex-col gap-1.5 border-l border-line pl-4">
      {items.map((h) => (
        <li key={h.id}>
          {/* .section-link (app/globals.css) styles the section being read by its aria-current, which ScrollSpy sets. */}
          <a href={`#${h.id}`} className="section-link">
            {h.text}
          </a>
        </li>
      ))}
    </ol>
  );
}

/** Beside the lesson on a wide screen: every section, the one being read marked. */
export function OnThisPage({ headings }: { headings: Heading[] }) {
  return (
    <nav aria-labelledby="on-this-page" className="text-sm">
      <h2 id="on-this-page" className="font-semibold text-ink-muted">
        On this page
      </h2>
      <div className="mt-3">
        <SectionList items={[...headings, ...EXTRA]} />
      </div>
      <ScrollSpy />
    </nav>
  );
}

/**
 * On a narrow screen: a bar at the top of the lesson that stays while reading, says which section
 * this is, and opens the list of sections; picking one closes it.
 */
export function LessonContents({ headings }: { headings: Heading[] }) {
  // An opaque background: the lesson scrolls under the bar and its open list, and must not show through.
  return (
    <nav aria-label="Lesson contents" className="not-prose sticky top-0 z-20 -mx-4 mb-6 border-b border-line bg-canvas px-4 py-2 lg:hidden">
      <details className="group text-sm">
        <summary className="flex min-h-10 cursor-pointer list-none items-center gap-2 font-semibold [&::-webkit-details-marker]:hidden">
          <span>Contents</span>
          {/* "· <section>", written by ScrollSpy; hidden above the first section. */}
          <span className="min-w-0 truncate font-normal text-ink-muted" data-testid="contents-current" hidden />
          <ChevronDown
            aria-hidden="true"
            className="ml-auto size-4 shrink-0 transition-transform group-open:rotate-180 motion-reduce:transition-none"
          />
        </summary>
        <div className="max-h-[60vh] overflow-y-auto pt-2 pb-1">
          <SectionList items={[...headings, ...EXTRA]} />
        </div>
      </details>
      <ScrollSpy />
    </nav>
  );
}
