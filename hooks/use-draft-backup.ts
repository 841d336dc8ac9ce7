"use client";

import { useEffect, useState } from "react";
import { sameDraft } from "@/lib/submissions/autosave";

/** The browser's copy of what was typed, so a lost connection or a closed tab loses nothing. */
type Backup<V> = { revision: number; draft: V; at: string };

function readBackup<V>(key: string): Backup<V> | null {
  try {
    const value = JSON.parse(window.localStorage.getItem(key) ?? "null") as Backup<V> | null;
    return value && typeof value.revision === "number" && value.draft ? value : null;
  } catch {
    return null;
  }
}

function writeBackup<V>(key: string, backup: Backup<V> | null): void {
  try {
    if (backup) window.localStorage.setItem(key, JSON.stringify(backup));
    else window.localStorage.removeItem(key);
  } catch {
    // Storage blocked or full: the server copy still saves.
  }
}

/** Keeping and dropping the browser's copy under `key`; usable before the hook, in callbacks. */
export function draftBackupStore<V>(key: string) {
  return {
    keep: (draft: V, revision: number) => writeBackup(key, { revision, draft, at: new Date().toISOString() }),
    clear: () => writeBackup(key, null),
  };
}

export const RESTORED_NOTE = "Restored what you typed here last time but had not been saved yet.";
export const STALE_BACKUP_NOTE =
  "This browser kept an older unsaved copy, but the write-up was saved elsewhere since. The saved version is shown.";

/**
 * A draft kept in localStorage under `key` until the server has it. On mount, unsaved text from an
 * earlier visit in this browser (a closed tab, a lost connection) comes back through `restore`,
 * when it was typed on top of the revision the server still has. Returns the note saying so.
 */
export function useDraftBackup<V>({
  key,
  serverDraft,
  revision,
  editable,
  restore,
}: {
  key: string;
  serverDraft: V;
  revision: number;
  editable: boolean;
  restore: (draft: V) => void;
}) {
  const [restoredNote, setRestoredNote] = useState<string | null>(null);

  useEffect(() => {
    const backup = readBackup<V>(key);
    if (!backup || !editable || sameDraft(backup.draft, serverDraft)) {
      if (backup && sameDraft(backup.draft, serverDraft)) writeBackup(key, null);
      return;
    }
    if (backup.revision === revision) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- restoring what this browser kept is a one-off on mount
      setRestoredNote(RESTORED_NOTE);
      restore(backup.draft);
    } else {
      setRestoredNote(STALE_BACKUP_NOTE);
      writeBackup(key, null);
    }
  }, [key, serverDraft, revision, editable, restore]);

  return restoredNote;
}
