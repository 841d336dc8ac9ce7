"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useProgressStore, type ProgressContextValue } from "@/hooks/use-progress-store";
import type { ProgressDoc } from "@/lib/progress/model";

const ProgressContext = createContext<ProgressContextValue | null>(null);

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
  const { dismissMessage, ...store } = useProgressStore({ initial, isSignedIn, accountId });
  const { progress, isReady, message, setStepDone, recordVisit, recordQuizResult, recordCheckResult } = store;
  // Only what consumers read: a new object only when one of them changed.
  const value = useMemo<ProgressContextValue>(
    () => ({ progress, isSignedIn, isReady, message, setStepDone, recordVisit, recordQuizResult, recordCheckResult }),
    [progress, isSignedIn, isReady, message, setStepDone, recordVisit, recordQuizResult, recordCheckResult],
  );

  return (
    <ProgressContext.Provider value={value}>
      {children}
      <ProgressMessage message={message} onDismiss={dismissMessage} />
    </ProgressContext.Provider>
  );
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

export function useProgress(): ProgressContextValue {
  const value = useContext(ProgressContext);
  if (!value) throw new Error("useProgress must be used inside ProgressProvider");
  return value;
}
