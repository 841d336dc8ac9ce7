"use client";

import { useCallback, useEffect, useState } from "react";
import { usePageRefresh } from "@/hooks/use-page-refresh";
import type { LabRunView } from "@/lib/lab/types";

export type RunEvents = {
  /** the run as the server last sent it (each "run" event is a full snapshot) */
  run: LabRunView;
  /** subscribe again, after a cancel or a retry made a finished run live again */
  follow: () => void;
};

/**
 * A lab run, followed live over server-sent events while it is queued or running; the database is
 * the source, so every event replaces the whole run. When the stream says "end", the page is
 * refreshed (usePageRefresh): a finished run may now be chosen as a write-up's evidence, and the run list shows how
 * it ended.
 */
export function useRunEvents(runId: string, initial: LabRunView): RunEvents {
  const refresh = usePageRefresh();
  const [run, setRun] = useState(initial);
  const [following, setFollowing] = useState(0);

  useEffect(() => {
    if (!run.isActive && run.status !== "QUEUED" && following === 0) return;
    const source = new EventSource(`/api/lab/runs/${runId}/events`);
    source.addEventListener("run", (event) => setRun(JSON.parse((event as MessageEvent<string>).data) as LabRunView));
    source.addEventListener("end", () => {
      source.close();
      refresh();
    });
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- resubscribe only for a new run or a retry
  }, [runId, following]);

  const follow = useCallback(() => setFollowing((n) => n + 1), []);
  return { run, follow };
}
