"use client";

import { retryScoreAction } from "@/app/instructor/lms/actions";
import { buttonClasses } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/hooks/use-action";

/**
 * "Retry now" on a failed score: due again at once, its attempts counted afresh. The list re-renders
 * without the failure once the action is done; the focus goes to the section's heading, since the
 * button may be gone with it.
 */
export function RetryScore({ id, who, headingId }: { id: string; who: string; headingId: string }) {
  const retry = useAction(retryScoreAction, { kept: "the score is still waiting here" });
  async function run() {
    const result = await retry.run(id);
    if (result.ok) document.getElementById(headingId)?.focus();
  }
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        className={buttonClasses("secondary", "text-sm whitespace-nowrap")}
        aria-label={`Retry now: ${who}`}
        disabled={retry.isPending}
        onClick={() => void run()}
      >
        {retry.isPending ? "Retrying…" : "Retry now"}
      </button>
      <div aria-live="polite">{retry.failure ? <Notice tone="danger">{retry.failure.message}</Notice> : null}</div>
    </div>
  );
}
