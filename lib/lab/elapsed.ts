import type { LabRunView } from "@/lib/lab/types";

// How long a live run has been going, for its progress line. The run's start is the server's
// timestamp, and the browser's clock may be behind the server's (or the page may have been drawn
// before the run started): read naively, "now - startedAt" then comes out negative and the line
// said "0 ms elapsed" while cells were finishing. Pure, so the rules are unit-tested.

/**
 * How far the server's clock is at least ahead of this browser's: when a view arrives, the server's
 * now was no earlier than the run's start. Grows only, starting from `previous`.
 */
export function serverClockLead(startedAt: string | null, receivedAt: number, previous = 0): number {
  if (!startedAt) return previous;
  const started = Date.parse(startedAt);
  return Number.isFinite(started) ? Math.max(previous, started - receivedAt) : previous;
}

/** The time the finished cells alone prove has passed: each lane answers its cells one after another. */
export function finishedCellsMs(cells: LabRunView["cells"]): number {
  const lanes = new Map<string, number>();
  for (const cell of cells) {
    const ms = cell.metrics?.totalMs ?? cell.ocrMetrics?.ocrMs ?? 0;
    lanes.set(cell.column, (lanes.get(cell.column) ?? 0) + ms);
  }
  return Math.max(0, ...lanes.values());
}

/**
 * Elapsed time since the run started, or null while nothing is known (not started yet, or under a
 * second with no cell finished): the line says nothing rather than "0 ms".
 */
export function runElapsedMs(run: Pick<LabRunView, "startedAt" | "cells">, now: number, serverLead: number): number | null {
  if (!run.startedAt) return null;
  const started = Date.parse(run.startedAt);
  if (!Number.isFinite(started)) return null;
  const elapsed = Math.max(now + serverLead - started, finishedCellsMs(run.cells));
  if (elapsed <= 0) return null;
  const hasFinished = run.cells.some((c) => c.metrics || c.ocrMetrics);
  return elapsed >= 1000 || hasFinished ? elapsed : null;
}
