"use client";

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useProgress } from "@/components/progress/progress-provider";
import { Button } from "@/components/ui/button";
import { QUESTION_MAX_CHARS, splitCitations, type TutorEvent, type TutorMode, type TutorSource } from "@/lib/tutor/events";
import { cn } from "@/lib/utils/cn";

// The lesson's tutor: questions and answers of this visit stay on the page (and survive a reload
// in this tab). Answers are plain text; [n] citations become links to the lesson's sections.

type Turn = {
  id: string;
  question: string;
  status: "asking" | "answering" | "done" | "failed";
  mode?: TutorMode;
  sources: TutorSource[];
  message?: string;
  note?: string;
  model?: string;
  answer: string;
  error?: string;
};

const storageKey = (lesson: string) => `lesson-lab:tutor:${lesson}:v1`;
const MAX_TURNS_KEPT = 30;

function loadTurns(lesson: string): Turn[] {
  try {
    const value: unknown = JSON.parse(window.sessionStorage.getItem(storageKey(lesson)) ?? "[]");
    if (!Array.isArray(value)) return [];
    // A turn cut off by the reload is kept with what it had, marked as stopped.
    return (value as Turn[]).map((t) =>
      t.status === "asking" || t.status === "answering"
        ? { ...t, status: "failed", error: "The page reloaded before the answer finished." }
        : t,
    );
  } catch {
    return [];
  }
}

function saveTurns(lesson: string, turns: Turn[]) {
  try {
    window.sessionStorage.setItem(storageKey(lesson), JSON.stringify(turns.slice(-MAX_TURNS_KEPT)));
  } catch {
    // storage full or blocked: the conversation still stays on the page
  }
}

export function TutorPanel({ lesson, lessonTitle }: { lesson: string; lessonTitle: string }) {
  const { progress, isSignedIn } = useProgress();
  const [turns, setTurns] = useState<Turn[]>([]);
  const [question, setQuestion] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const restored = useRef(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  useEffect(() => {
    // sessionStorage exists only after hydration, so the visit's conversation is restored here.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setTurns(loadTurns(lesson));
    restored.current = true;
  }, [lesson]);

  useEffect(() => {
    if (restored.current) saveTurns(lesson, turns);
  }, [lesson, turns]);

  useEffect(() => () => abort.current?.abort(), []);

  const update = (id: string, change: (turn: Turn) => Turn) => setTurns((all) => all.map((t) => (t.id === id ? change(t) : t)));

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
    setBusy(true);
    const id = crypto.randomUUID();
    const controller = new AbortController();
    abort.current = controller;
    setTurns((all) => [...all, { id, question: text, status: "asking", sources: [], answer: "" }]);
    const guestResult = isSignedIn ? undefined : progress.quizzes[lesson]?.latest;
    try {
      const response = await fetch("/api/tutor", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ lesson, question: text, ...(guestResult?.sig ? { quizResult: guestResult } : {}) }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        // Refused before answering: the question goes back into the box, nothing is lost.
        setTurns((all) => all.filter((t) => t.id !== id));
        setFormError(body?.error?.message ?? `The tutor could not answer (HTTP ${response.status}). Your question is still in the box.`);
        return;
      }
      setQuestion("");
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) if (line.trim()) apply(id, JSON.parse(line) as TutorEvent);
      }
      update(id, (t) =>
        t.status === "failed" ? t : { ...t, status: t.mode ? "done" : "failed", error: t.mode ? t.error : "The tutor sent no answer." },
      );
    } catch (error) {
      const stopped = controller.signal.aborted;
      update(id, (t) => ({
        ...t,
        status: "failed",
        error: stopped ? "Stopped. What arrived is kept." : "The connection dropped before the answer finished. What arrived is kept.",
      }));
      if (!stopped) console.error(error);
    } finally {
      abort.current = null;
      setBusy(false);
    }
  }

  function apply(id: string, event: TutorEvent) {
    if (event.type === "start") {
      update(id, (t) => ({
        ...t,
        status: event.mode === "model" ? "answering" : "done",
        mode: event.mode,
        sources: event.sources,
        message: event.message,
        note: event.note,
        model: event.model,
      }));
    } else if (event.type === "delta") {
      update(id, (t) => ({ ...t, answer: t.answer + event.text }));
    } else if (event.type === "error") {
      update(id, (t) => ({ ...t, status: "failed", error: event.message }));
    } else {
      update(id, (t) => ({ ...t, status: "done" }));
    }
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

      <form onSubmit={ask} className="mt-5 flex flex-col gap-2" noValidate>
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
              <Button variant="secondary" onClick={() => abort.current?.abort()}>
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

function TutorTurn({ turn }: { turn: Turn }) {
  const sourcesLabel =
    turn.mode === "model"
      ? "Passages the answer used"
      : turn.mode === "passages"
        ? "From the lesson"
        : turn.mode === "refused"
          ? "Sections to read"
          : "Closest sections";
  return (
    <article className="flex flex-col gap-3" aria-label={`You asked: ${turn.question}`}>
      <p className="max-w-[85%] self-end rounded-2xl rounded-br-sm bg-accent-soft px-4 py-2 whitespace-pre-wrap">
        <span className="sr-only">You asked: </span>
        {turn.question}
      </p>
      <div className="flex flex-col gap-3 rounded-2xl rounded-bl-sm border border-line bg-canvas px-4 py-3">
        <p className="sr-only">The tutor:</p>
        {turn.status === "asking" ? <p className="text-ink-muted">Looking through the lesson…</p> : null}
        {turn.message ? <p className="font-medium">{turn.message}</p> : null}
        {turn.mode === "model" ? (
          <p className="whitespace-pre-wrap" data-testid="tutor-answer">
            {splitCitations(turn.answer, turn.sources).map((part, i) =>
              "cite" in part ? (
                <a key={i} href={`#${part.cite.anchor}`} className="font-semibold" title={part.cite.title}>
                  [{part.cite.n}]<span className="sr-only"> {part.cite.title}</span>
                </a>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
            {turn.status === "answering" ? (
              <span aria-hidden="true" className="ml-0.5 inline-block animate-pulse motion-reduce:animate-none">
                ▍
              </span>
            ) : null}
          </p>
        ) : null}
        {turn.error ? (
          <p role="status" className="rounded-lg border border-warning/40 bg-warning-soft px-3 py-2 text-sm">
            {turn.error}
          </p>
        ) : null}
        {turn.sources.length ? (
          <div>
            <p className="text-sm font-semibold text-ink-muted">{sourcesLabel}</p>
            <ol className="mt-2 flex flex-col gap-3">
              {turn.sources.map((source) => (
                <li key={source.n} className="text-sm">
                  <a href={`#${source.anchor}`} className="font-semibold">
                    [{source.n}] {source.title}
                  </a>
                  {turn.mode === "passages" || (turn.mode === "model" && turn.status === "failed") ? (
                    <blockquote className="mt-1 border-l-2 border-line-strong pl-3 whitespace-pre-line text-ink-muted">
                      {source.excerpt}
                    </blockquote>
                  ) : null}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        {turn.note ? <p className="text-sm text-ink-muted">{turn.note}</p> : null}
        {turn.mode === "model" && turn.model && turn.status !== "answering" ? (
          <p className="text-xs text-ink-muted">
            Phrased by {turn.model}, a local model, from the passages above. Check it against the lesson.
          </p>
        ) : null}
      </div>
    </article>
  );
}
