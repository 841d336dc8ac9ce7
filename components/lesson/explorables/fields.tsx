import type { ReactNode } from "react";

// The frame, result panel and figures the explorables share; their labelled controls are
// components/ui/field.tsx's, with the hint or error on one line under the control (messages="note").

/** One figure of a result: what it is, the value, and a line on where it comes from. */
export function Stat({ term, value, detail }: { term: string; value: ReactNode; detail: ReactNode }) {
  return (
    <div className="min-w-0 rounded-lg border border-line bg-canvas px-3 py-2">
      <dt className="text-xs font-semibold tracking-wide text-ink-muted uppercase">{term}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums">{value}</dd>
      <dd className="text-sm text-ink-muted">{detail}</dd>
    </div>
  );
}

/** The frame both explorables share: a titled section, its form, and its live result. */
export function ExplorerCard({
  testId,
  titleId,
  title,
  intro,
  children,
}: {
  testId: string;
  titleId: string;
  title: string;
  intro: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      aria-labelledby={titleId}
      data-testid={testId}
      className="not-prose my-8 rounded-2xl border border-line-strong bg-surface p-5 sm:p-6"
    >
      <h3 id={titleId} className="text-lg font-semibold tracking-tight">
        {title}
      </h3>
      <p className="mt-1 text-[0.95rem] leading-relaxed text-ink-muted">{intro}</p>
      <noscript>
        <p className="mt-2 text-sm font-medium">This shows its starting values; turn on JavaScript to change them.</p>
      </noscript>
      {children}
    </section>
  );
}

/** A result that speaks when it changes (politely, as a whole) and keeps its size while it does. */
export function ResultPanel({
  testId,
  headline,
  explanation,
  notes = [],
  children,
}: {
  testId: string;
  headline: string;
  explanation: string;
  notes?: string[];
  children: ReactNode;
}) {
  return (
    <div aria-live="polite" aria-atomic="true" data-testid={testId} className="mt-2 rounded-xl bg-sunken p-4">
      <p className="min-h-14 text-xl leading-7 font-semibold tracking-tight text-balance tabular-nums sm:min-h-7">{headline}</p>
      <p className="mt-1 min-h-20 text-sm leading-5 sm:min-h-10">{explanation}</p>
      <dl className="mt-3 grid gap-2 sm:grid-cols-3">{children}</dl>
      <div className="mt-3 min-h-10 space-y-1 text-sm leading-5 text-ink-muted">
        {notes.map((note) => (
          <p key={note}>{note}</p>
        ))}
      </div>
    </div>
  );
}
