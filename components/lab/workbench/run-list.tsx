import Link from "next/link";
import type { LabRunSummary } from "@/components/lab/types";
import { formatDateTime, plural } from "@/lib/format";
import { RUN_OUTCOME_LABELS } from "@/lib/lab/run-status";
import { cn } from "@/lib/utils/cn";

/** The student's earlier runs, newest first, each opening again with all its results. */
export function RunList({
  runs,
  lesson,
  openRunId,
  timeZone,
}: {
  runs: LabRunSummary[];
  lesson: string;
  openRunId: string | null;
  timeZone: string;
}) {
  return (
    <section aria-labelledby="earlier-runs">
      <h2 id="earlier-runs" className="text-xl font-semibold">
        Your earlier runs
      </h2>
      {runs.length ? (
        <ul className="mt-3 flex flex-col gap-2 text-sm" data-testid="run-list">
          {runs.map((r) => (
            <li key={r.id}>
              <Link href={`/lessons/${lesson}/lab?run=${r.id}#run`} aria-current={openRunId === r.id ? "true" : undefined}>
                {formatDateTime(r.createdAt, timeZone)}: {r.image.sampleId ?? r.image.fileName ?? "screenshot"} ·{" "}
                {r.textModel ?? "no text model"} vs {r.visionModel ?? "no vision model"}
              </Link>{" "}
              <span className={cn(r.outcome === "done-with-failures" ? "text-danger" : "text-ink-muted")} data-testid="run-list-outcome">
                ({RUN_OUTCOME_LABELS[r.outcome].toLowerCase()}
                {r.outcome === "running" ? `: ${r.tally.finished} of ${r.tally.total} ${plural(r.tally.total, "cell")}` : ""})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-ink-muted">None yet. Your runs are kept here and open again with all their results.</p>
      )}
    </section>
  );
}
