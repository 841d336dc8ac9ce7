"use client";

import { CircleAlert, CircleCheck, CircleHelp, Lightbulb } from "lucide-react";
import { describeNumericMiss } from "@/lib/checks/grade";
import type { CheckFeedback, PublicCheck, Verdict } from "@/lib/checks/types";
import { cn } from "@/lib/utils/cn";

// How a check's grading reads, in the order a reader needs it: the verdict, which way a number is
// off, the hint, then (below, in the card) "Try again"; the worked answer is open after a right
// answer and behind "Show the answer and why" otherwise.

export const VERDICT_TEXT: Record<Verdict, string> = { right: "Right", partly: "Partly right", wrong: "Not quite" };

export const verdictOfCredit = (credit: number): Verdict => (credit >= 0.999 ? "right" : credit > 0 ? "partly" : "wrong");

export function VerdictIcon({ verdict, className }: { verdict: Verdict; className?: string }) {
  const Icon = verdict === "right" ? CircleCheck : verdict === "partly" ? CircleHelp : CircleAlert;
  return <Icon aria-hidden="true" className={cn("size-5 shrink-0", className)} />;
}

const tone: Record<Verdict, string> = {
  right: "border-success/40 bg-success-soft",
  partly: "border-warning/50 bg-warning-soft",
  wrong: "border-warning/50 bg-warning-soft",
};

/** The hint, asked for before answering or given with a wrong answer; `id` describes the number box. */
export function CheckHint({ id, text, className }: { id: string; text: string; className?: string }) {
  return (
    <p id={id} className={cn("flex gap-2 rounded-lg border border-accent/40 bg-accent-soft px-3 py-2 text-sm", className)}>
      <Lightbulb aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>
        <span className="font-semibold">Hint: </span>
        {text}
      </span>
    </p>
  );
}

export function CheckFeedbackPanel({ feedback, check, hintId }: { feedback: CheckFeedback; check: PublicCheck; hintId: string }) {
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
      {answer && verdict !== "right" ? <MissLine given={answer.given} expected={answer.value} unit={answer.unit} /> : null}
      {feedback.note ? <p className="mt-1">{feedback.note}</p> : null}
      {feedback.hint ? <CheckHint id={hintId} text={feedback.hint} className="mt-3" /> : null}
      {verdict === "right" ? (
        <div className="mt-2 flex flex-col gap-2">{key}</div>
      ) : (
        <>
          <details className="mt-3">
            <summary className="cursor-pointer font-semibold underline">Show the answer and why</summary>
            <div className="mt-2 flex flex-col gap-2">{key}</div>
          </details>
        </>
      )}
    </div>
  );
}

/** "You answered 1,300 tokens: 34 tokens too low." */
function MissLine({ given, expected, unit }: { given: number; expected: number; unit: string }) {
  const miss = describeNumericMiss(given, expected, unit);
  return (
    <p className="mt-1">
      You answered {given.toLocaleString("en-US", { maximumFractionDigits: 4 })} {unit}
      {miss ? (
        <>
          : <span className="font-semibold">{miss}</span>.
        </>
      ) : (
        "."
      )}
    </p>
  );
}
