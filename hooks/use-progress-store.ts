"use client";

import { useCallback, useMemo, useState, useSyncExternalStore } from "react";
import { recordVisitAction } from "@/app/lessons/[slug]/actions";
import { callAction } from "@/hooks/use-action";
import { useAccountSync } from "@/hooks/use-account-sync";
import { readLocalProgress, subscribeLocalProgress, writeLocalProgress } from "@/components/progress/local-progress";
import { addToOutbox, type PendingStep } from "@/components/progress/step-outbox";
import { emptyProgress, mergeProgress, type CheckResult, type ProgressDoc } from "@/lib/progress/model";
import { withStep, withVisit } from "@/lib/progress/steps";
import type { QuizResult } from "@/lib/quiz/result";

export type ProgressContextValue = {
  progress: ProgressDoc;
  isSignedIn: boolean;
  /** false until the browser's copy has been read (guests) */
  isReady: boolean;
  message: string | null;
  setStepDone: (lesson: string, step: string, done: boolean) => void;
  recordVisit: (lesson: string) => void;
  /** A graded quiz: best and latest follow at once (the server already stored it for accounts). */
  recordQuizResult: (lesson: string, result: QuizResult) => void;
  /** A graded in-lesson check: the latest answer per check (the server already stored it for accounts). */
  recordCheckResult: (lesson: string, checkId: string, result: CheckResult) => void;
};

const noSubscribe = () => () => {};

/**
 * The reader's progress: a guest's lives in this browser (and follows other tabs), an account's
 * comes from the server and changes here first, then on the server.
 */
export function useProgressStore({
  initial,
  isSignedIn,
  accountId,
}: {
  initial: ProgressDoc | null;
  isSignedIn: boolean;
  accountId?: string;
}): ProgressContextValue & { dismissMessage: () => void } {
  const local = useSyncExternalStore(isSignedIn ? noSubscribe : subscribeLocalProgress, readLocalProgress, () => null);
  const [message, setMessage] = useState<string | null>(null);
  const { account, setAccount, sendStep } = useAccountSync({ initial, isSignedIn, accountId, setMessage });

  const setStepDone = useCallback(
    (lesson: string, step: string, done: boolean) => {
      const at = new Date().toISOString();
      if (!isSignedIn) {
        if (!writeLocalProgress(withStep(readLocalProgress(), lesson, step, done, at))) {
          setMessage("This browser does not allow saving progress (storage is blocked or full).");
        }
        return;
      }
      let before: ProgressDoc | undefined;
      setAccount((doc) => {
        before = doc;
        return withStep(doc, lesson, step, done, at);
      });
      const entry: PendingStep = { id: `${at}:${Math.random().toString(36).slice(2)}`, lesson, step, done, at };
      if (accountId) addToOutbox(accountId, entry);
      sendStep(entry, before);
    },
    [isSignedIn, accountId, sendStep, setAccount],
  );

  const recordVisit = useCallback(
    (lesson: string) => {
      const at = new Date().toISOString();
      if (!isSignedIn) {
        writeLocalProgress(withVisit(readLocalProgress(), lesson, at));
        return;
      }
      setAccount((doc) => withVisit(doc, lesson, at));
      // A visit is a nicety: a failed one is not worth a message.
      void callAction(() => recordVisitAction(lesson));
    },
    [isSignedIn, setAccount],
  );

  /** Adds a graded result to the reader's progress; `refusal` is said when this browser cannot keep it. */
  const record = useCallback(
    (add: (doc: ProgressDoc) => ProgressDoc, refusal: string) => {
      if (!isSignedIn) {
        if (!writeLocalProgress(add(readLocalProgress()))) setMessage(refusal);
        return;
      }
      setAccount(add);
    },
    [isSignedIn, setAccount],
  );

  const recordQuizResult = useCallback(
    (lesson: string, result: QuizResult) =>
      record(
        (doc) => mergeProgress(doc, { ...emptyProgress(), quizzes: { [lesson]: { best: result, latest: result } } }),
        "This browser does not allow saving your score (storage is blocked or full).",
      ),
    [record],
  );

  const recordCheckResult = useCallback(
    (lesson: string, checkId: string, result: CheckResult) =>
      record(
        (doc) => mergeProgress(doc, { ...emptyProgress(), checks: { [lesson]: { [checkId]: result } } }),
        "This browser does not allow saving your answer (storage is blocked or full).",
      ),
    [record],
  );

  const dismissMessage = useCallback(() => setMessage(null), []);

  return useMemo(
    () => ({
      progress: isSignedIn ? account : (local ?? emptyProgress()),
      isSignedIn,
      isReady: isSignedIn || local !== null,
      message,
      setStepDone,
      recordVisit,
      recordQuizResult,
      recordCheckResult,
      dismissMessage,
    }),
    [isSignedIn, account, local, message, setStepDone, recordVisit, recordQuizResult, recordCheckResult, dismissMessage],
  );
}
