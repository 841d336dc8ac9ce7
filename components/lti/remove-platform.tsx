"use client";

import { useEffect, useRef, useState } from "react";
import { removePlatformAction } from "@/app/instructor/lms/actions";
import { Button, buttonClasses } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/hooks/use-action";

/**
 * "Remove <name>", after a question asked in the page: a removal cannot be undone by registering
 * again (the LMS's people would get new accounts), so it says what stops and what stays.
 * `headingId` takes the focus once the item is gone from the list.
 */
export function RemovePlatform({ id, name, headingId }: { id: string; name: string; headingId: string }) {
  const remove = useAction(removePlatformAction, { kept: "nothing was removed" });
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const questionId = `remove-${id}-question`;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function confirm() {
    const result = await remove.run(id);
    if (!result.ok) return;
    // The action re-renders the list without this item: the focus would fall to the page's start.
    document.getElementById(headingId)?.focus();
  }

  return (
    <div className="mt-4 flex flex-col gap-2 text-sm">
      {confirming ? (
        <div role="group" aria-labelledby={questionId} className="rounded-lg border border-line-strong bg-surface p-3">
          <p id={questionId} className="font-semibold">
            Remove “{name}”?
          </p>
          <p className="mt-1 text-ink-muted">
            Launches from it stop working at once. The Lesson Lab accounts and classes its launches made stay, with their work; registering
            it again later makes new accounts for its people.
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button ref={confirmRef} type="button" className={buttonClasses()} disabled={remove.isPending} onClick={() => void confirm()}>
              Yes, remove it
            </button>
            <Button
              variant="secondary"
              disabled={remove.isPending}
              onClick={() => {
                setConfirming(false);
                remove.clear();
                requestAnimationFrame(() => openRef.current?.focus());
              }}
            >
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <button
          ref={openRef}
          type="button"
          className={buttonClasses("secondary", "self-start")}
          aria-label={`Remove ${name}`}
          onClick={() => setConfirming(true)}
        >
          Remove
        </button>
      )}
      <div aria-live="polite">{remove.failure ? <Notice tone="danger">{remove.failure.message}</Notice> : null}</div>
    </div>
  );
}
