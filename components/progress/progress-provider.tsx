"use client";

import { useEffect, useMemo, useSyncExternalStore } from "react";
import { usePathname } from "next/navigation";
import { readLocalProgress, subscribeLocalProgress } from "@/components/progress/local-progress";
import {
  dismissProgressMessage,
  getReaderState,
  getServerReaderState,
  loadReader,
  recordCheckResult,
  recordQuizResult,
  recordVisit,
  refetchReader,
  setStepDone,
  subscribeReader,
  type ReaderState,
} from "@/components/progress/reader-store";
import { emptyProgress, type CheckResult, type ProgressDoc } from "@/lib/progress/model";
import type { QuizResult } from "@/lib/quiz/result";

export type ProgressContextValue = {
  progress: ProgressDoc;
  isSignedIn: boolean;
  /** false until the browser's copy has been read (guests) or the account's has arrived (members) */
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

/** Who reads the page and what is theirs (components/progress/reader-store.ts). */
export function useReader(): ReaderState {
  return useSyncExternalStore(subscribeReader, getReaderState, getServerReaderState);
}

/**
 * The reader's progress: a guest's lives in this browser (and follows other tabs), an account's
 * comes from the server and changes here first, then on the server.
 */
export function useProgress(): ProgressContextValue {
  const reader = useReader();
  const isSignedIn = reader.status === "member";
  const local = useSyncExternalStore(isSignedIn ? noSubscribe : subscribeLocalProgress, readLocalProgress, () => null);
  return useMemo(
    () => ({
      progress: isSignedIn ? reader.account : (local ?? emptyProgress()),
      isSignedIn,
      isReady: isSignedIn ? reader.me !== null : reader.status === "guest" && local !== null,
      message: reader.message,
      setStepDone,
      recordVisit,
      recordQuizResult,
      recordCheckResult,
    }),
    [isSignedIn, reader, local],
  );
}

/**
 * Once in the layout: loads the reader's parts for each pathname, again whenever the server renders
 * the layout anew (`renderId`: a router refresh, an action that revalidated, like a rename or
 * feedback read) and for a page the back/forward cache restored; says what went wrong with saving progress.
 */
export function ReaderSync({ renderId }: { renderId: string }) {
  const pathname = usePathname();
  const { message } = useReader();
  useEffect(() => {
    void loadReader(pathname, { renderId });
  }, [pathname, renderId]);
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) void refetchReader();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);
  return <ProgressMessage message={message} onDismiss={dismissProgressMessage} />;
}

/** What went wrong with saving progress, announced politely at the bottom of the page. */
function ProgressMessage({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  return (
    <div aria-live="polite" className="fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      {message ? (
        <div className="flex max-w-xl items-start gap-3 rounded-lg border border-warning/40 bg-warning-soft px-4 py-3 text-sm text-ink shadow-lg">
          <p>{message}</p>
          <button type="button" onClick={onDismiss} className="font-semibold underline">
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
