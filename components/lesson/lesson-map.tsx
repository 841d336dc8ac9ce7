"use client";

import Link from "next/link";
import { useMemo } from "react";
import { Check } from "lucide-react";
import { useProgress, useReader } from "@/components/progress/progress-provider";
import { WRITE_UP_STATE_LABELS, runStateLabel } from "@/components/lesson/lab-card";
import { ReaderLabCard } from "@/components/lesson/reader-lab-card";
import { MasteryBadge, MasteryLegend } from "@/components/lesson/mastery-badge";
import { useAccountMastery } from "@/components/lesson/mastery-store";
import { StepToggle } from "@/components/lesson/step-toggle";
import { signInPath } from "@/lib/auth/paths";
import { termId } from "@/lib/content/ids";
import { needsAccount, stepHref, type ActivityStep, type PathStep } from "@/lib/content/path";
import type { LabProgress } from "@/lib/lab/types";
import { evidenceFromProgress, masteryByConcept, type ConceptMastery } from "@/lib/progress/mastery";
import type { ActivityProgress, ProgressDoc } from "@/lib/progress/model";
import { pathProgress } from "@/lib/progress/path-progress";
import { cn } from "@/lib/utils/cn";
import { formatScore } from "@/lib/format/score";

type Props = {
  lesson: string;
  steps: PathStep[];
  concepts: { term: string; section: string; sectionTitle: string }[];
  /** the lesson has a lab: show its card */
  hasLab: boolean;
  timeZone: string;
};

const badge = "inline-flex shrink-0 items-center rounded-full px-2.5 py-1 text-xs font-semibold";

/** An activity's state in words (never by colour alone); a guest gets the way in. */
function ActivityStatus({
  lesson,
  step,
  isDone,
  isSignedIn,
  lab,
  progress,
}: {
  lesson: string;
  step: ActivityStep;
  isDone: boolean;
  isSignedIn: boolean;
  lab: LabProgress | null;
  progress: ProgressDoc;
}) {
  if (!isSignedIn && needsAccount(step)) {
    return (
      <Link
        href={signInPath(stepHref(lesson, { kind: "lab", id: "lab" }))}
        className={cn(badge, "bg-accent-soft text-ink")}
        data-testid={`step-status-${step.id}`}
      >
        {step.kind === "lab" ? "Sign in to use the lab" : "Sign in to write it up"}
      </Link>
    );
  }
  let text: string;
  let tone = isDone ? "bg-success-soft text-success" : "bg-sunken text-ink-muted";
  if (step.kind === "quiz") {
    const best = progress.quizzes[lesson]?.best;
    text = isDone ? (best ? `Done · best ${formatScore(best.score, best.total)}` : "Done") : "Not taken yet";
  } else if (step.kind === "lab") {
    text = isDone ? "Done" : runStateLabel(lab?.latestRun ?? null);
  } else {
    const state = lab?.writeUp?.state ?? null;
    // Submitted once is done; a write-up returned for revision still says so.
    text = state ? WRITE_UP_STATE_LABELS[state] : "Not started";
    if (state === "RETURNED") tone = "bg-warning-soft text-warning";
  }
  return (
    <span className={cn(badge, tone)} data-testid={`step-status-${step.id}`}>
      {text}
    </span>
  );
}

export function LessonMap({ lesson, steps, concepts, hasLab, timeZone }: Props) {
  const { progress, isReady, isSignedIn } = useProgress();
  // An account's lab and concept mastery (lib/progress/data/evidence.ts), from /api/me/page.
  const { me } = useReader();
  const own = me?.lesson?.slug === lesson ? me.lesson : null;
  const lab = own?.lab ?? null;
  const activity: ActivityProgress | null = own?.activity ?? null;
  const accountMastery: Record<string, ConceptMastery> | null = own?.mastery ?? null;
  // The count the catalogue, the continue card and the instructor's class progress show too.
  const path = pathProgress(progress, lesson, steps, activity);
  const published = useAccountMastery(lesson, accountMastery);
  // Guests: from what this browser keeps (best and latest quiz, the latest answer to each check);
  // accounts: from the server, which has every answer.
  const guestMastery = useMemo(
    () =>
      masteryByConcept(
        concepts.map((c) => c.term),
        evidenceFromProgress(progress, lesson),
      ),
    [concepts, progress, lesson],
  );
  // Nothing shown until the reader is known (the browser's copy read, or the account's arrived).
  const mastery = !isReady ? null : isSignedIn ? (published ?? guestMastery) : guestMastery;
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
            The main moves in order · {path.done} of {path.total} done
          </p>
          <ol className="mt-3 flex flex-col gap-2">
            {path.steps.map(({ step, isDone }, index) => {
              const isLocked = !isSignedIn && needsAccount(step);
              return (
                <li key={step.id} className="flex items-center gap-3 rounded-xl border border-line px-3 py-2">
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
                  {step.kind === "section" ? (
                    <>
                      <a href={`#${step.anchor}`} className="min-w-0 flex-1 font-medium">
                        {step.title}
                        {isDone ? <span className="sr-only"> (done)</span> : null}
                      </a>
                      <StepToggle lesson={lesson} step={step.anchor} title={step.title} />
                    </>
                  ) : (
                    // On a narrow screen the state goes under a long title rather than over it.
                    <div className="flex min-h-9 min-w-0 flex-1 flex-wrap items-center justify-between gap-x-3 gap-y-1">
                      {isLocked ? (
                        <span className="min-w-0 font-medium">{step.title}</span>
                      ) : (
                        <Link href={stepHref(lesson, step)} className="min-w-0 font-medium">
                          {step.title}
                          {isDone ? <span className="sr-only"> (done)</span> : null}
                        </Link>
                      )}
                      {isReady ? (
                        <ActivityStatus lesson={lesson} step={step} isDone={isDone} isSignedIn={isSignedIn} lab={lab} progress={progress} />
                      ) : (
                        // Its place kept until the reader is known, so the state arriving moves nothing.
                        <span aria-hidden="true" className={cn(badge, "invisible")}>
                          Not taken yet
                        </span>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
        <section aria-labelledby="concept-cluster-title">
          <h3 id="concept-cluster-title" className="font-semibold">
            Concept cluster
          </h3>
          <p className="text-sm text-ink-muted">Terms to connect while reading · how well you know each, from the checks and the quiz</p>
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
                <MasteryBadge level={mastery?.[concept.term]?.level ?? null} />
              </li>
            ))}
          </ul>
          <MasteryLegend />
        </section>
      </div>
      {hasLab ? <ReaderLabCard lesson={lesson} timeZone={timeZone} className="mt-8" /> : null}
    </nav>
  );
}
