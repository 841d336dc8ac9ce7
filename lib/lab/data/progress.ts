import "server-only";
import { db } from "@/lib/db";
import { runOutcome, shownCellStatus, tallyCells } from "@/lib/lab/run-status";
import type { ActivityProgress } from "@/lib/progress/model";
import { SUBMISSION_STATES, type SubmissionState } from "@/lib/submissions/schemas";
import type { LabRunState, LabProgress } from "@/lib/lab/types";

// A student's place in a lesson's lab, for the lesson page and the catalogue: the latest run as it
// reads now, whether any run has finished (the lab step), and where the write-up is.

export const NO_LAB_PROGRESS: LabProgress = { latestRun: null, finishedRuns: 0, writeUp: null };

const isSubmissionState = (state: string): state is SubmissionState => (SUBMISSION_STATES as readonly string[]).includes(state);

/** One query: the latest run with its cells' statuses, a count of finished runs, and the write-up. */
export async function getLabProgress(userId: string, lesson: string): Promise<LabProgress> {
  const row = await db.user.findUnique({
    where: { id: userId },
    select: {
      labRuns: {
        where: { lessonSlug: lesson },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1,
        select: {
          id: true,
          status: true,
          createdAt: true,
          textModel: true,
          visionModel: true,
          cells: { select: { status: true, errorCode: true } },
        },
      },
      submissions: { where: { lessonSlug: lesson }, take: 1, select: { id: true, state: true, submittedAt: true } },
      // A stored DONE is a run that finished; one under a cell retry is QUEUED or RUNNING again.
      _count: { select: { labRuns: { where: { lessonSlug: lesson, status: "DONE" } } } },
    },
  });
  if (!row) return NO_LAB_PROGRESS;
  const run = row.labRuns[0];
  const submission = row.submissions[0];
  let latestRun: LabRunState | null = null;
  if (run) {
    const cells = run.cells.map((c) => ({ status: shownCellStatus(c) }));
    latestRun = {
      id: run.id,
      outcome: runOutcome(run.status, cells),
      cells: tallyCells(cells),
      createdAt: run.createdAt.toISOString(),
      models: { text: run.textModel, vision: run.visionModel },
    };
  }
  return {
    latestRun,
    finishedRuns: row._count.labRuns,
    writeUp:
      submission && isSubmissionState(submission.state)
        ? { submissionId: submission.id, state: submission.state, submittedAt: submission.submittedAt?.toISOString() ?? null }
        : null,
  };
}

/**
 * The lab and write-up steps: a finished run; a write-up submitted and not waiting on the student
 * (a draft, or one returned for revision, still has work to do).
 */
export function labActivity(progress: LabProgress): ActivityProgress {
  const state = progress.writeUp?.state;
  return { lab: progress.finishedRuns > 0, writeUp: state !== undefined && state !== "DRAFT" && state !== "RETURNED" };
}
