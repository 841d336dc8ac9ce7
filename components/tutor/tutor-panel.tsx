"use client";

import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { useProgress } from "@/components/progress/progress-provider";
import { TutorTurn } from "@/components/tutor/tutor-turn";
import { Button } from "@/components/ui/button";
import { useTutorStream } from "@/hooks/use-tutor-stream";
import { QUESTION_MAX_CHARS } from "@/lib/tutor/events";
import { cn } from "@/lib/utils/cn";

// The lesson's tutor: questions and answers of this visit stay on the page (and survive a reload
// in this tab). Answers are plain text; [n] citations become links to the lesson's sections.

export function TutorPanel({ lesson, lessonTitle }: { lesson: string; lessonTitle: string }) {
  const { progress, isSignedIn } = useProgress();
  const { turns, busy, ask: askTutor, stop } = useTutorStream(lesson);
  const [question, setQuestion] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  async function ask(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    const text = question.trim();
    if (!text) {
      setFormError("Type a question first.");
      return;
    }
    if (text.length > QUESTION_MAX_CHARS) {
      setFormError(`Keep the question under ${QUESTION_MAX_CHARS} characters (it has ${text.length}).`);
      return;
    }
    setFormError(null);
    const guest = isSignedIn ? undefined : { quizResult: progress.quizzes[lesson]?.latest, checks: progress.checks?.[lesson] };
    await askTutor(text, guest, { onAccepted: () => setQuestion(""), onRefused: setFormError });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void ask();
    }
  }

  const length = question.trim().length;
  return (
    <section id="tutor" aria-labelledby="tutor-heading" className="mt-14 scroll-mt-6 rounded-2xl border border-line bg-surface p-5 sm:p-6">
      <p className="text-sm font-semibold text-accent">Lesson tutor</p>
      <h2 id="tutor-heading" className="text-2xl font-semibold tracking-tight">
        Questions about this lesson?
      </h2>
      <p className="mt-1 text-ink-muted">
        Ask anything about this lesson. I&apos;ll answer using just what you&apos;re reading — short, friendly, grounded.
      </p>

      <div
        role="log"
        aria-live="polite"
        aria-busy={busy}
        aria-label={`Conversation with the tutor about ${lessonTitle}`}
        className={cn("mt-5 flex flex-col gap-5", turns.length === 0 && "hidden")}
      >
        {turns.map((turn) => (
          <TutorTurn key={turn.id} turn={turn} />
        ))}
      </div>

      <form onSubmit={(event) => void ask(event)} className="mt-5 flex flex-col gap-2" noValidate>
        <label htmlFor={inputId} className="font-semibold">
          Ask the tutor
        </label>
        <textarea
          id={inputId}
          value={question}
          onChange={(e) => {
            setQuestion(e.target.value);
            if (formError) setFormError(null);
          }}
          onKeyDown={onKeyDown}
          rows={2}
          maxLength={QUESTION_MAX_CHARS + 200}
          aria-describedby={`${hintId}${formError ? ` ${errorId}` : ""}`}
          aria-invalid={formError ? true : undefined}
          placeholder="For example: why does a screenshot cost more tokens than its text?"
          className="min-h-20 w-full resize-y rounded-lg border border-line-strong bg-surface px-3 py-2 text-base aria-invalid:border-danger"
        />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p id={hintId} className="text-sm text-ink-muted">
            Enter to ask, Shift+Enter for a new line.{" "}
            {isSignedIn
              ? "Your questions are saved so your instructor can see what the class finds unclear (without your name)."
              : "As a guest, your questions are not saved."}
          </p>
          <div className="flex items-center gap-2">
            <span className={cn("text-sm text-ink-muted tabular-nums", length > QUESTION_MAX_CHARS && "font-semibold text-danger")}>
              {length}/{QUESTION_MAX_CHARS}
              <span className="sr-only"> characters</span>
            </span>
            {busy ? (
              <Button variant="secondary" onClick={stop}>
                Stop
              </Button>
            ) : null}
            <Button type="submit" aria-disabled={busy || undefined} className={cn(busy && "opacity-60")}>
              Ask
            </Button>
          </div>
        </div>
        {formError ? (
          <p id={errorId} role="alert" className="text-sm font-medium text-danger">
            {formError}
          </p>
        ) : null}
      </form>
    </section>
  );
}
