"use client";

import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { useProgress } from "@/components/progress/progress-provider";
import { continueTarget } from "@/lib/progress/model";

type LessonRef = { slug: string; title: string; steps: { title: string; anchor: string }[] };

export function ContinueCard({ lessons }: { lessons: LessonRef[] }) {
  const { progress, isReady } = useProgress();
  const target = isReady ? continueTarget(progress, lessons) : null;
  if (!target) return null;
  const lesson = lessons.find((l) => l.slug === target.slug)!;
  const step = lesson.steps.find((s) => s.anchor === target.anchor);
  return (
    <section aria-labelledby="continue-title" className="mt-8 rounded-2xl border border-accent/40 bg-accent-soft p-5">
      <h2 id="continue-title" className="text-sm font-semibold">
        Continue where you left off
      </h2>
      <p className="mt-1">
        <Link
          href={`/lessons/${lesson.slug}${step ? `#${step.anchor}` : ""}`}
          className="inline-flex items-center gap-1 text-lg font-semibold"
        >
          {lesson.title}
          <ArrowRight aria-hidden="true" className="size-4" />
        </Link>
      </p>
      <p className="text-sm text-ink-muted">{step ? `Next step: ${step.title}` : "Every step is done. Take the quiz or run the lab."}</p>
    </section>
  );
}
