"use client";

import { useRef, useState, type FormEvent } from "react";
import { answerCheckAction, hintCheckAction } from "@/app/lessons/[slug]/checks/actions";
import { publishMastery } from "@/components/lesson/mastery-store";
import { useProgress } from "@/components/progress/progress-provider";
import { useAction } from "@/hooks/use-action";
import type { CheckFeedback, PublicCheck } from "@/lib/checks/types";

/**
 * One "Check yourself" card's state: the answer being given, the server's grading (kept in the
 * reader's progress), the hint (fetched on the first "Show a hint", then kept), and "Try again"
 * starting over with focus back on the first field.
 */
export function useSectionCheck(check: PublicCheck) {
  const { recordCheckResult } = useProgress();
  const [chosen, setChosen] = useState<string[]>([]);
  const [text, setText] = useState("");
  const [feedback, setFeedback] = useState<CheckFeedback | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [isHintShown, setHintShown] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const answer = useAction(answerCheckAction, { kept: "your answer is still here" });
  const hintRequest = useAction(hintCheckAction);
  const firstInput = useRef<HTMLInputElement>(null);
  const isNumeric = check.kind === "numeric";
  const isAnswered = feedback !== null;
  const isPending = answer.isPending;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (isAnswered || isPending) return;
    setError(null);
    hintRequest.clear();
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
    const result = await answer.run(
      isNumeric ? { lesson: check.lesson, checkId: check.id, value: text } : { lesson: check.lesson, checkId: check.id, optionIds: chosen },
    );
    if (!result.ok) {
      if (result.fieldErrors?.value) setFieldError(result.fieldErrors.value.join(" "));
      else setError(result.message);
      return;
    }
    setFeedback(result.value.feedback);
    recordCheckResult(check.lesson, check.id, result.value.result);
    if (result.value.mastery) publishMastery(check.lesson, result.value.mastery);
  }

  function tryAgain() {
    setFeedback(null);
    setChosen([]);
    setText("");
    setError(null);
    setFieldError(null);
    setHintShown(false);
    hintRequest.clear();
    // The button keeps focus (it only changes its label); the first answer field is one Tab back.
    requestAnimationFrame(() => firstInput.current?.focus());
  }

  async function toggleHint() {
    if (isHintShown || hint !== null) {
      setHintShown(!isHintShown);
      return;
    }
    if (hintRequest.isPending) return;
    // The first "Show a hint" asks the server (the page does not carry hints); a failure reads as `error`.
    const result = await hintRequest.run({ lesson: check.lesson, checkId: check.id });
    if (!result.ok) return;
    setHint(result.value.hint);
    setHintShown(true);
  }

  function pick(optionId: string, isOn: boolean) {
    setError(null);
    hintRequest.clear();
    if (check.kind === "single") setChosen([optionId]);
    else setChosen((previous) => (isOn ? [...new Set([...previous, optionId])] : previous.filter((id) => id !== optionId)));
  }

  return {
    chosen,
    pick,
    text,
    setText,
    feedback,
    // A failed hint request reads where a failed answer does, until the next request or Try again.
    error: error ?? hintRequest.failure?.message ?? null,
    fieldError,
    hint,
    isHintShown,
    isHintPending: hintRequest.isPending,
    toggleHint: () => void toggleHint(),
    isPending,
    isAnswered,
    isNumeric,
    firstInput,
    submit,
    tryAgain,
  };
}

export type SectionCheckState = ReturnType<typeof useSectionCheck>;
