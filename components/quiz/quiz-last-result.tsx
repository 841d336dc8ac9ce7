"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * Coming back after a quiz: the last result comes first ("what did I get, what did I miss?"), with
 * its review a click away; the next attempt's questions appear when the student chooses to start,
 * under their own heading, which takes focus so the next step is where the keyboard is.
 */
export function QuizLastResult({
  summary,
  reviewHref,
  lastNumber,
  answeredSoFar,
  children,
}: {
  /** "11/15 (73%) · best 12/15 · up from 9/15" */
  summary: string;
  reviewHref: string;
  lastNumber: number;
  /** answers already saved in the open attempt: it is continued, not started */
  answeredSoFar: number;
  /** the runner for the open attempt */
  children: ReactNode;
}) {
  const [isStarted, setIsStarted] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (isStarted) headingRef.current?.focus();
  }, [isStarted]);
  const next = lastNumber + 1;

  if (isStarted)
    return (
      <section aria-labelledby="attempt-title">
        <h2 id="attempt-title" ref={headingRef} tabIndex={-1} className="mb-3 text-xl font-semibold">
          Attempt {next}
        </h2>
        {children}
      </section>
    );

  return (
    <section aria-labelledby="last-result-title" className="rounded-2xl border border-line bg-surface p-5 sm:p-6" data-testid="last-result">
      <h2 id="last-result-title" className="text-xl font-semibold">
        Your last attempt: {summary}
      </h2>
      <p className="mt-1 text-sm text-ink-muted">
        Review it to see what you missed, with the section of the lesson that teaches each question.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Link href={reviewHref} className="inline-flex min-h-11 items-center font-semibold">
          Review attempt {lastNumber}
        </Link>
        <Button onClick={() => setIsStarted(true)}>
          {answeredSoFar ? `Continue attempt ${next} (${answeredSoFar} answered)` : "Start a new attempt"}
        </Button>
      </div>
    </section>
  );
}
