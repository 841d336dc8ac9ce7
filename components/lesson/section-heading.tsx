import type { ComponentProps } from "react";
import { StepToggle } from "@/components/lesson/step-toggle";
import type { PathStep } from "@/lib/content/path";

/** A lesson's "## " heading; the sections on the learning path get their "Mark done" toggle. */
export function SectionHeading({ lesson, steps, ...props }: ComponentProps<"h2"> & { lesson: string; steps: PathStep[] }) {
  const step = steps.find((s) => s.kind === "section" && s.anchor === props.id);
  if (!step) return <h2 {...props} />;
  const number = steps.indexOf(step) + 1;
  return (
    <div className="not-prose mt-14 mb-4 flex flex-wrap items-center justify-between gap-3 first:mt-0">
      <div>
        <p className="text-sm font-semibold text-accent">
          Step {number} of {steps.length}
        </p>
        <h2 {...props} className="scroll-mt-6 text-2xl font-semibold tracking-tight text-ink" />
      </div>
      <StepToggle lesson={lesson} step={step.id} title={step.title} />
    </div>
  );
}
