"use client";

import Link from "next/link";
import type { RefObject } from "react";
import { Check, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { QuizResultView, ResultQuestion } from "@/lib/quiz/types";
import { describeResult } from "@/lib/quiz/review-policy";
import { describeChange } from "@/lib/quiz/standing";
import { formatPoints, formatScore, formatScorePercent } from "@/lib/format/score";
import { cn } from "@/lib/utils/cn";
import { TableHead } from "@/components/ui/table-head";
import { ScrollTable } from "@/components/ui/scroll-table";

export function QuizResults({
  lesson,
  view,
  headingRef,
  onRetake,
}: {
  lesson: string;
  view: QuizResultView;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** absent for a review set: it is taken once */
  onRetake?: () => void;
}) {
  return (
    <div>
      <section aria-labelledby="score-title" className="rounded-2xl border border-line bg-surface p-6">
        <h2 id="score-title" ref={headingRef} tabIndex={-1} className="text-3xl font-semibold tracking-tight">
          Score: {formatScore(view.score, view.total)}
        </h2>
        <p className="mt-1 text-lg" data-testid="result-standing">
          {resultStanding(view)}
        </p>
        <p className="mt-1 text-ink-muted" data-testid="review-note">
          {describeResult(view.review, {
            unanswered: view.questions.filter((q) => !q.isAnswered).length,
            isPerfect: view.score === view.total,
          })}
        </p>
        <div className="mt-4 flex flex-wrap gap-3">
          {onRetake ? <Button onClick={onRetake}>Retake the quiz</Button> : null}
          <Link href={`/lessons/${lesson}`} className="inline-flex min-h-11 items-center font-semibold">
            Back to the lesson
          </Link>
        </div>
      </section>

      <section aria-labelledby="concepts-title" className="mt-8">
        <h2 id="concepts-title" className="text-xl font-semibold">
          By concept
        </h2>
        <ScrollTable label="Your results by concept" className="mt-3">
          <table className="w-full text-left text-sm">
            <TableHead columns={["Concept", "Right", "Review"]} />
            <tbody>
              {view.concepts.map((c) => (
                <tr key={c.concept} className="border-t border-line">
                  <th scope="row" className="px-4 py-2 font-medium">
                    {c.concept}
                  </th>
                  <td className={cn("px-4 py-2", c.correct === c.total ? "text-success" : "text-ink")}>
                    {formatPoints(c.correct)} of {c.total}
                  </td>
                  <td className="px-4 py-2">
                    <Link href={`/lessons/${lesson}#${c.section.id}`}>{c.section.title}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>

      <section aria-labelledby="answers-title" className="mt-10">
        <h2 id="answers-title" className="text-xl font-semibold">
          Your answers
        </h2>
        <ol className="mt-4 flex flex-col gap-5">
          {view.questions.map((q) => (
            <li key={q.id} className="rounded-2xl border border-line bg-surface p-5 sm:p-6" data-testid="result-question">
              <h3 className="flex items-start gap-2 font-semibold">
                <span
                  className={cn(
                    "mt-0.5 grid size-6 shrink-0 place-items-center rounded-full",
                    q.isCorrect ? "bg-success text-surface" : "bg-danger text-surface",
                  )}
                  aria-hidden="true"
                >
                  {q.isCorrect ? <Check className="size-4" strokeWidth={3} /> : <X className="size-4" strokeWidth={3} />}
                </span>
                <span>
                  Question {q.number}:{" "}
                  {q.isCorrect ? "right" : !q.isAnswered ? "not answered" : q.credit > 0 ? "partly right" : "not right"}
                  <span className="ml-2 text-sm font-normal text-ink-muted" data-testid="question-credit">
                    {formatPoints(q.credit)} of 1 point
                  </span>
                </span>
              </h3>
              {q.kind === "multiple" && q.isAnswered && !q.isCorrect ? (
                <p className="mt-1 text-sm text-ink-muted">
                  Partial credit: right picks minus wrong picks, over the right options, never below zero.
                </p>
              ) : null}
              <p className="mt-2">{q.prompt}</p>
              <ResultOptions question={q} />
              <p className="mt-3 text-sm">
                Concept: {q.concept}. Review <Link href={`/lessons/${lesson}#${q.section.id}`}>{q.section.title}</Link>.
              </p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** "73% · attempt 3 · best 12/15 · up from 9/15"; a guest's result or a review gives the percentage alone. */
function resultStanding(view: QuizResultView): string {
  const parts = [formatScorePercent(view.score, view.total)];
  const { standing } = view;
  if (standing) {
    parts.push(`attempt ${standing.number}`, `best ${formatScore(standing.best.score, standing.best.total)}`);
    const change = describeChange(standing);
    if (change) parts.push(change);
  }
  return parts.join(" · ");
}

/** The options of one graded question: with the key and explanations when the review policy shows them, else only the student's choice. */
function ResultOptions({ question: q }: { question: ResultQuestion }) {
  if (q.isRevealed) {
    return (
      <ul className="mt-4 flex flex-col gap-2">
        {q.options.map((o) => (
          <li
            key={o.id}
            className={cn(
              "rounded-xl border px-4 py-3 text-sm",
              o.isCorrect ? "border-success/50 bg-success-soft" : o.isChosen ? "border-danger/50 bg-danger-soft" : "border-line",
            )}
          >
            <p className="font-medium">
              {o.text}
              {o.isChosen ? <span className="ml-2 font-semibold">· Your answer</span> : null}
              {o.isCorrect ? <span className="ml-2 font-semibold text-success">· Right answer</span> : null}
            </p>
            <p className="mt-1 text-ink-muted">{o.explanation}</p>
          </li>
        ))}
      </ul>
    );
  }
  if (!q.isAnswered) return <p className="mt-3 text-sm text-ink-muted">Not answered, so its right answer is not shown.</p>;
  return (
    <ul className="mt-4 flex flex-col gap-2">
      {q.options.map((o) => (
        <li
          key={o.id}
          className={cn("rounded-xl border px-4 py-3 text-sm", o.isChosen ? "border-accent/50 bg-accent-soft" : "border-line")}
        >
          <p className="font-medium">
            {o.text}
            {o.isChosen ? <span className="ml-2 font-semibold">· Your answer</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
