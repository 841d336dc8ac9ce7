"use client";

import { CircleAlert, CircleCheck, CircleHelp } from "lucide-react";
import type { CheckFeedback, PublicCheck, Verdict } from "@/lib/checks/types";
import { cn } from "@/lib/utils/cn";

// How a check's grading reads: the verdict with its icon, and the worked answer (open after a right
// answer, behind "Show the answer and why" otherwise).

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

export function CheckFeedbackPanel({ feedback, check }: { feedback: CheckFeedback; check: PublicCheck }) {
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
