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
 * `status` is the run's stored status (INTERRUPTED only in runs from before runs were durable). A
 * run that finished with any failed or empty cell is "finished with failures", never plain "done".
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

/**
 * Whether a run is still to be (or being) executed. Runs are durable jobs now: whichever instance
 * executes them, and through a restart or a crash, a QUEUED or RUNNING run is live.
 */
export function isLiveRunStatus(stored: string): boolean {
  return stored === "QUEUED" || stored === "RUNNING";
}

/** A cell's status as people read it: an empty answer is its own status. */
export function shownCellStatus(cell: { status: string; errorCode: string | null }): string {
  if (cell.status === "DONE" && cell.errorCode === "EMPTY_ANSWER") return "EMPTY";
  return cell.status;
}
