"use client";

import { useCallback, useEffect, useState } from "react";
import type { ActionFailure, ActionResult } from "@/lib/action-result";
import type { ErrorCode } from "@/lib/errors/table";
import { createAutosaver, type Autosaver, type SavedDraft, type SaveStatus } from "@/lib/submissions/autosave";
import { callAction } from "@/hooks/use-action";

export type { SaveStatus } from "@/lib/submissions/autosave";

export type UseAutosaveOptions<V> = {
  initial: V;
  savedAt: string | null;
  revision?: number;
  save: (value: V, revision: number | undefined) => Promise<ActionResult<SavedDraft>>;
  onSaved?: (value: V, upToDate: boolean) => void;
  onFailure?: (failure: ActionFailure) => void;
  holdOn?: readonly ErrorCode[];
  noResponseMessage?: string;
  /**
   * "flush": unsaved changes are saved when the page is hidden, when the connection comes back and
   * when the editor goes away. "cancel": a pending save is dropped when the editor goes away.
   */
  onLeave: "flush" | "cancel";
};

/**
 * A draft that saves itself: the value to render, `edit` to change it, and the save status. Saving
 * is scheduled by lib/submissions/autosave.ts; the action is called through callAction, so a
 * server that does not answer is a NO_RESPONSE failure, not a thrown error.
 */
export function useAutosave<V>(options: UseAutosaveOptions<V>) {
  const [value, setValue] = useState<V>(options.initial);
  const [status, setStatus] = useState<SaveStatus>({ kind: "saved", at: options.savedAt });
  const [savedAt, setSavedAt] = useState<string | null>(options.savedAt);
  const [saver] = useState<Autosaver<V>>(() =>
    createAutosaver<V>({
      ...options,
      save: (draft, revision) => callAction(() => options.save(draft, revision)),
      onStatus: (next) => {
        setStatus(next);
        if (next.kind === "saved" && next.at) setSavedAt(next.at);
      },
    }),
  );
  // The saver is made once; it calls the newest callbacks, the action through callAction.
  const { save, onSaved, onFailure } = options;
  useEffect(() => {
    saver.configure({ save: (draft, revision) => callAction(() => save(draft, revision)), onSaved, onFailure });
  }, [saver, save, onSaved, onFailure]);

  const edit = useCallback(
    (change: V | ((current: V) => V)) => {
      // The saver holds the newest value synchronously; state may lag a render behind.
      const next = typeof change === "function" ? (change as (current: V) => V)(saver.latest()) : change;
      saver.edit(next);
      setValue(next);
    },
    [saver],
  );

  const reset = useCallback(
    (next: V, server: { savedAt: string | null; revision?: number }) => {
      saver.reset(next, server);
      setValue(next);
    },
    [saver],
  );

  const leave = options.onLeave;
  useEffect(() => {
    if (leave === "cancel") return () => saver.cancel();
    const unsaved = () => !saver.isSaved();
    const hidden = () => {
      if (document.visibilityState === "hidden" && unsaved()) void saver.flush();
    };
    const online = () => {
      if (unsaved()) void saver.flush();
    };
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("online", online);
    return () => {
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("online", online);
      if (unsaved()) void saver.flush();
    };
  }, [leave, saver]);

  return { value, edit, reset, status, savedAt, saver };
}
