"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import {
  claimSubmissionAction,
  decideReviewAction,
  releaseSubmissionAction,
  saveReviewDraftAction,
} from "@/app/instructor/submissions/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { DecisionPanel, GradeField } from "@/components/submissions/review-decision";
import { ReviewFeedback, type ReviewMessage } from "@/components/submissions/review-feedback";
import { ReviewRubric } from "@/components/submissions/review-rubric";
import { callAction } from "@/hooks/use-action";
import { useAutosave } from "@/hooks/use-autosave";
import { focusAfterRefresh, useFocusAfterRefresh } from "@/hooks/use-focus-after-refresh";
import type { ActionResult } from "@/lib/action-result";
import type { BankEntry } from "@/lib/submissions/types";
import type { RubricLevels } from "@/lib/submissions/schemas";
import { scoreRubric, type GradeBand, type RubricCriterion } from "@/lib/submissions/scoring";
import { formatDateTime } from "@/lib/format";

type ReviewDraft = { levels: RubricLevels; feedback: string; grade: number | null };

type Props = {
  submissionId: string;
  /** SUBMITTED (claim it), IN_REVIEW by me (review it), IN_REVIEW by someone else */
  mode: "unclaimed" | "mine" | "theirs";
  claimedByName: string | null;
  rubric: RubricCriterion[];
  gradeBands: GradeBand[];
  initial: ReviewDraft & { savedAt: string | null };
  /** the previous version's review levels, where a resubmission's rubric started */
  previous: { version: number; levels: RubricLevels } | null;
  bank: BankEntry[];
  timeZone: string;
};

/** Claim, release and decide: an action whose success refreshes the page, its outcome said in one message. */
function useReviewActions() {
  const router = useRouter();
  const [message, setMessage] = useState<ReviewMessage | null>(null);
  const [isBusy, startTransition] = useTransition();
  /** `focusNext`: what takes focus once the refreshed page replaces the button pressed. */
  const act = (action: () => Promise<ActionResult<unknown>>, success?: string, focusNext?: string) =>
    startTransition(async () => {
      const result = await callAction(action);
      if (!result.ok) {
        const text = result.code === "NO_RESPONSE" ? "The server did not answer. Nothing was lost; try again." : result.message;
        return setMessage({ tone: "danger", text });
      }
      setMessage(success ? { tone: "success", text: success } : null);
      if (focusNext) focusAfterRefresh(focusNext);
      router.refresh();
    });
  const notice = message ? (
    <div role={message.tone === "danger" ? "alert" : "status"}>
      <Notice tone={message.tone}>{message.text}</Notice>
    </div>
  ) : null;
  return { act, isBusy, notice, say: setMessage };
}

export const CLAIMED_FOCUS = "review-claimed";
export const DECIDED_FOCUS = "review-decided";

export function ReviewForm(props: Props) {
  const { act, isBusy, notice, say } = useReviewActions();
  const claimedRef = useRef<HTMLParagraphElement>(null);
  useFocusAfterRefresh(CLAIMED_FOCUS, claimedRef);
  // Only the draft's own fields: the page's copy also carries who reviewed it, which no save takes.
  const { levels, feedback, grade, savedAt } = props.initial;
  const autosave = useAutosave<ReviewDraft>({
    initial: { levels, feedback, grade },
    savedAt,
    save: (draft) => saveReviewDraftAction({ submissionId: props.submissionId, ...draft }),
    onFailure: (failure) => say({ tone: "danger", text: failure.message }),
    noResponseMessage: "The review draft could not be saved: the server did not answer. Keep this page open and try again.",
    onLeave: "cancel",
  });
  const { value, edit, saver, status } = autosave;
  const change = (next: Partial<ReviewDraft>) => edit((current) => ({ ...current, ...next }));
  const score = scoreRubric({ criteria: props.rubric }, value.levels);

  if (props.mode === "unclaimed") {
    return (
      <div className="flex flex-col gap-3">
        <p>Claim this submission to review it: other instructors will see that you have it.</p>
        <Button
          className="self-start"
          disabled={isBusy}
          onClick={() => act(() => claimSubmissionAction(props.submissionId), undefined, CLAIMED_FOCUS)}
        >
          Claim
        </Button>
        {notice}
      </div>
    );
  }
  if (props.mode === "theirs") {
    return (
      <Notice tone="info" title="Being reviewed">
        {props.claimedByName ?? "Another instructor"} is reviewing this submission. It comes back to the queue if they release it.
      </Notice>
    );
  }

  function decide(decision: "RETURNED" | "COMPLETED") {
    // The decision carries the review as it stands; the draft save waiting to run is not needed.
    saver.cancel();
    act(
      () => decideReviewAction({ submissionId: props.submissionId, decision, ...saver.latest() }),
      decision === "RETURNED" ? "Returned to the student for revision." : "Review completed.",
      DECIDED_FOCUS,
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="text-sm">
          <p ref={claimedRef} tabIndex={-1} className="font-medium">
            You have claimed this submission.
          </p>
          <p aria-live="polite" data-testid="review-save-status">
            {status.kind === "saving"
              ? "Saving…"
              : status.kind === "pending"
                ? "Unsaved changes…"
                : autosave.savedAt
                  ? `Draft saved at ${formatDateTime(autosave.savedAt, props.timeZone)}`
                  : "Nothing saved yet: the review saves as you work."}
          </p>
        </div>
        <Button
          variant="secondary"
          disabled={isBusy}
          onClick={() => act(() => releaseSubmissionAction(props.submissionId), "Released back to the queue.")}
        >
          Release
        </Button>
      </div>

      <ReviewRubric
        rubric={props.rubric}
        levels={value.levels}
        previous={props.previous}
        onChoose={(criterionId, levelId) => change({ levels: { ...saver.latest().levels, [criterionId]: levelId } })}
      />
      <ReviewFeedback
        feedback={value.feedback}
        onFeedbackChange={(feedback) => change({ feedback })}
        initialBank={props.bank}
        say={say}
        beforeBank={
          <>
            <GradeField grade={value.grade} score={score} bands={props.gradeBands} onChange={(grade) => change({ grade })} />
            <DecisionPanel notice={notice} disabled={isBusy || props.mode !== "mine"} onDecide={decide} />
          </>
        }
      />
    </div>
  );
}
