import { cn } from "@/lib/utils/cn";

/** Headline counts as a grid of small cards: a label over its value (a description list). */
export function StatCards({
  cards,
  className,
  testId,
}: {
  cards: readonly (readonly [string, string | number])[];
  className?: string;
  testId?: string;
}) {
  return (
    <dl className={cn("grid grid-cols-2 gap-3", className)} data-testid={testId}>
      {cards.map(([label, value]) => (
        <div key={label} className="rounded-xl border border-line bg-surface p-3">
          <dt className="text-xs text-ink-muted">{label}</dt>
          <dd className="text-xl font-semibold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
