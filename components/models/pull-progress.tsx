import { formatBytes } from "@/lib/format";
import { cn } from "@/lib/utils/cn";
import type { PullRow, RowState } from "@/hooks/use-pull";

// A pull's progress as bars: one per host in a pool, with its outcome; the layers for a single host.

const gb = (bytes: number) => formatBytes(bytes, 2);

/**
 * Whether a pull got as far as sizing its download. One that failed before ("pulling manifest" of a
 * tag that does not exist) has no bar worth showing: "0% · 0 KB of 0 KB" beside the error says nothing.
 */
export const hasBytes = (row: PullRow) => (row.progress?.total ?? 0) > 0;

const ROW_STATE: Record<RowState, { text: string; className: string }> = {
  waiting: { text: "Waiting", className: "text-ink-muted" },
  pulling: { text: "Pulling", className: "text-ink" },
  done: { text: "Installed", className: "text-success" },
  error: { text: "Failed", className: "text-danger" },
  skipped: { text: "Not pulled", className: "text-ink-muted" },
  cancelled: { text: "Cancelled", className: "text-warning" },
};

export function HostProgress({ row, barLabel }: { row: PullRow; barLabel: string }) {
  const shown = ROW_STATE[row.state];
  return (
    <div className="rounded-xl border border-line p-3" data-testid="pull-host">
      <p className="flex flex-wrap justify-between gap-x-3 text-sm">
        <span className="font-mono font-medium [overflow-wrap:anywhere]">{row.host.label}</span>
        <span className={cn("font-semibold", shown.className)}>{shown.text}</span>
      </p>
      {row.state === "skipped" || (row.state === "error" && !hasBytes(row)) ? null : (
        <div className="mt-2">
          <ProgressBar row={row} barLabel={barLabel} waitingText="Waiting for its turn" />
        </div>
      )}
      {row.message ? <p className="mt-2 text-sm [overflow-wrap:anywhere] text-danger">{row.message}</p> : null}
    </div>
  );
}

export function ProgressBar({
  row,
  barLabel,
  showLayers = false,
  waitingText = "Starting…",
}: {
  row: PullRow;
  barLabel: string;
  showLayers?: boolean;
  waitingText?: string;
}) {
  const { progress } = row;
  const percent = row.state === "done" ? 100 : (progress?.percent ?? 0);
  return (
    <div>
      <div className="flex flex-wrap justify-between gap-x-3 text-sm">
        <span>{progress?.status ?? (row.state === "waiting" ? waitingText : "")}</span>
        <span>{progress && progress.total > 0 ? `${progress.percent}% · ${gb(progress.completed)} of ${gb(progress.total)}` : null}</span>
      </div>
      <div
        role="progressbar"
        aria-label={barLabel}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="mt-2 h-3 overflow-hidden rounded-full bg-sunken"
      >
        <div
          className={cn("h-full rounded-full transition-[width]", row.state === "error" ? "bg-danger" : "bg-accent")}
          style={{ width: `${percent}%` }}
        />
      </div>
      {showLayers && progress?.layers.length ? (
        <ul className="mt-2 text-xs text-ink-muted">
          {progress.layers.map((l) => (
            <li key={l.digest} className="font-mono">
              {l.digest.replace("sha256:", "").slice(0, 12)}: {gb(Math.min(l.completed, l.total))} of {gb(l.total)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
