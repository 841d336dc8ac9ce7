"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { SaveStatus } from "@/lib/submissions/autosave";
import { formatDateTime } from "@/lib/format";

/**
 * Where the write-up's draft stands: the live status line, then what needs the student: a save that
 * did not go through, another tab's newer save, a write-up that was submitted meanwhile, or text
 * restored from this browser.
 */
export function WriteUpSaveStatus({
  status,
  editable,
  timeZone,
  restoredNote,
  onRetry,
  onLoadSaved,
}: {
  status: SaveStatus;
  editable: boolean;
  timeZone: string;
  restoredNote: string | null;
  onRetry: () => void;
  onLoadSaved: (keepMine: boolean) => void;
}) {
  const failure = status.kind === "failed" ? status : null;
  return (
    <>
      <p aria-live="polite" className="mt-3 min-h-6 text-sm" data-testid="save-status">
        {status.kind === "saved" && status.at ? `Saved at ${formatDateTime(status.at, timeZone)}` : null}
        {status.kind === "saved" && !status.at && editable ? "Nothing to save yet." : null}
        {status.kind === "pending" ? "Unsaved changes…" : null}
        {status.kind === "saving" ? "Saving…" : null}
      </p>
      {failure && failure.code !== "CONFLICT" && failure.code !== "LOCKED" ? (
        <Notice tone="warning" className="mt-2">
          {failure.message}{" "}
          <button type="button" className="font-semibold underline" onClick={onRetry}>
            Try again
          </button>
        </Notice>
      ) : null}
      {failure?.code === "CONFLICT" ? (
        <Notice tone="warning" className="mt-2" title="Saved elsewhere">
          <p>{failure.message} Nothing was overwritten.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => onLoadSaved(false)}>
              Load the saved version
            </Button>
            <Button variant="secondary" onClick={() => onLoadSaved(true)}>
              Keep this one and save it
            </Button>
          </div>
        </Notice>
      ) : null}
      {failure?.code === "LOCKED" ? (
        <Notice tone="info" className="mt-2">
          {failure.message}
        </Notice>
      ) : null}
      {restoredNote ? (
        <Notice tone="info" className="mt-2">
          {restoredNote}
        </Notice>
      ) : null}
    </>
  );
}
