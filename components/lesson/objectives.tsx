import { Target } from "lucide-react";

/** The lesson's learning objectives, from its frontmatter, near the top of the page. */
export function Objectives({ objectives }: { objectives: string[] }) {
  return (
    <section aria-labelledby="objectives-title" className="mt-6 max-w-3xl rounded-xl border border-line bg-surface px-5 py-4">
      <h2 id="objectives-title" className="flex items-center gap-2 text-base font-semibold">
        <Target aria-hidden="true" className="size-5 shrink-0 text-accent" />
        You will be able to
      </h2>
      <ul className="mt-2 list-disc space-y-1.5 pl-6 text-[0.95rem] leading-relaxed marker:text-ink-muted">
        {objectives.map((objective) => (
          <li key={objective}>{objective}</li>
        ))}
      </ul>
    </section>
  );
}
