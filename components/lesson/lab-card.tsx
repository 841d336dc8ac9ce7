import Link from "next/link";
import { CircleCheck, CircleDashed, CircleSlash, Loader, LogIn, TriangleAlert, type LucideIcon } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { signInPath } from "@/lib/auth/paths";
import { labRunHref, stepHref } from "@/lib/content/path";
import { formatDateTime, plural } from "@/lib/format";
import type { LabProgress, LabRunState } from "@/lib/lab/types";
import { RUN_OUTCOME_LABELS, type RunOutcome } from "@/lib/lab/run-status";
import type { SubmissionState } from "@/lib/submissions/schemas";
import { cn } from "@/lib/utils/cn";

// The student's place in the lab, on the lesson map and at the end of "Build the small version".
// No hooks and no server imports: the server page renders it in the lesson body and the lesson
// map (a client component) renders it too, from the same props.

/** "No run yet", "Running: 4 of 7 cells", "Done", "Finished with failures", … */
export function runStateLabel(run: LabRunState | null): string {
  if (!run) return "No run yet";
  if (run.outcome === "running" || run.outcome === "queued")
    return `${RUN_OUTCOME_LABELS[run.outcome]}: ${run.cells.finished} of ${run.cells.total} ${plural(run.cells.total, "cell")}`;
  return RUN_OUTCOME_LABELS[run.outcome];
}

function runStateDetail(run: LabRunState): string | null {
  switch (run.outcome) {
    case "done-with-failures":
      return `${run.cells.failed} of ${run.cells.total} ${plural(run.cells.total, "cell")} failed: open the run to see why and retry them.`;
    case "interrupted":
      return "The run stopped before every cell finished: open it to retry the rest.";
    case "cancelled":
      return "You cancelled this run before it finished.";
    default:
      return null;
  }
}

const OUTCOME_LOOK: Record<RunOutcome | "none", { icon: LucideIcon; tone: string }> = {
  none: { icon: CircleDashed, tone: "text-ink-muted" },
  queued: { icon: Loader, tone: "text-accent" },
  running: { icon: Loader, tone: "text-accent" },
  done: { icon: CircleCheck, tone: "text-success" },
  "done-with-failures": { icon: TriangleAlert, tone: "text-warning" },
  cancelled: { icon: CircleSlash, tone: "text-ink-muted" },
  interrupted: { icon: TriangleAlert, tone: "text-warning" },
};

// As STATE_LABELS in lib/submissions/schemas.ts says them; that module brings zod, which the
// lesson page does not otherwise send to the browser.
export const WRITE_UP_STATE_LABELS: Record<SubmissionState, string> = {
  DRAFT: "Draft saved",
  SUBMITTED: "Submitted",
  IN_REVIEW: "In review",
  RETURNED: "Returned for revision",
  COMPLETED: "Completed",
};

type Props = {
  lesson: string;
  isSignedIn: boolean;
  /** null for guests */
  progress: LabProgress | null;
  timeZone: string;
  className?: string;
};

export function LabCard({ lesson, isSignedIn, progress, timeZone, className }: Props) {
  const labHref = stepHref(lesson, { kind: "lab", id: "lab" });
  const run = progress?.latestRun ?? null;
  const look = OUTCOME_LOOK[run?.outcome ?? "none"];
  const Icon = isSignedIn ? look.icon : LogIn;
  const writeUp = progress?.writeUp ?? null;
  return (
    <div
      data-testid="lab-card"
      className={cn(
        "not-prose flex flex-col gap-4 rounded-2xl border border-line bg-canvas p-5 sm:flex-row sm:items-center sm:justify-between",
        className,
      )}
    >
      <div className="min-w-0">
        <p className="text-sm font-semibold text-accent">Lab · Build the small version</p>
        <h3 className="mt-0.5 text-lg font-semibold text-ink">Your lab run</h3>
        {isSignedIn ? (
          <>
            <p className={cn("mt-2 flex items-center gap-2 font-semibold", look.tone)} data-testid="lab-run-state">
              <Icon aria-hidden="true" className="size-5 shrink-0" />
              <span className="text-ink">{runStateLabel(run)}</span>
            </p>
            {run ? (
              <p className="mt-1 text-sm text-ink-muted">
                {[run.models.text, run.models.vision].filter(Boolean).join(" and ")} · started{" "}
                <time dateTime={run.createdAt}>{formatDateTime(run.createdAt, timeZone)}</time>
              </p>
            ) : (
              <p className="mt-1 text-sm text-ink-muted">
                One screenshot through a text-only model and a Qwen-VL model side by side, with speed, memory and an OCR baseline.
              </p>
            )}
            {run && runStateDetail(run) ? <p className="mt-1 text-sm text-ink-muted">{runStateDetail(run)}</p> : null}
            <p className="mt-1 text-sm text-ink-muted" data-testid="lab-write-up-state">
              Write-up: {writeUp ? WRITE_UP_STATE_LABELS[writeUp.state].toLowerCase() : "not started"}
            </p>
          </>
        ) : (
          <p className="mt-2 flex items-start gap-2 text-sm text-ink-muted">
            <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            <span>The lab runs local models for your account and keeps your runs and write-up there, so it needs an account.</span>
          </p>
        )}
      </div>
      <div className="flex shrink-0 flex-col gap-2 sm:items-end">
        {!isSignedIn ? (
          <Link href={signInPath(labHref)} className={buttonClasses("primary")}>
            Sign in to use the lab
          </Link>
        ) : run ? (
          <>
            <Link href={labRunHref(lesson, run.id)} className={buttonClasses("primary")}>
              Open your latest run
            </Link>
            <Link href={stepHref(lesson, { kind: "write-up", id: "write-up" })} className="text-sm font-medium">
              {writeUp && writeUp.state !== "DRAFT" ? "See your write-up" : "Write it up"}
            </Link>
          </>
        ) : (
          <Link href={labHref} className={buttonClasses("primary")}>
            Open the lab
          </Link>
        )}
      </div>
    </div>
  );
}
