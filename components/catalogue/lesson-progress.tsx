"use client";

import { useProgress, useReader } from "@/components/progress/progress-provider";
import type { PathStep } from "@/lib/content/path";
import type { ActivityProgress } from "@/lib/progress/model";
import { pathProgress, progressSummary } from "@/lib/progress/path-progress";
import { cn } from "@/lib/utils/cn";
import { formatScore } from "@/lib/format/score";

/**
 * "2 of 11 steps done" with a bar, from the reader's progress (browser or account) and, for a lab,
 * the account's runs (on the catalogue, from /api/me/page).
 */
export function LessonProgressBadge({ lesson, steps, className }: { lesson: string; steps: PathStep[]; className?: string }) {
  const { progress, isReady } = useProgress();
  const activity: ActivityProgress | undefined = useReader().me?.catalogue?.activities[lesson];
  const { done, total } = pathProgress(progress, lesson, steps, activity);
  const quiz = progress.quizzes[lesson]?.best;
  const percent = Math.round((done / total) * 100);
  return (
    <div className={cn("text-sm", className)} data-testid={`progress-${lesson}`}>
      <div className="flex items-center justify-between gap-2">
        <span className="text-ink-muted">{isReady ? progressSummary({ done, total }) : "\u00a0"}</span>
        {quiz ? <span className="text-ink-muted">Quiz best {formatScore(quiz.score, quiz.total)}</span> : null}
      </div>
      <div className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-sunken" aria-hidden="true">
        <div className="h-full rounded-full bg-accent" style={{ width: `${isReady ? percent : 0}%` }} />
      </div>
    </div>
  );
}
