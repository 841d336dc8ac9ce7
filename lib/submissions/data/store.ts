import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/server/session";
import { readJsonColumn } from "@/lib/json-column";
import { missingForSubmit } from "@/lib/submissions/completeness";
import { IncompleteWriteUpError, SubmissionError } from "@/lib/submissions/errors";
import { getOwnEvidence, listEvidenceRuns } from "@/lib/submissions/data/evidence";
import { classChoicesFor, classForSubmit, submittedClass } from "@/lib/submissions/data/submit-class";
import type { ClassOption } from "@/lib/classes/types";
import { submittedToOrDraft, teachesSubmission } from "@/lib/classes/data/scope";
import type { EvidenceRunOption } from "@/lib/submissions/types";
import { emptyWriteUp, evidenceSchema, rubricLevelsSchema, writeUpSchema, type Evidence, type SubmissionState, type WriteUp } from "@/lib/submissions/schemas";
import type { DecidedReview } from "@/lib/submissions/types";

// The student's side of the write-up: the draft (saved as they type, never silently overwritten by
// another tab), submitting (complete, then frozen with a copy of its evidence), and reading the
// feedback. Every function checks who is asking.

export const LAB_LESSON = "local-qwen-vl";

export type WriteUpState = {
  submissionId: string | null;
  state: SubmissionState;
  draft: WriteUp;
  revision: number;
  savedAt: string | null;
  currentVersion: number;
  /** the review of the latest version, once decided */
  review: DecidedReview | null;
  evidenceRuns: EvidenceRunOption[];
  /** the reader's classes: where a first submit may go */
  classes: ClassOption[];
  /** the class it was submitted for (kept by resubmissions) */
  submittedTo: ClassOption | null;
};

const EDITABLE: SubmissionState[] = ["DRAFT", "RETURNED"];

function parseDraft(text: string, id: string): WriteUp {
  return readJsonColumn(writeUpSchema, text, `submission ${id} draft`) ?? emptyWriteUp();
}

type ReviewRow = {
  decision: string | null;
  decidedAt: Date | null;
  levels: string;
  feedback: string;
  grade: number | null;
  reviewer: { name: string | null; email: string } | null;
};

export function toDecidedReview(review: ReviewRow | null | undefined): DecidedReview | null {
  if (!review?.decision || !review.decidedAt) return null;
  return {
    decision: review.decision as DecidedReview["decision"],
    decidedAt: review.decidedAt.toISOString(),
    levels: readJsonColumn(rubricLevelsSchema, review.levels, "review levels") ?? {},
    feedback: review.feedback,
    grade: review.grade,
    reviewerName: review.reviewer ? (review.reviewer.name ?? review.reviewer.email) : null,
  };
}

const reviewerSelect = { select: { name: true, email: true } } as const;

/** The lab page's write-up: the draft (or an empty one), its state, and the runs it may be about. */
export async function getWriteUpState(user: SessionUser, lesson = LAB_LESSON): Promise<WriteUpState> {
  const [submission, evidenceRuns, classes] = await Promise.all([
    db.labSubmission.findUnique({
      where: { userId_lessonSlug: { userId: user.id, lessonSlug: lesson } },
      include: { versions: { orderBy: { number: "desc" }, take: 1, include: { review: { include: { reviewer: reviewerSelect } } } } },
    }),
    listEvidenceRuns(user),
    classChoicesFor(user),
  ]);
  if (!submission) {
    return {
      submissionId: null,
      state: "DRAFT",
      draft: emptyWriteUp(),
      revision: 0,
      savedAt: null,
      currentVersion: 0,
      review: null,
      evidenceRuns,
      classes,
      submittedTo: null,
    };
  }
  return {
    submissionId: submission.id,
    state: submission.state as SubmissionState,
    draft: parseDraft(submission.draft, submission.id),
    revision: submission.draftRevision,
    savedAt: submission.draftSavedAt?.toISOString() ?? null,
    currentVersion: submission.currentVersion,
    review: toDecidedReview(submission.versions[0]?.review),
    evidenceRuns,
    classes,
    submittedTo: await submittedClass(submission.classId),
  };
}

/**
 * Saves the draft if nobody saved since `revision` (another tab, another device): otherwise a
 * CONFLICT, and the caller shows both. A submitted write-up is read-only until it is returned.
 */
export async function saveWriteUpDraft(
  user: SessionUser,
  input: { lesson?: string; revision: number; draft: WriteUp },
): Promise<{ revision: number; savedAt: string }> {
  const lesson = input.lesson ?? LAB_LESSON;
  const now = new Date();
  const draft = JSON.stringify(input.draft);
  const existing = await db.labSubmission.findUnique({
    where: { userId_lessonSlug: { userId: user.id, lessonSlug: lesson } },
    select: { id: true, state: true },
  });
  if (!existing) {
    if (input.revision !== 0) throw new SubmissionError("CONFLICT", "This write-up was removed or never saved. Reload the page.");
    try {
      await db.labSubmission.create({ data: { userId: user.id, lessonSlug: lesson, draft, draftRevision: 1, draftSavedAt: now } });
      return { revision: 1, savedAt: now.toISOString() };
    } catch {
      // Another tab created it first.
      throw new SubmissionError("CONFLICT", "This write-up was saved from another tab or window since you opened it.");
    }
  }
  if (!EDITABLE.includes(existing.state as SubmissionState)) {
    throw new SubmissionError("LOCKED", "This write-up is submitted: it is read-only until your instructor returns it.");
  }
  const updated = await db.labSubmission.updateMany({
    where: { id: existing.id, draftRevision: input.revision, state: { in: EDITABLE } },
    data: { draft, draftRevision: { increment: 1 }, draftSavedAt: now },
  });
  if (updated.count === 0) throw new SubmissionError("CONFLICT", "This write-up was saved from another tab or window since you opened it.");
  return { revision: input.revision + 1, savedAt: now.toISOString() };
}

/**
 * Submits the saved draft as the next version: complete (or an IncompleteWriteUpError listing what
 * is missing), then frozen with a copy of the run's evidence so a later retry changes nothing.
 */
export async function submitWriteUp(
  user: SessionUser,
  input: { lesson?: string; revision: number; classId?: string },
): Promise<{ submissionId: string; version: number }> {
  const lesson = input.lesson ?? LAB_LESSON;
  const submission = await db.labSubmission.findUnique({ where: { userId_lessonSlug: { userId: user.id, lessonSlug: lesson } } });
  if (!submission) throw new IncompleteWriteUpError(missingForSubmit(emptyWriteUp(), null));
  if (!EDITABLE.includes(submission.state as SubmissionState)) throw new SubmissionError("LOCKED", "This write-up is already submitted.");
  if (submission.draftRevision !== input.revision) {
    throw new SubmissionError(
      "CONFLICT",
      "This write-up was saved from another tab or window since you opened it. Reload to see the latest before submitting.",
    );
  }
  const draft = parseDraft(submission.draft, submission.id);
  const evidence: Evidence | null = draft.runId ? await getOwnEvidence(user, draft.runId) : null;
  const missing = missingForSubmit(draft, evidence?.cells ?? null);
  if (missing.length || !evidence) throw new IncompleteWriteUpError(missing);
  const classId = await classForSubmit(user, submission.classId, input.classId);
  const number = submission.currentVersion + 1;
  const now = new Date();
  await db.$transaction(async (tx) => {
    // Conditional: a double click or a second tab submits once.
    const moved = await tx.labSubmission.updateMany({
      where: {
        id: submission.id,
        draftRevision: input.revision,
        state: { in: EDITABLE },
        currentVersion: submission.currentVersion,
        classId: submission.classId,
      },
      data: { state: "SUBMITTED", currentVersion: number, submittedAt: now, claimedById: null, claimedAt: null, classId },
    });
    if (moved.count === 0)
      throw new SubmissionError("CONFLICT", "This write-up was submitted or changed elsewhere a moment ago. Reload the page.");
    await tx.submissionVersion.create({
      data: {
        submissionId: submission.id,
        number,
        runId: evidence.runId,
        imageId: evidence.imageId,
        writeUp: JSON.stringify(draft),
        evidence: JSON.stringify(evidence),
        submittedAt: now,
      },
    });
  });
  return { submissionId: submission.id, version: number };
}

export type SubmissionVersionView = {
  number: number;
  submittedAt: string;
  writeUp: WriteUp;
  evidence: Evidence | null;
  review: DecidedReview | null;
};

export type SubmissionView = {
  id: string;
  lessonSlug: string;
  state: SubmissionState;
  student: { id: string; name: string | null; email: string };
  claimedBy: { id: string; name: string | null; email: string } | null;
  submittedAt: string | null;
  feedbackWaiting: boolean;
  /** the class it was submitted for */
  className: string | null;
  versions: SubmissionVersionView[];
};

/** One submission with every version, for its owner and instructors; anyone else gets null (a 404). */
export async function getSubmissionForViewer(viewer: SessionUser, id: string): Promise<SubmissionView | null> {
  const submission = await db.labSubmission.findUnique({
    where: { id },
    include: {
      user: { select: { id: true, name: true, email: true } },
      claimedBy: { select: { id: true, name: true, email: true } },
      class: { select: { name: true } },
      versions: { orderBy: { number: "desc" }, include: { review: { include: { reviewer: reviewerSelect } } } },
    },
  });
  if (!submission) return null;
  if (submission.userId !== viewer.id && !(await teachesSubmission(viewer, submission))) return null;
  return {
    id: submission.id,
    lessonSlug: submission.lessonSlug,
    state: submission.state as SubmissionState,
    student: submission.user,
    claimedBy: submission.claimedBy,
    submittedAt: submission.submittedAt?.toISOString() ?? null,
    feedbackWaiting: isFeedbackWaiting(submission),
    className: submission.class?.name ?? null,
    versions: submission.versions.map((v) => ({
      number: v.number,
      submittedAt: v.submittedAt.toISOString(),
      writeUp: parseDraft(v.writeUp, `${submission.id} v${v.number}`),
      evidence: readJsonColumn(evidenceSchema, v.evidence, `submission ${submission.id} v${v.number} evidence`),
      // Students see a review once it is decided; drafts of a review are the instructor's.
      review: toDecidedReview(v.review),
    })),
  };
}

function isFeedbackWaiting(s: { feedbackAt: Date | null; feedbackSeenAt: Date | null }): boolean {
  return Boolean(s.feedbackAt && (!s.feedbackSeenAt || s.feedbackSeenAt < s.feedbackAt));
}

export type MySubmissionRow = {
  id: string;
  lessonSlug: string;
  state: SubmissionState;
  currentVersion: number;
  submittedAt: string | null;
  updatedAt: string;
  feedbackWaiting: boolean;
  review: DecidedReview | null;
  className: string | null;
};

/** `classIds`: for an instructor reading a student's list, only what those classes may see. */
export async function listMySubmissions(user: SessionUser, only?: { classIds: readonly string[] }): Promise<MySubmissionRow[]> {
  const rows = await db.labSubmission.findMany({
    where: { userId: user.id, ...(only ? submittedToOrDraft(only.classIds) : {}) },
    orderBy: { updatedAt: "desc" },
    include: {
      class: { select: { name: true } },
      versions: { orderBy: { number: "desc" }, take: 1, include: { review: { include: { reviewer: reviewerSelect } } } },
    },
  });
  return rows.map((s) => ({
    className: s.class?.name ?? null,
    id: s.id,
    lessonSlug: s.lessonSlug,
    state: s.state as SubmissionState,
    currentVersion: s.currentVersion,
    submittedAt: s.submittedAt?.toISOString() ?? null,
    updatedAt: s.updatedAt.toISOString(),
    feedbackWaiting: isFeedbackWaiting(s),
    review: toDecidedReview(s.versions[0]?.review),
  }));
}

/** The owner opened the feedback: the header's badge goes. */
export async function markFeedbackSeen(user: SessionUser, id: string): Promise<void> {
  await db.labSubmission.updateMany({ where: { id, userId: user.id, feedbackAt: { not: null } }, data: { feedbackSeenAt: new Date() } });
}

/** How many of the user's write-ups have feedback they have not opened yet (the header's badge). */
export async function countFeedbackWaiting(userId: string): Promise<number> {
  const rows = await db.labSubmission.findMany({
    where: { userId, feedbackAt: { not: null } },
    select: { feedbackAt: true, feedbackSeenAt: true },
  });
  return rows.filter(isFeedbackWaiting).length;
}
