"use client";

import Link from "next/link";
import { useProgress } from "@/components/progress/progress-provider";
import { buttonClasses } from "@/components/ui/button";
import { formatScore } from "@/lib/format/score";

export function QuizEntry({ lesson, questionCount }: { lesson: string; questionCount: number }) {
  const { progress } = useProgress();
  const result = progress.quizzes[lesson];
  return (
    <section
      aria-labelledby="quiz-entry"
      className="mt-14 flex flex-col gap-4 rounded-2xl border border-line bg-surface p-6 sm:flex-row sm:items-center sm:justify-between"
    >
      <div>
        <p className="text-sm font-semibold text-accent">End-of-lesson quiz</p>
        <h2 id="quiz-entry" className="text-2xl font-semibold tracking-tight">
          Check what stuck
        </h2>
        <p className="mt-1 text-ink-muted">{questionCount} questions · Score saves to your progress.</p>
        {result?.best ? (
          <p className="mt-2 font-medium" data-testid="quiz-best">
            Best score: {formatScore(result.best.score, result.best.total)}
            {result.latest && result.latest.at !== result.best.at
              ? ` · latest ${formatScore(result.latest.score, result.latest.total)}`
              : null}
          </p>
        ) : null}
      </div>
      <Link href={`/lessons/${lesson}/quiz`} className={buttonClasses("primary")}>
        {result?.best ? "Retake the quiz" : "Start the quiz"}
      </Link>
    </section>
  );
}
