"use client";

import { Check } from "lucide-react";
import { useProgress } from "@/components/progress/progress-provider";
import { cn } from "@/lib/utils/cn";

/** A toggle button per learning-path step; the map, the section and the catalogue all follow it. */
export function StepToggle({ lesson, step, title, className }: { lesson: string; step: string; title: string; className?: string }) {
  const { progress, setStepDone, isReady } = useProgress();
  const isDone = Boolean(progress.steps[lesson]?.[step]);
  return (
    <button
      type="button"
      aria-pressed={isDone}
      disabled={!isReady}
      onClick={() => setStepDone(lesson, step, !isDone)}
      className={cn(
        "inline-flex min-h-9 shrink-0 items-center gap-1.5 rounded-full border px-3 text-sm font-medium transition-colors",
        isDone ? "border-success/50 bg-success-soft text-success" : "border-line-strong bg-surface text-ink hover:bg-sunken",
        className,
      )}
    >
      <span
        aria-hidden="true"
        className={cn(
          "grid size-4 place-items-center rounded-full border",
          isDone ? "border-success bg-success text-surface" : "border-line-strong",
        )}
      >
        {isDone ? <Check className="size-3" strokeWidth={3} /> : null}
      </span>
      {isDone ? "Done" : "Mark done"}
      <span className="sr-only">: {title}</span>
    </button>
  );
}
