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
      // .step-toggle in app/globals.css: its look follows aria-pressed
      className={cn("step-toggle", className)}
    >
      <span aria-hidden="true" className="step-toggle-mark">
        {isDone ? <Check className="size-3" strokeWidth={3} /> : null}
      </span>
      {isDone ? "Done" : "Mark done"}
      <span className="sr-only">: {title}</span>
    </button>
  );
}
