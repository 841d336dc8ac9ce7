"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, useTransition } from "react";
import {
  addToCommentBankAction,
  claimSubmissionAction,
  decideReviewAction,
  insertBankCommentAction,
  releaseSubmissionAction,
  removeFromCommentBankAction,
  saveReviewDraftAction,
} from "@/app/instructor/submissions/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { BankEntry } from "@/lib/submissions/types";
import { REVIEW_LIMITS, type RubricLevels } from "@/lib/submissions/schemas";
import { scoreRubric, type RubricCriterion } from "@/lib/submissions/scoring";
import { formatDateTime } from "@/lib/format";

const SAVE_DELAY_MS = 800;

type Props = {
  submissionId: string;
  /** SUBMITTED (claim it), IN_REVIEW by me (review it), IN_REVIEW by someone else */
  mode: "unclaimed" | "mine" | "theirs";
  claimedByName: string | null;
  rubric: RubricCriterion[];
  initial: { levels: RubricLevels; feedback: string; grade: number | null; savedAt: string | null };
  bank: BankEntry[];
  timeZone: string;
};

export function ReviewForm(props: Props) {
  const router = useRouter();
  const [levels, setLevels] = useState<RubricLevels>(props.initial.levels);
  const [feedback, setFeedback] = useState(props.initial.feedback);
  const [grade, setGrade] = useState<number | null>(props.initial.grade);
  const [savedAt, setSavedAt] = useState<string | null>(props.initial.savedAt);
  const [saveState, setSaveState] = useState<"idle" | "pending" | "saving" | "error">("idle");
  const [bank, setBank] = useState<BankEntry[]>(props.bank);
  const [message, setMessage] = useState<{ tone: "danger" | "success" | "info"; text: string } | null>(null);
  const [isBusy, startTransition] = useTransition();
  const feedbackRef = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ levels, feedback, grade });
  const idPrefix = useId();
  const score = scoreRubric({ lab: "", criteria: props.rubric }, levels);
  const isMine = props.mode === "mine";

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setSaveState("saving");
    try {
      const result = await saveReviewDraftAction({ submissionId: props.submissionId, ...latest.current });
      if (result.ok) {
        setSavedAt(result.value.savedAt);
        setSaveState("idle");
      } else {
        setSaveState("error");
        setMessage({ tone: "danger", text: result.message });
      }
    } catch {
      setSaveState("error");
      setMessage({
        tone: "danger",
        text: "The review draft could not be saved: the server did not answer. Keep this page open and try again.",
      });
    }
  }, [props.submissionId]);

  const change = (next: Partial<typeof latest.current>) => {
    latest.current = { ...latest.current, ...next };
    if (next.levels) setLevels(next.levels);
    if (next.feedback !== undefined) setFeedback(next.feedback);
    if (next.grade !== undefined) setGrade(next.grade);
    setSaveState("pending");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
  };

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const act = (action: () => Promise<{ ok: boolean; message?: string }>, success?: string) =>
    startTransition(async () => {
      try {
        const result = await action();
        if (!result.ok) return setMessage({ tone: "danger", text: result.message ?? "That did not work." });
        setMessage(success ? { tone: "success", text: success } : null);
        router.refresh();
      } catch {
        setMessage({ tone: "danger", text: "The server did not answer. Nothing was lost; try again." });
      }
    });

  function decide(decision: "RETURNED" | "COMPLETED") {
    if (timer.current) clearTimeout(timer.current);
    act(
      () => decideReviewAction({ submissionId: props.submissionId, decision, ...latest.current }),
      decision === "RETURNED" ? "Returned to the student for revision." : "Review completed.",
    );
  }

  async function addToBank() {
    const area = feedbackRef.current;
    const selected = area ? area.value.slice(area.selectionStart, area.selectionEnd) : "";
    const text = (selected.trim() ? selected : feedback).trim();
    const result = await addToCommentBankAction(text);
    if (!result.ok) return setMessage({ tone: "danger", text: result.message });
    setBank((entries) => (entries.some((e) => e.id === result.value.id) ? entries : [...entries, result.value]));
    setMessage({ tone: "info", text: "Added to your comment bank." });
  }

  async function insert(entry: BankEntry) {
    const result = await insertBankCommentAction(entry.id);
    if (!result.ok) return setMessage({ tone: "danger", text: result.message });
    const joined = feedback.trim() ? `${feedback.trimEnd()}\n${result.value.text}` : result.value.text;
    change({ feedback: joined.slice(0, REVIEW_LIMITS.feedback) });
    setBank((entries) => entries.map((e) => (e.id === entry.id ? result.value : e)).sort((a, b) => b.uses - a.uses));
    feedbackRef.current?.focus();
  }

  async function remove(entry: BankEntry) {
    const result = await removeFromCommentBankAction(entry.id);
    if (!result.ok) return setMessage({ tone: "danger", text: result.message });
    setBank((entries) => entries.filter((e) => e.id !== entry.id));
  }

  const notice = message ? (
    <div role={message.tone === "danger" ? "alert" : "status"}>
      <Notice tone={message.tone}>{message.text}</Notice>
    </div>
  ) : null;

  if (props.mode === "unclaimed") {
    return (
      <div className="flex flex-col gap-3">
        <p>Claim this submission to review it: other instructors will see that you have it.</p>
        <Button className="self-start" disabled={isBusy} onClick={() => act(() => claimSubmissionAction(props.submissionId))}>
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

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm" aria-live="polite" data-testid="review-save-status">
          {saveState === "saving"
            ? "Saving…"
            : saveState === "pending"
              ? "Unsaved changes…"
              : savedAt
                ? `Draft saved at ${formatDateTime(savedAt, props.timeZone)}`
                : "You have claimed this submission."}
        </p>
        <Button
          variant="secondary"
          disabled={isBusy}
          onClick={() => act(() => releaseSubmissionAction(props.submissionId), "Released back to the queue.")}
        >
          Release
        </Button>
      </div>

      <fieldset className="flex flex-col gap-5">
        <legend className="text-lg font-semibold">Rubric</legend>
        {props.rubric.map((criterion) => {
          const labelId = `${idPrefix}-${criterion.id}`;
          return (
            <div
              key={criterion.id}
              role="radiogroup"
              aria-labelledby={labelId}
              aria-describedby={`${labelId}-description`}
              className="flex flex-col gap-2"
            >
              <p id={labelId} className="font-semibold">
                {criterion.title}
              </p>
              <p id={`${labelId}-description`} className="text-sm text-ink-muted">
                {criterion.description}
              </p>
              {criterion.levels.map((level) => (
                <label
                  key={level.id}
                  className="flex cursor-pointer gap-2 rounded-lg border border-line p-2 text-sm has-checked:border-accent has-checked:bg-accent-soft"
                >
                  <input
                    type="radio"
                    name={`${idPrefix}-level-${criterion.id}`}
                    value={level.id}
                    checked={levels[criterion.id] === level.id}
                    onChange={() => change({ levels: { ...latest.current.levels, [criterion.id]: level.id } })}
                    className="mt-0.5 size-4 shrink-0 accent-accent"
                  />
                  <span>
                    <span className="font-medium">
                      {level.title} ({level.points} {level.points === 1 ? "point" : "points"})
                    </span>
                    <span className="block text-ink-muted">{level.description}</span>
                  </span>
                </label>
              ))}
            </div>
          );
        })}
      </fieldset>

      <div className="flex flex-col gap-2">
        <label htmlFor={`${idPrefix}-feedback`} className="font-semibold">
          Overall feedback
        </label>
        <textarea
          ref={feedbackRef}
          id={`${idPrefix}-feedback`}
          rows={7}
          maxLength={REVIEW_LIMITS.feedback}
          value={feedback}
          onChange={(e) => change({ feedback: e.target.value })}
          aria-describedby={`${idPrefix}-feedback-hint`}
          className="rounded-lg border border-line-strong bg-surface px-3 py-2 text-sm"
        />
        <p id={`${idPrefix}-feedback-hint`} className="text-xs text-ink-muted">
          The student reads this when you return or complete the review. Select part of it and add it to your comment bank to reuse it.
        </p>
        <Button variant="secondary" className="self-start" onClick={() => void addToBank()}>
          Add to comment bank
        </Button>
      </div>

      <section aria-labelledby={`${idPrefix}-bank`} className="flex flex-col gap-2">
        <h3 id={`${idPrefix}-bank`} className="font-semibold">
          Comment bank
        </h3>
        {bank.length === 0 ? (
          <p className="text-sm text-ink-muted">Empty. Comments you add here are yours, most used first.</p>
        ) : (
          <ul className="flex flex-col gap-2" data-testid="comment-bank">
            {bank.map((entry) => (
              <li key={entry.id} className="flex items-start gap-2 rounded-lg border border-line p-2 text-sm">
                <p id={`${idPrefix}-bank-${entry.id}`} className="flex-1 whitespace-pre-wrap">
                  {entry.text}
                  <span className="block text-xs text-ink-muted">
                    used {entry.uses} {entry.uses === 1 ? "time" : "times"}
                  </span>
                </p>
                <Button
                  variant="secondary"
                  className="min-h-9 px-3"
                  aria-describedby={`${idPrefix}-bank-${entry.id}`}
                  onClick={() => void insert(entry)}
                >
                  Insert
                </Button>
                <Button
                  variant="ghost"
                  className="min-h-9 px-2"
                  aria-describedby={`${idPrefix}-bank-${entry.id}`}
                  onClick={() => void remove(entry)}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div className="flex flex-col gap-1">
        <label htmlFor={`${idPrefix}-grade`} className="font-semibold">
          Grade
        </label>
        <div className="flex items-center gap-2">
          <input
            id={`${idPrefix}-grade`}
            type="number"
            inputMode="numeric"
            min={0}
            max={score.max}
            value={grade ?? score.points}
            onChange={(e) =>
              change({ grade: e.target.value === "" ? null : Math.max(0, Math.min(score.max, Math.round(Number(e.target.value)))) })
            }
            aria-describedby={`${idPrefix}-grade-hint`}
            className="min-h-11 w-24 rounded-lg border border-line-strong bg-surface px-3 text-sm"
          />
          <span className="text-sm">/ {score.max}</span>
        </div>
        <p id={`${idPrefix}-grade-hint`} className="text-xs text-ink-muted">
          The rubric gives {score.points} of {score.max}
          {score.unscored.length
            ? ` so far (${score.unscored.length} ${score.unscored.length === 1 ? "criterion" : "criteria"} to score)`
            : ""}
          . Adjust it if you need to.{" "}
          {grade !== null && grade !== score.points ? (
            <button type="button" className="underline" onClick={() => change({ grade: null })}>
              Use the rubric&apos;s points
            </button>
          ) : null}
        </p>
      </div>

      {notice}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" disabled={isBusy || !isMine} onClick={() => decide("RETURNED")}>
          Return for revision
        </Button>
        <Button disabled={isBusy || !isMine} onClick={() => decide("COMPLETED")}>
          Complete review
        </Button>
      </div>
    </div>
  );
}
