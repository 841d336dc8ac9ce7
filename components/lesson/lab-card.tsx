import Link from "next/link";
import { CircleCheck, CircleDashed, CircleSlash, Loader, LogIn, TriangleAlert, type LucideIcon } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { signInPath } from "@/lib/auth/paths";
import { labRunHref, stepHref } from "@/lib/content/path";
import { formatDateTime, plural } from "@/lib/format";
import type { LabProgress, LabRunState } from "@/lib/lab/types";
import { RUN_OUTCOME_LABELS, type RunOutcome } from "@/lib/lab/run-status";
import type { SubmissionState } from "@/lib/submissions/schemas";
import { writeUpHeadline, type WriteUpGrade } from "@/lib/progress/write-up-headline";
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
  /** the completed review's grade, where the page has it (the home page) */
  grade?: WriteUpGrade | null;
  timeZone: string;
  className?: string;
};

export function LabCard({ lesson, isSignedIn, progress, grade = null, timeZone, className }: Props) {
  const labHref = stepHref(lesson, { kind: "lab", id: "lab" });
  const run = progress?.latestRun ?? null;
  const look = OUTCOME_LOOK[run?.outcome ?? "none"];
  const Icon = isSignedIn ? look.icon : LogIn;
  const writeUp = progress?.writeUp ?? null;
  // With a write-up, its state (and grade) is the news; the latest run comes second.
  const headline = isSignedIn && writeUp ? writeUpHeadline(writeUp.state, grade) : null;
  const headlineHref = !writeUp
    ? labHref
    : headline?.action.to === "feedback"
      ? `/submissions/${encodeURIComponent(writeUp.submissionId)}`
      : stepHref(lesson, { kind: "write-up", id: "write-up" });
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
        <h3 className="mt-0.5 text-lg font-semibold text-ink">{headline ? "Your lab work" : "Your lab run"}</h3>
        {!isSignedIn ? (
          <p className="mt-2 flex items-start gap-2 text-sm text-ink-muted">
            <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
            <span>The lab runs local models for your account and keeps your runs and write-up there, so it needs an account.</span>
          </p>
        ) : headline ? (
          <>
            <p className="mt-2 font-semibold text-ink" data-testid="lab-write-up-state">
              {headline.text}
            </p>
            <p className="mt-1 flex items-center gap-1.5 text-sm text-ink-muted">
              <Icon aria-hidden="true" className={cn("size-4 shrink-0", look.tone)} />
              <span>
                Latest run: <span data-testid="lab-run-state">{runStateLabel(run)}</span>
                {run ? (
                  <>
                    {" "}
                    · <time dateTime={run.createdAt}>{formatDateTime(run.createdAt, timeZone)}</time>
                  </>
                ) : null}
              </span>
            </p>
          </>
        ) : (
          <RunFirst run={run} look={look} Icon={Icon} timeZone={timeZone} />
        )}
      </div>
      <div className="flex shrink-0 flex-col gap-2 sm:items-end">
        {!isSignedIn ? (
          <Link href={signInPath(labHref)} className={buttonClasses("primary")}>
            Sign in to use the lab
          </Link>
        ) : headline ? (
          <>
            <Link href={headlineHref} className={buttonClasses("primary")}>
              {headline.action.label}
            </Link>
            {run ? (
              <Link href={labRunHref(lesson, run.id)} className="text-sm font-medium">
                Open your latest run
              </Link>
            ) : null}
          </>
        ) : run ? (
          <>
            <Link href={labRunHref(lesson, run.id)} className={buttonClasses("primary")}>
              Open your latest run
            </Link>
            <Link href={stepHref(lesson, { kind: "write-up", id: "write-up" })} className="text-sm font-medium">
              Write it up
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

/** No write-up yet: the latest run leads, with its models and what to do about a failure. */
function RunFirst({ run, look, Icon, timeZone }: { run: LabRunState | null; look: { tone: string }; Icon: LucideIcon; timeZone: string }) {
  return (
    <>
      <p className={cn("mt-2 flex items-center gap-2 font-semibold", look.tone)}>
        <Icon aria-hidden="true" className="size-5 shrink-0" />
        <span className="text-ink" data-testid="lab-run-state">
          {runStateLabel(run)}
        </span>
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
        Write-up: not started
      </p>
    </>
  );
}
