"use client";

import { useId } from "react";
import { useProgress } from "@/components/progress/progress-provider";
import { Button } from "@/components/ui/button";
import { CheckFeedbackPanel, CheckHint, VERDICT_TEXT, VerdictIcon, verdictOfCredit } from "@/components/lesson/section-check-feedback";
import { NumericAnswerField, OptionAnswerFields } from "@/components/lesson/section-check-fields";
import { useSectionCheck } from "@/hooks/use-section-check";
import type { PublicCheck } from "@/lib/checks/types";

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
  const base = useId();
  const ids = {
    title: `${base}-title`,
    prompt: `${base}-prompt`,
    hint: `${base}-hint`,
    error: `${base}-error`,
    input: `${base}-input`,
    code: `${base}-code`,
  };
  const state = useSectionCheck(check);
  const { feedback, isAnswered, isPending } = state;
  // Once answered, the hint is the grading's (none after a right answer); before, the reader's to show.
  const hint = feedback ? (feedback.hint ?? null) : state.isHintShown ? state.hint : null;

  return (
    <section
      aria-labelledby={ids.title}
      data-testid={`check-${check.id}`}
      className="not-prose my-8 rounded-2xl border border-line-strong bg-surface p-5 sm:p-6"
    >
      <CheckHeading check={check} position={position} titleId={ids.title} />
      {isAnswered ? null : <LatestAnswer check={check} timeZone={timeZone} />}

      <form onSubmit={(event) => void state.submit(event)} className="mt-3" noValidate>
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
          {state.isNumeric ? (
            <NumericAnswerField
              check={check}
              ids={ids}
              text={state.text}
              onText={state.setText}
              fieldError={state.fieldError}
              hasHint={Boolean(hint)}
              inputRef={state.firstInput}
            />
          ) : (
            <OptionAnswerFields
              check={check}
              name={`${base}-option`}
              chosen={state.chosen}
              onPick={state.pick}
              feedback={feedback}
              inputRef={state.firstInput}
            />
          )}
        </fieldset>

        {/* Verdict, then the hint, then the button that acts on them (Try again), in reading order. */}
        <div aria-live="polite">
          {state.error ? <p className="mt-4 text-sm font-medium text-danger">{state.error}</p> : null}
          {feedback ? (
            <CheckFeedbackPanel feedback={feedback} check={check} hintId={ids.hint} />
          ) : hint ? (
            <CheckHint id={ids.hint} text={hint} className="mt-4" />
          ) : null}
        </div>

        <div className="mt-4 flex flex-wrap gap-2">
          <Button
            type={isAnswered ? "button" : "submit"}
            onClick={isAnswered ? state.tryAgain : undefined}
            disabled={isPending}
            variant={isAnswered ? "secondary" : "primary"}
          >
            {isPending ? "Checking…" : isAnswered ? "Try again" : "Check answer"}
          </Button>
          {!isAnswered ? (
            <Button
              variant="secondary"
              aria-expanded={state.isHintShown}
              aria-busy={state.isHintPending || undefined}
              onClick={state.toggleHint}
            >
              {state.isHintShown ? "Hide the hint" : "Show a hint"}
            </Button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

/** "Check yourself" (with its place among the lesson's checks) and the concept it counts toward. */
function CheckHeading({ check, position, titleId }: { check: PublicCheck; position?: { number: number; total: number }; titleId: string }) {
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
      <h3 id={titleId} className="text-base font-semibold">
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
  );
}

/** The reader's last answer to this check (from their progress), until they answer again. */
function LatestAnswer({ check, timeZone }: { check: PublicCheck; timeZone: string }) {
  const { progress, isReady } = useProgress();
  const latest = progress.checks?.[check.lesson]?.[check.id];
  if (!isReady || !latest) return null;
  const verdict = verdictOfCredit(latest.credit);
  return (
    <p className="mt-2 flex items-center gap-2 text-sm text-ink-muted" data-testid="check-latest">
      <VerdictIcon verdict={verdict} className="size-4" />
      Your last answer: {VERDICT_TEXT[verdict].toLowerCase()}
      {verdict === "partly" ? ` (${Math.round(latest.credit * 100)}%)` : ""},{" "}
      {new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone }).format(new Date(latest.at))}. Answer again any time.
    </p>
  );
}
