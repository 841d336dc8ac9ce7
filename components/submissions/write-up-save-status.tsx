"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { SaveStatus } from "@/lib/submissions/autosave";
import { formatDateTime } from "@/lib/format";

type StatusProps = { status: SaveStatus; editable: boolean; timeZone: string };

/** The draft's save state in one line: saved when, unsaved, saving, or why it did not save. */
function statusText({ status, editable, timeZone }: StatusProps): string | null {
  if (status.kind === "saved")
    return status.at ? `Saved at ${formatDateTime(status.at, timeZone)}` : editable ? "Nothing to save yet." : null;
  if (status.kind === "pending") return "Unsaved changes…";
  if (status.kind === "saving") return "Saving…";
  return null;
}

/**
 * The save state where the student is typing: a bar stuck to the bottom of the screen while the
 * write-up is in view (the fields run far below the top of the section), holding the status and a
 * save that did not go through with its "Try again".
 */
export function WriteUpSaveBar({ onRetry, ...props }: StatusProps & { onRetry: () => void }) {
  const failure = props.status.kind === "failed" ? props.status : null;
  return (
    <div
      className="sticky bottom-0 z-10 mt-6 flex min-h-11 flex-wrap items-center gap-x-3 gap-y-1 border-t border-line bg-canvas py-2 text-sm"
      data-testid="save-bar"
    >
      <p aria-live="polite" data-testid="save-status" className={failure ? "font-semibold text-warning" : undefined}>
        {statusText(props)}
        {failure ? failure.message : null}
      </p>
      {failure && failure.code !== "CONFLICT" && failure.code !== "LOCKED" ? (
        <button type="button" className="min-h-11 font-semibold underline" onClick={onRetry}>
          Try again
        </button>
      ) : null}
      {failure?.code === "CONFLICT" ? (
        <a href="#write-up-save-notices" className="font-semibold">
          Choose which version to keep
        </a>
      ) : null}
    </div>
  );
}

/**
 * What needs the student at the top of the write-up: another tab's newer save, a write-up that was
 * submitted meanwhile, or text restored from this browser.
 */
export function WriteUpSaveNotices({
  status,
  restoredNote,
  onLoadSaved,
}: {
  status: SaveStatus;
  restoredNote: string | null;
  onLoadSaved: (keepMine: boolean) => void;
}) {
  const failure = status.kind === "failed" ? status : null;
  return (
    <div id="write-up-save-notices" className="scroll-mt-6">
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
    </div>
  );
}
