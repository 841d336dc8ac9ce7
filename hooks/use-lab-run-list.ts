"use client";

import { useCallback, useEffect, useState } from "react";
import { usePageRefresh } from "@/hooks/use-page-refresh";
import type { LabRunSummary, LabRunView } from "@/lib/lab/types";

/**
 * The student's runs as they go: the open run reports its changes, so the list says how it is
 * going without a reload; any other run still going is checked every few seconds.
 */
export function useLabRunList(runs: LabRunSummary[], open: LabRunView | null) {
  const refresh = usePageRefresh();
  const [liveRun, setLiveRun] = useState<LabRunView | null>(open);
  const onRunChange = useCallback((run: LabRunView) => setLiveRun(run), []);
  const current = runs.map((r) => (liveRun && r.id === liveRun.id ? { ...r, outcome: liveRun.outcome, tally: liveRun.tally } : r));
  const othersRunning = current.some((r) => r.id !== liveRun?.id && (r.outcome === "running" || r.outcome === "queued"));
  useEffect(() => {
    if (!othersRunning) return;
    const timer = setInterval(refresh, 5000);
    return () => clearInterval(timer);
  }, [othersRunning, refresh]);
  return { runs: current, onRunChange };
}
