// A run's outcome as people read it, from the run's stored status and its cells' statuses. Pure:
// the lab page, the run list, the lesson's lab card and the instructor views share it.

export type RunOutcome = "queued" | "running" | "done" | "done-with-failures" | "cancelled" | "interrupted";

export const RUN_OUTCOME_LABELS: Record<RunOutcome, string> = {
  queued: "Queued",
  running: "Running",
  done: "Done",
  "done-with-failures": "Finished with failures",
  cancelled: "Cancelled",
  interrupted: "Interrupted",
};

/** Cell statuses that count as a failure of the cell (an empty answer is one: nothing to judge). */
const FAILED = new Set(["FAILED", "EMPTY", "INTERRUPTED"]);
const FINISHED = new Set(["DONE", "EMPTY", "FAILED", "CANCELLED", "INTERRUPTED"]);

export type CellTally = { total: number; finished: number; failed: number };

export function tallyCells(cells: readonly { status: string }[]): CellTally {
  return {
    total: cells.length,
    finished: cells.filter((c) => FINISHED.has(c.status)).length,
    failed: cells.filter((c) => FAILED.has(c.status)).length,
  };
}

/**
 * `status` is the run's status as the viewer sees it (RUNNING only while a process executes it,
 * INTERRUPTED for one a restart left behind). A run that finished with any failed or empty cell
 * is "finished with failures", never plain "done".
 */
export function runOutcome(status: string, cells: readonly { status: string }[]): RunOutcome {
  switch (status) {
    case "QUEUED":
      return "queued";
    case "RUNNING":
      return "running";
    case "CANCELLED":
      return "cancelled";
    case "INTERRUPTED":
      return "interrupted";
    default:
      return tallyCells(cells).failed > 0 ? "done-with-failures" : "done";
  }
}

/** A run's status as a viewer sees it: a run this process is not executing cannot still be running. */
export function shownRunStatus(stored: string, isActive: boolean): string {
  if (isActive) return "RUNNING";
  return stored === "RUNNING" || stored === "QUEUED" ? "INTERRUPTED" : stored;
}

/** A cell left running by a process that is gone was interrupted (it can be retried); an empty answer is its own status. */
export function shownCellStatus(cell: { status: string; errorCode: string | null }, runIsLive: boolean): string {
  if ((cell.status === "RUNNING" || cell.status === "PENDING") && !runIsLive) return "INTERRUPTED";
  if (cell.status === "DONE" && cell.errorCode === "EMPTY_ANSWER") return "EMPTY";
  return cell.status;
}
