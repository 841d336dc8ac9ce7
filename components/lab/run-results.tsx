"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { Notice } from "@/components/ui/notice";
import type { LabRunView } from "@/components/lab/types";
import type { SampleTruth } from "@/lib/lab/types";
import { RUN_OUTCOME_LABELS } from "@/lib/lab/run-status";
import { cn } from "@/lib/utils/cn";
import { plural } from "@/lib/format";
import { useRunEvents } from "@/hooks/use-run-events";
import { useLabRunControls } from "@/hooks/use-lab-run-controls";
import { GroundTruth, RunSummaryCard } from "@/components/lab/run-summary";
import { Columns } from "@/components/lab/run/columns";
import { SharedFailures, sharedFailures } from "@/components/lab/run/failures";
import { CancelError, CancelRunButton } from "@/components/lab/run/run-controls";
import { RunProgress } from "@/components/lab/run/run-progress";
import { RunSetup } from "@/components/lab/run/run-setup";
import { TimeBars } from "@/components/lab/run/time-bars";

/** The side-by-side results, following the run live over server-sent events (the database is the source). */
/** `readOnly`: someone else's run (an instructor looking): no cancel, no retry, no write-up link. */
export function RunResults({
  initial,
  readOnly = false,
  truth = null,
  onChange,
  onRunAgain,
  showOperatorHelp = readOnly,
}: {
  initial: LabRunView;
  readOnly?: boolean;
  /** the sample's ground truth and trap, shown once the run has finished */
  truth?: SampleTruth | null;
  /** the run as it changes, for the run list */
  onChange?: (run: LabRunView) => void;
  onRunAgain?: (run: LabRunView) => void;
  /** say what to run or check on the Ollama machine, rather than "ask your instructor" */
  showOperatorHelp?: boolean;
}) {
  const { run, follow } = useRunEvents(initial.id, initial);
  const controls = useLabRunControls(run.id, follow);
  const pathname = usePathname();
  useEffect(() => onChange?.(run), [run, onChange]);

  const failures = sharedFailures(run, showOperatorHelp);

  const isLive = run.isActive || run.status === "QUEUED";
  const outcome = RUN_OUTCOME_LABELS[run.outcome];
  return (
    <section aria-labelledby="results-title" className="mt-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id="results-title" className="text-xl font-semibold">
          Results{" "}
          <span
            className={cn("text-base font-normal", run.outcome === "done-with-failures" ? "text-danger" : "text-ink-muted")}
            data-testid="run-outcome"
          >
            · {outcome.toLowerCase()}
          </span>
        </h3>
        {run.isActive && !readOnly ? (
          <CancelRunButton isBusy={controls.isBusy} hasError={controls.cancelError !== null} onCancel={controls.cancel} />
        ) : null}
      </div>
      <CancelError text={controls.cancelError} />
      {isLive ? <RunProgress run={run} /> : null}
      <p aria-live="polite" className="sr-only">
        {isLive
          ? `${run.tally.finished} of ${run.tally.total} ${plural(run.tally.total, "cell")} finished`
          : `Run ${outcome.toLowerCase()}.`}
        {failures.length ? ` ${failures.map((g) => g.explanation.title).join(". ")}: see the message above the results.` : ""}
      </p>
      <RunSetup run={run} onRunAgain={readOnly || !onRunAgain ? undefined : () => onRunAgain(run)} />
      {run.status === "INTERRUPTED" ? (
        <Notice tone="warning" className="mt-3">
          The server stopped while this run was going. Everything that arrived is below; retry the interrupted cells.
        </Notice>
      ) : null}
      {!isLive ? <RunSummaryCard run={run} /> : null}
      {!isLive && !readOnly && run.outcome !== "cancelled" ? (
        <p className="mt-3 text-sm">
          {/* Through the router: a native hash link is undone by the refresh that follows a run's end
              (Next puts back the URL it knows), so the address would jump back to "#run". */}
          <Link href={`${pathname}?run=${encodeURIComponent(run.id)}#write-up`}>Write it up</Link>: rate the answers and recommend, with
          this run as your evidence.
        </p>
      ) : null}
      {failures.length ? <SharedFailures groups={failures} run={run} /> : null}
      <Columns
        run={run}
        isBusy={controls.isBusy}
        failures={failures}
        retryError={controls.retryError}
        onRetry={readOnly ? undefined : controls.retry}
      />
      <div className="mt-6">
        <TimeBars run={run} />
      </div>
      {!isLive && truth ? <GroundTruth truth={truth} /> : null}
    </section>
  );
}
