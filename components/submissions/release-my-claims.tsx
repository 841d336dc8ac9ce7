"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { releaseMyClaimsAction } from "@/app/instructor/submissions/actions";
import { Button, buttonClasses } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/hooks/use-action";
import { plural } from "@/lib/format";

/**
 * "Release my claims": every submission this instructor has claimed goes back to the queue, after a
 * confirm step (it cannot be undone by a click: someone else may claim them next). Drafts are kept.
 */
const noSubscription = () => () => {};

export function ReleaseMyClaims({ count }: { count: number }) {
  // Marks the queue hydrated for end-to-end tests (a click before that would be lost).
  const isHydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const router = useRouter();
  const release = useAction(releaseMyClaimsAction, { kept: "nothing was released" });
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function confirm() {
    const result = await release.run();
    if (!result.ok) return;
    setConfirming(false);
    setDone(`Released ${result.value.released} ${plural(result.value.released, "claim")} back to the queue.`);
    router.refresh();
  }

  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="release-claims" data-hydrated={isHydrated || undefined}>
      {confirming ? (
        <div role="group" aria-labelledby="release-claims-question" className="rounded-lg border border-line-strong bg-surface p-3">
          <p id="release-claims-question" className="font-semibold">
            Release your {count} {plural(count, "claim")}?
          </p>
          <p className="mt-1 text-ink-muted">They go back to the queue for anyone to claim. Your review drafts are kept.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button ref={confirmRef} type="button" className={buttonClasses()} disabled={release.isPending} onClick={() => void confirm()}>
              Yes, release them
            </button>
            <Button
              variant="secondary"
              disabled={release.isPending}
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => openRef.current?.focus());
              }}
            >
              Cancel
            </Button>
          </div>
        </div>
      ) : count > 0 ? (
        <button
          ref={openRef}
          type="button"
          className={buttonClasses("secondary", "self-start")}
          onClick={() => {
            setDone(null);
            setConfirming(true);
          }}
        >
          Release my claims
        </button>
      ) : null}
      <div role="status">
        {done ? <p>{done}</p> : null}
        {release.failure ? <Notice tone="danger">{release.failure.message}</Notice> : null}
      </div>
    </div>
  );
}
