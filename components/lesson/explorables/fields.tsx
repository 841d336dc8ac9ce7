import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

// Labelled controls for the explorables. The line under a field holds its hint, or its error in
// place of the hint, and keeps room for it so a message does not push the page about.

const control = "min-h-11 w-full rounded-lg border bg-surface px-3 py-2 text-base text-ink";

function Note({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | null }) {
  return (
    <p id={id} className={cn("text-sm leading-5", hint ? "min-h-10" : "min-h-5", error ? "font-medium text-danger" : "text-ink-muted")}>
      {error ?? hint}
    </p>
  );
}

export function NumberField({
  id,
  label,
  value,
  onValueChange,
  min,
  max,
  step,
  hint,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  min: number;
  max: number;
  step: number;
  hint?: ReactNode;
  error?: string | null;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode={Number.isInteger(step) ? "numeric" : "decimal"}
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-note`}
        className={cn(control, error ? "border-danger" : "border-line-strong")}
      />
      <Note id={`${id}-note`} hint={hint} error={error} />
    </div>
  );
}

export function SelectField<T extends string>({
  id,
  label,
  value,
  onValueChange,
  options,
  hint,
}: {
  id: string;
  label: string;
  value: T;
  onValueChange: (value: T) => void;
  options: readonly { value: T; label: string }[];
  hint?: ReactNode;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onValueChange(event.target.value as T)}
        aria-describedby={hint ? `${id}-note` : undefined}
        className={cn(control, "border-line-strong")}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? <Note id={`${id}-note`} hint={hint} /> : null}
    </div>
  );
}

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
