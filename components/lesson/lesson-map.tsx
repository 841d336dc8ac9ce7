"use client";

import { Check } from "lucide-react";
import { useProgress } from "@/components/progress/progress-provider";
import { StepToggle } from "@/components/lesson/step-toggle";
import { termId } from "@/lib/content/ids";

type Props = {
  lesson: string;
  steps: { title: string; anchor: string }[];
  concepts: { term: string; section: string; sectionTitle: string }[];
};

export function LessonMap({ lesson, steps, concepts }: Props) {
  const { progress } = useProgress();
  const done = progress.steps[lesson] ?? {};
  const doneCount = steps.filter((s) => done[s.anchor]).length;
  const mastery = progress.quizzes[lesson]?.latest?.concepts;
  return (
    <nav aria-labelledby="lesson-map-title" className="rounded-2xl border border-line bg-surface p-5 sm:p-6">
      <p className="text-sm font-semibold text-accent">Lesson map</p>
      <h2 id="lesson-map-title" className="mt-1 text-xl font-semibold">
        What this lesson covers
      </h2>
      <div className="mt-5 grid gap-8 md:grid-cols-2">
        <section aria-labelledby="learning-path-title">
          <h3 id="learning-path-title" className="font-semibold">
            Learning path
          </h3>
          <p className="text-sm text-ink-muted">
            The main moves in order · {doneCount} of {steps.length} done
          </p>
          <ol className="mt-3 flex flex-col gap-2">
            {steps.map((step, index) => {
              const isDone = Boolean(done[step.anchor]);
              return (
                <li key={step.anchor} className="flex items-center gap-3 rounded-xl border border-line px-3 py-2">
                  <span
                    aria-hidden="true"
                    className={
                      isDone
                        ? "grid size-7 shrink-0 place-items-center rounded-full bg-success text-sm font-semibold text-surface"
                        : "grid size-7 shrink-0 place-items-center rounded-full bg-sunken text-sm font-semibold text-ink-muted"
                    }
                  >
                    {isDone ? <Check className="size-4" strokeWidth={3} /> : index + 1}
                  </span>
                  <a href={`#${step.anchor}`} className="min-w-0 flex-1 font-medium">
                    {step.title}
                    {isDone ? <span className="sr-only"> (done)</span> : null}
                  </a>
                  <StepToggle lesson={lesson} step={step.anchor} title={step.title} />
                </li>
              );
            })}
          </ol>
        </section>
        <section aria-labelledby="concept-cluster-title">
          <h3 id="concept-cluster-title" className="font-semibold">
            Concept cluster
          </h3>
          <p className="text-sm text-ink-muted">Terms to connect while reading{mastery ? " · your latest quiz per concept" : ""}</p>
          <ul className="mt-3 flex flex-wrap gap-2">
            {concepts.map((concept) => (
              <li key={concept.term} className="rounded-xl border border-line bg-canvas px-3 py-1.5 text-sm">
                <a href={`#${termId(concept.term)}`} className="font-medium">
                  {concept.term}
                </a>
                <span className="text-ink-muted"> · </span>
                <a href={`#${concept.section}`} className="text-ink-muted">
                  <span className="sr-only">{concept.term} is taught in </span>
                  {concept.sectionTitle}
                </a>
                {mastery?.[concept.term] ? (
                  <span
                    className={
                      mastery[concept.term]!.correct === mastery[concept.term]!.total
                        ? "ml-2 rounded-full bg-success-soft px-2 py-0.5 text-xs font-semibold text-success"
                        : "ml-2 rounded-full bg-warning-soft px-2 py-0.5 text-xs font-semibold text-warning"
                    }
                  >
                    <span className="sr-only">Latest quiz: </span>
                    {mastery[concept.term]!.correct}/{mastery[concept.term]!.total}
                    <span className="sr-only"> right</span>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </nav>
  );
}
