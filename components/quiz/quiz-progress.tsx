"use client";

import { useId, useState } from "react";
import type { PublicQuestion } from "@/lib/quiz/types";

/**
 * The running count and a list of every question, kept in view while the page scrolls (a 15-question
 * quiz is many screens long on a phone). A link moves focus to its question, so keyboard and
 * screen-reader users land where they will answer next.
 */
export function QuizProgress({
  questions,
  answers,
  status,
}: {
  questions: PublicQuestion[];
  answers: Record<string, string[]>;
  /** e.g. "7 of 15 answered · Answers save to your account as you go" */
  status: string;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const listId = useId();

  function jumpTo(event: React.MouseEvent<HTMLAnchorElement>, number: number) {
    const target = document.getElementById(`question-${number}`)?.querySelector("fieldset");
    if (!target) return;
    event.preventDefault();
    setIsOpen(false);
    const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "start" });
    target.focus({ preventScroll: true });
  }

  return (
    <div
      className="sticky top-0 z-20 -mx-4 border-b border-line bg-canvas px-4 py-1 sm:mx-0 sm:rounded-b-xl sm:px-3"
      data-testid="quiz-progress"
      onKeyDown={(event) => {
        if (event.key === "Escape" && isOpen) setIsOpen(false);
      }}
    >
      <div className="flex flex-wrap items-center justify-between gap-x-4">
        <p className="text-sm text-ink-muted" aria-live="polite">
          {status}
        </p>
        <button
          type="button"
          aria-expanded={isOpen}
          aria-controls={listId}
          onClick={() => setIsOpen((open) => !open)}
          className="inline-flex min-h-11 items-center rounded-lg px-2 text-sm font-semibold text-accent-strong hover:bg-sunken"
        >
          Questions
        </button>
      </div>
      <ol
        id={listId}
        hidden={!isOpen}
        aria-label="Jump to a question"
        className="grid max-h-[60vh] grid-cols-1 gap-1 overflow-y-auto pb-2 sm:grid-cols-3"
      >
        {questions.map((q) => {
          const isAnswered = Boolean(answers[q.id]?.length);
          return (
            <li key={q.id}>
              <a
                href={`#question-${q.number}`}
                aria-label={`Question ${q.number}, ${isAnswered ? "answered" : "not answered"}`}
                onClick={(event) => jumpTo(event, q.number)}
                className="flex min-h-11 items-center justify-between gap-3 rounded-lg border border-line bg-surface px-3 text-sm no-underline hover:bg-sunken"
              >
                <span className="font-semibold">Question {q.number}</span>
                <span className={isAnswered ? "text-success" : "text-ink-muted"}>{isAnswered ? "answered" : "not answered"}</span>
              </a>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
