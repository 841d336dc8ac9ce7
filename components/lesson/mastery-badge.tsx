import { MASTERY_LABELS, MASTERY_LEVELS, type MasteryLevel } from "@/lib/progress/mastery";
import { cn } from "@/lib/utils/cn";

// A concept's mastery in words, with three small bars beside them (never colour alone).

const fill: Record<MasteryLevel, { bars: number; bar: string; text: string }> = {
  "not-started": { bars: 0, bar: "bg-line-strong", text: "text-ink-muted" },
  attempted: { bars: 1, bar: "bg-warning", text: "text-warning" },
  familiar: { bars: 2, bar: "bg-accent", text: "text-accent" },
  mastered: { bars: 3, bar: "bg-success", text: "text-success" },
};

function Bars({ level }: { level: MasteryLevel }) {
  const { bars, bar } = fill[level];
  return (
    <span aria-hidden="true" className="inline-flex items-end gap-0.5">
      {[0, 1, 2].map((i) => (
        <span key={i} className={cn("w-1 rounded-sm", i < bars ? bar : "bg-line", ["h-1.5", "h-2.5", "h-3.5"][i])} />
      ))}
    </span>
  );
}

/** An invisible stand-in while the level is not known yet (the reader's progress not read), so it arriving moves nothing. */
export function MasteryBadge({ level }: { level: MasteryLevel | null }) {
  if (!level) {
    return (
      <span aria-hidden="true" className="invisible ml-2 inline-flex items-center gap-1.5 text-xs font-semibold whitespace-nowrap">
        <Bars level="not-started" />
        {MASTERY_LABELS["not-started"]}
      </span>
    );
  }
  return (
    <span
      className={cn("ml-2 inline-flex items-center gap-1.5 text-xs font-semibold whitespace-nowrap", fill[level].text)}
      data-testid="concept-mastery"
    >
      <Bars level={level} />
      <span className="sr-only">Your level: </span>
      {MASTERY_LABELS[level]}
    </span>
  );
}

const MEANINGS: Record<MasteryLevel, string> = {
  "not-started": "no answers about it yet.",
  attempted: "answered, not yet reliably right.",
  familiar: "your latest answer was fully right, or your last three averaged 80% or more.",
  mastered: "right answers on two days at least 20 hours apart, one of them in the quiz or a review, and the latest one right.",
};

export function MasteryLegend() {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer font-medium text-ink-muted">What the levels mean</summary>
      <ul className="mt-2 flex flex-col gap-1.5">
        {MASTERY_LEVELS.map((level) => (
          <li key={level} className="flex items-baseline gap-2">
            <span className={cn("inline-flex w-28 shrink-0 items-center gap-1.5 font-semibold", fill[level].text)}>
              <Bars level={level} />
              {MASTERY_LABELS[level]}
            </span>
            <span className="text-ink-muted">{MEANINGS[level]}</span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-ink-muted">
        Checks at the end of each section and the quiz both count. Checks are practice: they can make a concept familiar, not mastered on
        their own.
      </p>
    </details>
  );
}
