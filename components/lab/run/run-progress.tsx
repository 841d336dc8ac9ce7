"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import type { LabRunView } from "@/lib/lab/types";
import { formatDuration, plural } from "@/lib/format";
import { runElapsedMs, serverClockLead } from "@/lib/lab/elapsed";

/** Elapsed time of a live run from the server's start, ticking each second (lib/lab/elapsed.ts). */
const noSubscription = () => () => {};

function useElapsed(run: LabRunView): number | null {
  // Said only in the browser: the server's render and the browser's first one would read two clocks.
  const isBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [clock, setClock] = useState(() => ({ now: Date.now(), lead: 0 }));
  const { startedAt } = run;
  useEffect(() => {
    // At each tick the server's clock had reached at least the run's start.
    const timer = setInterval(() => {
      const at = Date.now();
      setClock((previous) => ({ now: at, lead: serverClockLead(startedAt, at, previous.lead) }));
    }, 1000);
    return () => clearInterval(timer);
  }, [startedAt]);
  return isBrowser ? runElapsedMs(run, clock.now, clock.lead) : null;
}

function elapsedText(ms: number): string {
  // Whole seconds while it ticks; a first cell finished within a second shows its own figure.
  return `${formatDuration(ms >= 1000 ? Math.floor(ms / 1000) * 1000 : ms)} elapsed`;
}

/** Only drawn while the run is queued or running. */
export function RunProgress({ run }: { run: LabRunView }) {
  const elapsed = useElapsed(run);
  const { finished, total, failed } = run.tally;
  return (
    <div className="mt-4" data-testid="run-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p id="run-progress-label" className="font-semibold">
          {finished} of {total} {plural(total, "cell")} finished{failed ? `, ${failed} failed` : ""}
        </p>
        <p className="text-ink-muted tabular-nums">{elapsed !== null ? elapsedText(elapsed) : null}</p>
      </div>
      <div
        role="progressbar"
        aria-labelledby="run-progress-label"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={finished}
        aria-valuetext={`${finished} of ${total} ${plural(total, "cell")} finished`}
        className="mt-1 h-2.5 overflow-hidden rounded-full bg-sunken"
      >
        <div
          className="h-full rounded-full bg-accent transition-[width] duration-500 motion-reduce:transition-none"
          style={{ width: `${total ? (finished / total) * 100 : 0}%` }}
        />
      </div>
    </div>
  );
}
