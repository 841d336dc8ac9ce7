"use client";

import { useCallback, useState } from "react";
import { cancelLabRunAction, retryLabCellAction } from "@/app/lessons/[slug]/lab/actions";
import { useAction } from "@/hooks/use-action";

/** What a cancel or retry was about: the run, or one of its cells. */
export type RunControlTarget = "cancel" | { cellId: string };

export type LabRunControls = {
  /** a cancel or a retry is on its way: the buttons say so and ignore further presses */
  isBusy: boolean;
  cancel: () => void;
  retry: (cellId: string) => void;
  /** a refused cancel, shown by the Cancel button */
  cancelError: string | null;
  /** a refused retry, shown by the cell's Retry button */
  retryError: { cellId: string; text: string } | null;
};

/**
 * Cancelling a run and retrying a cell: one call at a time, and one message, kept by the button
 * that asked until the next answer. `onDone` runs after the server accepted (the run is live again).
 */
export function useLabRunControls(runId: string, onDone: () => void): LabRunControls {
  const call = useCallback(
    (target: RunControlTarget) => (target === "cancel" ? cancelLabRunAction(runId) : retryLabCellAction(target.cellId)),
    [runId],
  );
  const { run, isPending } = useAction(call);
  const [message, setMessage] = useState<{ target: RunControlTarget; text: string } | null>(null);

  const request = (target: RunControlTarget) => {
    if (isPending) return;
    void run(target).then((result) => {
      if (!result.ok) return setMessage({ target, text: result.message });
      setMessage(null);
      onDone();
    });
  };

  return {
    isBusy: isPending,
    cancel: () => request("cancel"),
    retry: (cellId) => request({ cellId }),
    cancelError: message?.target === "cancel" ? message.text : null,
    retryError: message && message.target !== "cancel" ? { cellId: message.target.cellId, text: message.text } : null,
  };
}
