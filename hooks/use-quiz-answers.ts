"use client";

import { useCallback, useRef, useState } from "react";
import { saveAnswerAction } from "@/app/lessons/[slug]/quiz/actions";
import { writeLocalAttempt } from "@/components/quiz/quiz-storage";
import { callAction } from "@/hooks/use-action";

export type SaveState = "idle" | "saving" | "saved" | "error";

/**
 * The answers of one attempt, saved as they are given: to the account (one call per answer, the
 * last to finish says "saved"), or for guests to this browser.
 */
export function useQuizAnswers({
  initial,
  lesson,
  isSignedIn,
  attemptId,
  guestAttempt,
  setMessage,
}: {
  initial: Record<string, string[]>;
  lesson: string;
  isSignedIn: boolean;
  attemptId: string | undefined;
  guestAttempt: string | null;
  setMessage: (message: string | null) => void;
}) {
  const [answers, setAnswers] = useState(initial);
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const pendingSaves = useRef(0);
  // The latest answers, read synchronously: two quick clicks on one question must build on each
  // other, not on the same stale render.
  const answersRef = useRef(answers);
  const replaceAnswers = useCallback((next: Record<string, string[]>) => {
    answersRef.current = next;
    setAnswers(next);
  }, []);

  const save = useCallback(
    (questionId: string, change: (previous: string[]) => string[]) => {
      const optionIds = change(answersRef.current[questionId] ?? []);
      const next = { ...answersRef.current, [questionId]: optionIds };
      replaceAnswers(next);
      if (!isSignedIn && guestAttempt && !writeLocalAttempt(lesson, { attempt: guestAttempt, answers: next })) {
        setMessage("This browser does not allow saving answers (storage is blocked or full). Finish in one go, or sign in.");
      }
      if (!isSignedIn || !attemptId) return;
      pendingSaves.current += 1;
      setSaveState("saving");
      void callAction(
        () => saveAnswerAction({ lesson, attemptId, questionId, optionIds }),
        "the answer is still on this page and will be sent when you submit",
      ).then((r) => {
        if (!r.ok) {
          setMessage(r.message);
          setSaveState("error");
        } else if (pendingSaves.current === 1) setSaveState("saved");
        pendingSaves.current -= 1;
      });
    },
    [isSignedIn, attemptId, lesson, guestAttempt, replaceAnswers, setMessage],
  );

  return { answers, replaceAnswers, save, saveState };
}
