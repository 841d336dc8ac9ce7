"use client";

import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import type { PublicQuestion } from "@/lib/quiz/types";
import type { ReviewPolicy } from "@/lib/quiz/review-policy";

/** The step before grading: what is still unanswered (with links back to it), then submit or keep answering. */
export function QuizConfirm({
  unanswered,
  questionCount,
  policy,
  headingRef,
  isSubmitting,
  onSubmit,
  onKeepAnswering,
}: {
  unanswered: PublicQuestion[];
  questionCount: number;
  policy: ReviewPolicy;
  headingRef: RefObject<HTMLHeadingElement | null>;
  isSubmitting: boolean;
  onSubmit: () => void;
  onKeepAnswering: () => void;
}) {
  return (
    <section aria-labelledby="confirm-title" className="mt-8 rounded-2xl border border-accent/50 bg-accent-soft p-5 sm:p-6">
      <h2 id="confirm-title" ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
        {unanswered.length ? `${unanswered.length} question${unanswered.length === 1 ? "" : "s"} unanswered` : "Ready to submit?"}
      </h2>
      {unanswered.length ? (
        <>
          <p className="mt-1">
            An unanswered question scores zero{policy.kind === "answered" ? " and its right answer is not shown" : ""}. You can go back to
            it, or submit as it is.
          </p>
          <ul className="mt-3 flex flex-wrap gap-2" aria-label="Unanswered questions">
            {unanswered.map((q) => (
              <li key={q.id}>
                <a
                  href={`#question-${q.number}`}
                  onClick={onKeepAnswering}
                  className="inline-block rounded-lg border border-line bg-surface px-3 py-1 text-sm"
                >
                  Question {q.number}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-1">
          All {questionCount} questions are answered. After submitting you will see your score
          {policy.kind === "after-attempts" ? " and which answers were right." : " and an explanation for every option."}
        </p>
      )}
      <div className="mt-5 flex flex-wrap gap-3">
        <Button onClick={onSubmit} disabled={isSubmitting}>
          {isSubmitting ? "Grading…" : unanswered.length ? "Submit anyway" : "Submit now"}
        </Button>
        <Button variant="secondary" onClick={onKeepAnswering} disabled={isSubmitting}>
          Keep answering
        </Button>
      </div>
    </section>
  );
}
