"use client";

import { useEffect, type RefObject } from "react";

// Focus for what a refresh puts on the page. A review action (claim, complete) refreshes the server
// page, which unmounts the button pressed and would drop focus to <body>; the action marks where
// focus belongs next and the part that takes its place focuses itself when it mounts. Module state
// on purpose: it outlives the unmount within this tab and nothing else reads it.

let pending: string | null = null;

/** Says that the element registered under `key` should take focus when it next mounts. */
export function focusAfterRefresh(key: string): void {
  pending = key;
}

/** Focuses `ref` on mount if focus was sent to `key` (once). */
export function useFocusAfterRefresh(key: string, ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (pending !== key) return;
    pending = null;
    ref.current?.focus();
  }, [key, ref]);
}
