"use client";

import { useEffect, useRef, useState } from "react";
import { startAttemptAction, submitQuizAction } from "@/app/lessons/[slug]/quiz/actions";
import { useProgress } from "@/components/progress/progress-provider";
import { clearLocalAttempt, readGuestAttempts, writeGuestAttempts, writeLocalAttempt } from "@/components/quiz/quiz-storage";
import { useLeaveGuard } from "@/components/quiz/use-leave-guard";
import { callAction, useAction } from "@/hooks/use-action";
import { useGuestQuiz, type GuestAttemptStart } from "@/hooks/use-guest-quiz";
import { useQuizAnswers } from "@/hooks/use-quiz-answers";
import type { PublicQuiz, QuizResultView } from "@/lib/quiz/types";

export type { SaveState } from "@/hooks/use-quiz-answers";
export type { GuestAttemptStart };
export type QuizPhase = "answering" | "confirming" | "results";

export type QuizAttemptOptions = {
  initialQuiz: PublicQuiz;
  isSignedIn: boolean;
  /** signed in: the open attempt from the database */
  attempt: { attemptId: string; answers: Record<string, string[]> } | null;
  /** guests: the attempt the server issued, the answers this browser kept for it, and the identity token if the server just made one */
  guest: GuestAttemptStart | null;
  initialResult: QuizResultView | null;
  isReview: boolean;
  /** told before the attempt's own address is written into the URL (`?attempt=` after a submit, none after a retake) */
  onUrlChange?: (attempt: string | null) => void;
};

/**
 * One quiz attempt, start to finish: its questions (a retake or a resumed guest attempt brings its
 * own), answers saved as they are given (to the account, or to this browser for guests), the
 * confirm step, the submit and the retake.
 */
export function useQuizAttempt({ initialQuiz, isSignedIn, attempt, guest, initialResult, isReview, onUrlChange }: QuizAttemptOptions) {
  const [quiz, setQuiz] = useState(initialQuiz);
  const { recordQuizResult } = useProgress();
  const [attemptId, setAttemptId] = useState(attempt?.attemptId);
  // Guests: the attempt the server issued (it grades only that one); accounts use attemptId.
  const [guestAttempt, setGuestAttempt] = useState(guest?.guestAttempt ?? null);
  const guestToken = guest?.guestToken ?? null;
  const [phase, setPhase] = useState<QuizPhase>(initialResult ? "results" : "answering");
  const [result, setResult] = useState<QuizResultView | null>(initialResult);
  const [message, setMessage] = useState<string | null>(guest?.message ?? null);
  const submitCall = useAction(submitQuizAction, { kept: "your answers are kept" });
  const { confirmRef, resultsRef } = usePhaseFocus(phase);
  const { answers, replaceAnswers, save, saveState } = useQuizAnswers({
    initial: attempt?.answers ?? guest?.answers ?? {},
    lesson: quiz.lesson,
    isSignedIn,
    attemptId,
    guestAttempt,
    setMessage,
  });

  const { isLoadingQuiz, loadGuestQuiz } = useGuestQuiz({ lesson: quiz.lesson, guestToken, setQuiz, setGuestAttempt, setMessage });

  // The server sends the options in this attempt's order.
  const questions = quiz.questions;
  const unanswered = questions.filter((q) => !answers[q.id]?.length);
  const answeredCount = questions.length - unanswered.length;
  // Answers save as they are given: only one not saved yet is worth a question on leaving.
  useLeaveGuard(phase !== "results" && (saveState === "saving" || saveState === "error"));

  async function submit() {
    setMessage(null);
    const counted = isSignedIn ? undefined : readGuestAttempts(quiz.lesson);
    const outcome = await submitCall.run(
      isSignedIn
        ? { lesson: quiz.lesson, attemptId, answers }
        : {
            lesson: quiz.lesson,
            ...(guestAttempt ? { guestAttempt } : {}),
            answers,
            ...(guestToken ? { guestToken } : {}),
            ...(counted ? { guestAttempts: counted } : {}),
          },
    );
    if (!outcome.ok) {
      setMessage(outcome.message);
      setPhase("answering");
      return;
    }
    const { result: graded, view, attemptId: submittedId, guestAttempts } = outcome.value;
    // A review is not a quiz attempt: it moves mastery, not the quiz's best and latest.
    if (!isReview) recordQuizResult(quiz.lesson, graded);
    if (guestAttempts) writeGuestAttempts(quiz.lesson, guestAttempts);
    if (!isSignedIn) clearLocalAttempt(quiz.lesson);
    setResult(view);
    setPhase("results");
    if (submittedId) {
      onUrlChange?.(submittedId);
      window.history.replaceState(null, "", `?attempt=${submittedId}`);
    }
  }

  async function retake() {
    setMessage(null);
    if (isSignedIn) {
      const started = await callAction(() => startAttemptAction(quiz.lesson));
      if (!started.ok) return setMessage(started.message);
      setQuiz(started.value.quiz);
      setAttemptId(started.value.attemptId);
      replaceAnswers({});
      onUrlChange?.(null);
      window.history.replaceState(null, "", window.location.pathname);
    } else {
      const fresh = await loadGuestQuiz();
      if (!fresh) return;
      writeLocalAttempt(quiz.lesson, { attempt: fresh.guestAttempt, answers: {} });
      replaceAnswers({});
    }
    setResult(null);
    setPhase("answering");
    window.scrollTo({ top: 0 });
  }

  return {
    quiz,
    answers,
    questions,
    unanswered,
    answeredCount,
    phase,
    setPhase,
    result,
    message,
    saveState,
    isLoadingQuiz,
    isSubmitting: submitCall.isPending,
    confirmRef,
    resultsRef,
    save,
    submit,
    retake,
  };
}

/** Moving to the confirm step or to the results puts focus on its heading, so a screen reader reads it. */
function usePhaseFocus(phase: QuizPhase) {
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const resultsRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (phase === "confirming") confirmRef.current?.focus();
    if (phase === "results") resultsRef.current?.focus();
  }, [phase]);
  return { confirmRef, resultsRef };
}
