"use client";

import { useEffect } from "react";

/**
 * Asks before closing or reloading the tab only while an answer is not saved yet (a save in flight
 * or one that failed). Saved answers come back on the next visit, so asking then is only friction;
 * and links inside the app never ask: a client navigation lets a save in flight finish.
 */
export function useLeaveGuard(hasUnsavedAnswers: boolean) {
  useEffect(() => {
    if (!hasUnsavedAnswers) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      // The browser shows its own wording; the message is for older browsers.
      event.preventDefault();
      event.returnValue = "Some answers are not saved yet.";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [hasUnsavedAnswers]);
}
