"use client";

import Link from "next/link";
import { ArrowRight } from "lucide-react";
import { useProgress, useReader } from "@/components/progress/progress-provider";
import { signInPath } from "@/lib/auth/paths";
import { stepHref, type PathStep } from "@/lib/content/path";
import { continueTarget, type ActivityProgress } from "@/lib/progress/model";
import { nextStepText } from "@/lib/progress/path-progress";

type LessonRef = { slug: string; title: string; steps: PathStep[] };

const NO_ACTIVITIES: Record<string, ActivityProgress> = {};

export function ContinueCard({ lessons }: { lessons: LessonRef[] }) {
  const { progress, isReady, isSignedIn } = useProgress();
  // An account's lab and write-up steps (from its runs and submissions), from /api/me/page.
  const activities = useReader().me?.catalogue?.activities ?? NO_ACTIVITIES;
  const target = isReady ? continueTarget(progress, lessons, { isSignedIn, activities }) : null;
  if (!target) return null;
  const lesson = lessons.find((l) => l.slug === target.slug)!;
  const step = lesson.steps.find((s) => s.id === target.step);
  const finished = target.after ? lessons.find((l) => l.slug === target.after) : undefined;
  const href = !step
    ? `/lessons/${lesson.slug}`
    : target.needsAccount
      ? signInPath(stepHref(lesson.slug, { kind: "lab", id: "lab" }))
      : stepHref(lesson.slug, step);
  // The words the instructor's class progress uses for the same step.
  const next = step && target.needsAccount ? `${nextStepText(step)}. Sign in to use the lab.` : nextStepText(step ?? null);
  return (
    <section aria-labelledby="continue-title" className="mt-8 rounded-2xl border border-accent/40 bg-accent-soft p-5">
      <h2 id="continue-title" className="text-sm font-semibold">
        Continue where you left off
      </h2>
      {finished ? <p className="mt-1 text-sm text-ink-muted">You finished {finished.title}. Up next:</p> : null}
      <p className="mt-1">
        <Link href={href} className="inline-flex items-center gap-1 text-lg font-semibold" aria-describedby="continue-next">
          {lesson.title}
          <ArrowRight aria-hidden="true" className="size-4" />
        </Link>
      </p>
      <p id="continue-next" className="text-sm text-ink-muted">
        {next}
      </p>
    </section>
  );
}
