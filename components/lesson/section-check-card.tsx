"use client";

import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { CircleAlert, CircleCheck, CircleHelp, Lightbulb } from "lucide-react";
import { answerCheckAction } from "@/app/lessons/[slug]/checks/actions";
import { publishMastery } from "@/components/lesson/mastery-store";
import { useProgress } from "@/components/progress/progress-provider";
import { Button } from "@/components/ui/button";
import type { CheckFeedback, PublicCheck, Verdict } from "@/lib/checks/types";
import { cn } from "@/lib/utils/cn";

const VERDICT_TEXT: Record<Verdict, string> = { right: "Right", partly: "Partly right", wrong: "Not quite" };

const verdictOfCredit = (credit: number): Verdict => (credit >= 0.999 ? "right" : credit > 0 ? "partly" : "wrong");

function VerdictIcon({ verdict, className }: { verdict: Verdict; className?: string }) {
  const Icon = verdict === "right" ? CircleCheck : verdict === "partly" ? CircleHelp : CircleAlert;
  return <Icon aria-hidden="true" className={cn("size-5 shrink-0", className)} />;
}

const tone: Record<Verdict, string> = {
  right: "border-success/40 bg-success-soft",
  partly: "border-warning/50 bg-warning-soft",
  wrong: "border-warning/50 bg-warning-soft",
};

/**
 * "Check yourself" at the end of a section: answer, get told at once (politely, through a live
 * region) whether it was right, with a hint when it was not and the worked answer on request;
 * try again as often as you like. Graded on the server; this card never holds the key before.
 */
export function SectionCheckCard({
  check,
  position,
  timeZone,
}: {
  check: PublicCheck;
  position?: { number: number; total: number };
  timeZone: string;
}) {
  const { progress, isReady, recordCheckResult } = useProgress();
  const base = useId();
  const ids = {
    title: `${base}-title`,
    prompt: `${base}-prompt`,
    hint: `${base}-hint`,
    error: `${base}-error`,
    input: `${base}-input`,
    code: `${base}-code`,
  };
  const [chosen, setChosen] = useState<string[]>([]);
  const [text, setText] = useState("");
  const [feedback, setFeedback] = useState<CheckFeedback | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [isHintShown, setHintShown] = useState(false);
  const [isPending, startTransition] = useTransition();
  const firstInput = useRef<HTMLInputElement>(null);
  const latest = progress.checks?.[check.lesson]?.[check.id];
  const isNumeric = check.kind === "numeric";
  const isAnswered = feedback !== null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (isAnswered || isPending) return;
    setError(null);
    if (isNumeric ? !text.trim() : !chosen.length) {
      const message = isNumeric
        ? "Type a number first."
        : check.kind === "single"
          ? "Choose an option first."
          : "Pick at least one option first.";
      if (isNumeric) setFieldError(message);
      else setError(message);
      return;
    }
    setFieldError(null);
    startTransition(async () => {
      try {
        const result = await answerCheckAction(
          isNumeric
            ? { lesson: check.lesson, checkId: check.id, value: text }
            : { lesson: check.lesson, checkId: check.id, optionIds: chosen },
        );
        if (!result.ok) {
          if (result.fieldErrors?.value) setFieldError(result.fieldErrors.value.join(" "));
          else setError(result.message);
          return;
        }
        setFeedback(result.value.feedback);
        recordCheckResult(check.lesson, check.id, result.value.result);
        if (result.value.mastery) publishMastery(check.lesson, result.value.mastery);
      } catch {
        setError("Your answer could not be checked: the server did not answer. Try again in a moment.");
      }
    });
  }

  function tryAgain() {
    setFeedback(null);
    setChosen([]);
    setText("");
    setError(null);
    setFieldError(null);
    setHintShown(false);
    // The button keeps focus (it only changes its label); the first answer field is one Tab back.
    requestAnimationFrame(() => firstInput.current?.focus());
  }

  const optionFeedback = new Map((feedback?.options ?? []).map((o) => [o.id, o]));
  const hint = feedback?.hint ?? (isHintShown ? check.hint : null);

  return (
    <section
      aria-labelledby={ids.title}
      data-testid={`check-${check.id}`}
      className="not-prose my-8 rounded-2xl border border-line-strong bg-surface p-5 sm:p-6"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 id={ids.title} className="text-base font-semibold">
          Check yourself
          {position && position.number > 0 ? (
            <span className="ml-1.5 text-xs font-medium text-ink-muted">
              {position.number} of {position.total}
            </span>
          ) : null}
          <span className="sr-only">: {check.concept}</span>
        </h3>
        <p className="text-xs font-medium text-ink-muted">
          Counts toward <span className="font-semibold text-ink">{check.concept}</span>
        </p>
      </div>
      {isReady && latest && !isAnswered ? (
        <p className="mt-2 flex items-center gap-2 text-sm text-ink-muted" data-testid="check-latest">
          <VerdictIcon verdict={verdictOfCredit(latest.credit)} className="size-4" />
          Your last answer: {VERDICT_TEXT[verdictOfCredit(latest.credit)].toLowerCase()}
          {verdictOfCredit(latest.credit) === "partly" ? ` (${Math.round(latest.credit * 100)}%)` : ""},{" "}
          {new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone }).format(new Date(latest.at))}. Answer again any
          time.
        </p>
      ) : null}

      <form onSubmit={submit} className="mt-3" noValidate>
        <p id={ids.prompt} className="text-[0.95rem] leading-relaxed">
          {check.prompt}
        </p>
        {/* Outside the fieldset: a disabled fieldset would take the scrollable block out of the tab order. */}
        {check.code ? (
          <pre
            id={ids.code}
            aria-label="The output to read"
            className="mt-3 overflow-x-auto rounded-lg border border-line bg-sunken px-4 py-3 font-mono text-sm"
            tabIndex={0}
          >
            {check.code}
          </pre>
        ) : null}
        <fieldset
          className="min-w-0"
          disabled={isAnswered}
          aria-labelledby={ids.prompt}
          aria-describedby={check.code ? ids.code : undefined}
        >
          {isNumeric ? (
            <div className="mt-4 flex flex-col gap-1.5">
              <label htmlFor={ids.input} className="text-sm font-semibold">
                {check.input!.label} ({check.input!.unit})
              </label>
              <div className="flex items-center gap-2">
                <input
                  ref={firstInput}
                  id={ids.input}
                  name="value"
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  spellCheck={false}
                  value={text}
                  onChange={(event) => setText(event.target.value)}
                  aria-invalid={fieldError ? true : undefined}
                  aria-describedby={[fieldError ? ids.error : null, hint ? ids.hint : null].filter(Boolean).join(" ") || undefined}
                  className={cn(
                    "min-h-11 w-full max-w-56 rounded-lg border bg-surface px-3 py-2 text-base disabled:bg-sunken",
                    fieldError ? "border-danger" : "border-line-strong",
                  )}
                />
                <span aria-hidden="true" className="text-sm text-ink-muted">
                  {check.input!.unit}
                </span>
              </div>
              <div aria-live="polite">
                {fieldError ? (
                  <p id={ids.error} className="text-sm font-medium text-danger">
                    {fieldError}
                  </p>
                ) : null}
              </div>
            </div>
          ) : (
            <>
              <p className="mt-1 text-sm text-ink-muted">{check.kind === "multiple" ? "Select all that apply." : "Choose one."}</p>
              <div className="mt-3 flex flex-col gap-2">
                {check.options!.map((o, index) => {
                  const isChecked = chosen.includes(o.id);
                  const graded = optionFeedback.get(o.id);
                  // After a right answer every option shows why; otherwise only the picks do, and the key waits behind "Show the answer".
                  const isExplained = graded && (feedback!.verdict === "right" || graded.chosen);
                  return (
                    <label
                      key={o.id}
                      className={cn(
                        "flex cursor-pointer items-start gap-3 rounded-xl border border-line px-4 py-3 has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-focus",
                        "has-[:checked]:border-accent has-[:checked]:bg-accent-soft",
                        isAnswered && "cursor-default",
                      )}
                    >
                      <input
                        ref={index === 0 ? firstInput : undefined}
                        type={check.kind === "single" ? "radio" : "checkbox"}
                        name={`${base}-option`}
                        value={o.id}
                        checked={isChecked}
                        onChange={(event) => {
                          const isOn = event.target.checked;
                          setError(null);
                          if (check.kind === "single") setChosen([o.id]);
                          else setChosen((previous) => (isOn ? [...new Set([...previous, o.id])] : previous.filter((id) => id !== o.id)));
                        }}
                        className="mt-1 size-4 shrink-0 accent-accent"
                      />
                      <span className="min-w-0">
                        <span>{o.text}</span>
                        {isExplained ? (
                          <span className="mt-1 block text-sm text-ink-muted">
                            <span className={cn("font-semibold", graded.correct ? "text-success" : "text-warning")}>
                              {graded.chosen ? "Your pick: " : ""}
                              {graded.correct ? "right." : "not right."}
                            </span>{" "}
                            {graded.explanation}
                          </span>
                        ) : null}
                      </span>
                    </label>
                  );
                })}
              </div>
            </>
          )}
        </fieldset>

        <div aria-live="polite">
          {hint ? (
            <p id={ids.hint} className="mt-4 flex gap-2 rounded-lg border border-accent/40 bg-accent-soft px-3 py-2 text-sm">
              <Lightbulb aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              <span>
                <span className="font-semibold">Hint: </span>
                {hint}
              </span>
            </p>
          ) : null}
        </div>

        <div className="mt-4 flex flex-wrap gap-2">
          <Button
            type={isAnswered ? "button" : "submit"}
            onClick={isAnswered ? tryAgain : undefined}
            disabled={isPending}
            variant={isAnswered ? "secondary" : "primary"}
          >
            {isPending ? "Checking…" : isAnswered ? "Try again" : "Check answer"}
          </Button>
          {!isAnswered ? (
            <Button variant="secondary" aria-expanded={isHintShown} onClick={() => setHintShown((shown) => !shown)}>
              {isHintShown ? "Hide the hint" : "Show a hint"}
            </Button>
          ) : null}
        </div>
      </form>

      <div aria-live="polite">
        {error ? <p className="mt-4 text-sm font-medium text-danger">{error}</p> : null}
        {feedback ? <Feedback feedback={feedback} check={check} /> : null}
      </div>
    </section>
  );
}

function Feedback({ feedback, check }: { feedback: CheckFeedback; check: PublicCheck }) {
  const { verdict, answer } = feedback;
  const rightOptions = (feedback.options ?? []).filter((o) => o.correct);
  const textOf = (id: string) => check.options?.find((o) => o.id === id)?.text ?? "";
  const key = (
    <>
      {answer ? (
        <p>
          <span className="font-semibold">
            The answer: {answer.display} {answer.unit}.
          </span>{" "}
          {answer.working}
        </p>
      ) : rightOptions.length ? (
        <div>
          <p className="font-semibold">{rightOptions.length === 1 ? "The right option:" : "The right options:"}</p>
          <ul className="mt-1 list-disc pl-5">
            {rightOptions.map((o) => (
              <li key={o.id}>{textOf(o.id)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>{feedback.explanation}</p>
    </>
  );
  return (
    <div className={cn("mt-4 rounded-xl border px-4 py-3 text-sm", tone[verdict])} data-testid="check-feedback">
      <p className="flex items-center gap-2 text-base font-semibold">
        <VerdictIcon verdict={verdict} />
        {VERDICT_TEXT[verdict]}
        {verdict === "partly" ? ` (${Math.round(feedback.credit * 100)}% credit)` : "."}
      </p>
      {answer && verdict !== "right" ? (
        <p className="mt-1">
          You answered {answer.given.toLocaleString("en-US", { maximumFractionDigits: 4 })} {answer.unit}.
        </p>
      ) : null}
      {feedback.note ? <p className="mt-1">{feedback.note}</p> : null}
      {verdict === "right" ? (
        <div className="mt-2 flex flex-col gap-2">{key}</div>
      ) : (
        <>
          <p className="mt-1">Read the hint above, then try again. The answer is here when you want it.</p>
          <details className="mt-2">
            <summary className="cursor-pointer font-semibold underline">Show the answer and why</summary>
            <div className="mt-2 flex flex-col gap-2">{key}</div>
          </details>
        </>
      )}
    </div>
  );
}
