"use client";

import { useEffect, useState } from "react";
import type { LabRunView } from "@/lib/lab/types";
import { formatDuration, plural } from "@/lib/format";

/** Elapsed time of a running run, ticking each second. */
function useElapsed(startedAt: string | null, isActive: boolean): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isActive) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isActive]);
  return startedAt ? Math.max(0, now - Date.parse(startedAt)) : null;
}

export function RunProgress({ run }: { run: LabRunView }) {
  const elapsed = useElapsed(run.startedAt, run.isActive);
  const { finished, total, failed } = run.tally;
  return (
    <div className="mt-4" data-testid="run-progress">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <p id="run-progress-label" className="font-semibold">
          {finished} of {total} {plural(total, "cell")} finished{failed ? `, ${failed} failed` : ""}
        </p>
        <p className="text-ink-muted tabular-nums">
          {elapsed !== null ? `${formatDuration(Math.floor(elapsed / 1000) * 1000)} elapsed` : "starting…"}
        </p>
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
