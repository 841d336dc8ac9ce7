"use client";

import { useId, useRef, useState, type ReactNode } from "react";
import { addToCommentBankAction, insertBankCommentAction, removeFromCommentBankAction } from "@/app/instructor/submissions/actions";
import { Button } from "@/components/ui/button";
import { callAction } from "@/hooks/use-action";
import type { BankEntry } from "@/lib/submissions/types";
import { REVIEW_LIMITS } from "@/lib/submissions/schemas";

export type ReviewMessage = { tone: "danger" | "success" | "info"; text: string };

/**
 * The overall feedback and the instructor's comment bank: a selection (or the whole text) is added
 * to the bank, and a bank entry is inserted at the end of the feedback. `beforeBank` goes between
 * them: the grade and the decision, so that the keyboard reaches "Complete review" without passing
 * every bank entry's Insert and Remove.
 */
export function ReviewFeedback({
  feedback,
  onFeedbackChange,
  initialBank,
  say,
  beforeBank,
}: {
  feedback: string;
  onFeedbackChange: (feedback: string) => void;
  initialBank: BankEntry[];
  say: (message: ReviewMessage) => void;
  beforeBank?: ReactNode;
}) {
  const idPrefix = useId();
  const feedbackRef = useRef<HTMLTextAreaElement>(null);
  const [bank, setBank] = useState<BankEntry[]>(initialBank);

  async function addToBank() {
    const area = feedbackRef.current;
    const selected = area ? area.value.slice(area.selectionStart, area.selectionEnd) : "";
    const text = (selected.trim() ? selected : feedback).trim();
    const result = await callAction(() => addToCommentBankAction(text));
    if (!result.ok) return say({ tone: "danger", text: result.message });
    setBank((entries) => (entries.some((e) => e.id === result.value.id) ? entries : [...entries, result.value]));
    say({ tone: "info", text: "Added to your comment bank." });
  }

  async function insert(entry: BankEntry) {
    const result = await callAction(() => insertBankCommentAction(entry.id));
    if (!result.ok) return say({ tone: "danger", text: result.message });
    const joined = feedback.trim() ? `${feedback.trimEnd()}\n${result.value.text}` : result.value.text;
    onFeedbackChange(joined.slice(0, REVIEW_LIMITS.feedback));
    setBank((entries) => entries.map((e) => (e.id === entry.id ? result.value : e)).sort((a, b) => b.uses - a.uses));
    feedbackRef.current?.focus();
  }

  async function remove(entry: BankEntry) {
    const result = await callAction(() => removeFromCommentBankAction(entry.id));
    if (!result.ok) return say({ tone: "danger", text: result.message });
    setBank((entries) => entries.filter((e) => e.id !== entry.id));
  }

  return (
    <>
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
          onChange={(e) => onFeedbackChange(e.target.value)}
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
      {beforeBank}
      <CommentBank bank={bank} idPrefix={idPrefix} onInsert={(entry) => void insert(entry)} onRemove={(entry) => void remove(entry)} />
    </>
  );
}

function CommentBank({
  bank,
  idPrefix,
  onInsert,
  onRemove,
}: {
  bank: BankEntry[];
  idPrefix: string;
  onInsert: (entry: BankEntry) => void;
  onRemove: (entry: BankEntry) => void;
}) {
  return (
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
                onClick={() => onInsert(entry)}
              >
                Insert
              </Button>
              <Button
                variant="ghost"
                className="min-h-9 px-2"
                aria-describedby={`${idPrefix}-bank-${entry.id}`}
                onClick={() => onRemove(entry)}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
