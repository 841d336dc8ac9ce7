"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { mergeLocalProgressAction } from "@/app/actions";
import { recordVisitAction, setStepDoneAction } from "@/app/lessons/[slug]/actions";
import { emptyProgress, isEmptyProgress, mergeProgress, type CheckResult, type ProgressDoc } from "@/lib/progress/model";
import type { QuizResult } from "@/lib/quiz/result";
import { readLocalProgress, subscribeLocalProgress, writeLocalProgress } from "@/components/progress/local-progress";
import { addToOutbox, readOutbox, removeFromOutbox, type PendingStep } from "@/components/progress/step-outbox";

type ProgressContextValue = {
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

const ProgressContext = createContext<ProgressContextValue | null>(null);

const noSubscribe = () => () => {};

function withStep(doc: ProgressDoc, lesson: string, step: string, done: boolean, at: string): ProgressDoc {
  const steps = { ...(doc.steps[lesson] ?? {}) };
  if (done) steps[step] ??= at;
  else delete steps[step];
  return { ...doc, steps: { ...doc.steps, [lesson]: steps } };
}

function withVisit(doc: ProgressDoc, lesson: string, at: string): ProgressDoc {
  return { ...doc, visits: { ...doc.visits, [lesson]: at } };
}

export function ProgressProvider({
  initial,
  isSignedIn,
  accountId,
  children,
}: {
  initial: ProgressDoc | null;
  isSignedIn: boolean;
  /** the signed-in account, whose unsent step changes this browser keeps */
  accountId?: string;
  children: ReactNode;
}) {
  const local = useSyncExternalStore(isSignedIn ? noSubscribe : subscribeLocalProgress, readLocalProgress, () => null);
  const [account, setAccount] = useState<ProgressDoc>(initial ?? emptyProgress());
  const [message, setMessage] = useState<string | null>(null);
  const merging = useRef(false);
  const router = useRouter();

  // Signed in with guest progress still in this browser: merge it into the account, then clear it.
  useEffect(() => {
    if (!isSignedIn || merging.current) return;
    const guest = readLocalProgress();
    if (isEmptyProgress(guest)) return;
    merging.current = true;
    mergeLocalProgressAction(guest)
      .then((result) => {
        if (!result.ok) return setMessage(result.message);
        setAccount(result.value);
        writeLocalProgress(emptyProgress());
        // What the server renders from the account (concept mastery on the lesson map) now includes the guest's answers.
        router.refresh();
      })
      .catch(() =>
        setMessage("Your progress from this browser could not be copied to your account yet. It is still here; reload to try again."),
      );
  }, [isSignedIn, router]);

  /** Sends one step change; it stays in the outbox until the server has it. */
  const sendStep = useCallback(
    (entry: PendingStep, before?: ProgressDoc) => {
      setStepDoneAction({ lesson: entry.lesson, step: entry.step, done: entry.done })
        .then((result) => {
          if (accountId) removeFromOutbox(accountId, entry.id);
          if (result.ok) return setMessage(null);
          setMessage(result.message);
          if (before) setAccount(before);
        })
        .catch(() => {
          // No answer: the change stays in this browser and goes again with the next page.
          setMessage(
            accountId
              ? "That change is kept in this browser and will be saved when the server answers again."
              : "That change could not be saved: the server did not answer. Try again in a moment.",
          );
          if (!accountId && before) setAccount(before);
        });
    },
    [accountId],
  );

  // Changes a reload or a closed tab cut off: show them at once, and send them again.
  const replayed = useRef(false);
  useEffect(() => {
    if (!isSignedIn || !accountId || replayed.current) return;
    replayed.current = true;
    const pending = readOutbox(accountId);
    if (!pending.length) return;
    // After hydration (the server rendered without them), in a task of its own.
    void Promise.resolve().then(() => setAccount((doc) => pending.reduce((d, p) => withStep(d, p.lesson, p.step, p.done, p.at), doc)));
    for (const entry of pending) sendStep(entry);
  }, [isSignedIn, accountId, sendStep]);

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
    [isSignedIn, accountId, sendStep],
  );

  const recordVisit = useCallback(
    (lesson: string) => {
      const at = new Date().toISOString();
      if (!isSignedIn) {
        writeLocalProgress(withVisit(readLocalProgress(), lesson, at));
        return;
      }
      setAccount((doc) => withVisit(doc, lesson, at));
      recordVisitAction(lesson).catch(() => undefined);
    },
    [isSignedIn],
  );

  const recordQuizResult = useCallback(
    (lesson: string, result: QuizResult) => {
      const add = (doc: ProgressDoc) => mergeProgress(doc, { ...emptyProgress(), quizzes: { [lesson]: { best: result, latest: result } } });
      if (!isSignedIn) {
        if (!writeLocalProgress(add(readLocalProgress())))
          setMessage("This browser does not allow saving your score (storage is blocked or full).");
        return;
      }
      setAccount(add);
    },
    [isSignedIn],
  );

  const recordCheckResult = useCallback(
    (lesson: string, checkId: string, result: CheckResult) => {
      const add = (doc: ProgressDoc) => mergeProgress(doc, { ...emptyProgress(), checks: { [lesson]: { [checkId]: result } } });
      if (!isSignedIn) {
        if (!writeLocalProgress(add(readLocalProgress())))
          setMessage("This browser does not allow saving your answer (storage is blocked or full).");
        return;
      }
      setAccount(add);
    },
    [isSignedIn],
  );

  const value = useMemo<ProgressContextValue>(
    () => ({
      progress: isSignedIn ? account : (local ?? emptyProgress()),
      isSignedIn,
      isReady: isSignedIn || local !== null,
      message,
      setStepDone,
      recordVisit,
      recordQuizResult,
      recordCheckResult,
    }),
    [isSignedIn, account, local, message, setStepDone, recordVisit, recordQuizResult, recordCheckResult],
  );

  return (
    <ProgressContext.Provider value={value}>
      {children}
      <div aria-live="polite" className="fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
        {message ? (
          <div className="flex max-w-xl items-start gap-3 rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-sm text-ink shadow-lg">
            <p>{message}</p>
            <button type="button" onClick={() => setMessage(null)} className="font-semibold underline">
              Dismiss
            </button>
          </div>
        ) : null}
      </div>
    </ProgressContext.Provider>
  );
}

export function useProgress(): ProgressContextValue {
  const value = useContext(ProgressContext);
  if (!value) throw new Error("useProgress must be used inside ProgressProvider");
  return value;
}
