import "server-only";
import { db } from "@/lib/db";
import { hasRole } from "@/lib/auth/roles";
import { AuthorizationError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/server/session";
import { readJsonColumn } from "@/lib/json-column";
import { SubmissionError } from "@/lib/submissions/errors";
import { submittedTo, type InstructorScope } from "@/lib/classes/data/scope";
import { getRubric } from "@/lib/submissions/server/rubric";
import { REVIEW_LIMITS, rubricLevelsSchema, type RubricLevels, type SubmissionState } from "@/lib/submissions/schemas";
import { scoreRubric, unknownLevels } from "@/lib/submissions/scoring";
import { enqueueReviewScore, kickScoreOutbox } from "@/lib/lti/data/outbox";

// The instructor's side: the queue, claims (so two instructors never grade the same work at once),
// review drafts saved as they work, the decision, and the comment bank. Every function checks the
// role itself; what is read or changed is limited to the classes the instructor teaches (a scope,
// lib/classes/data/scope.ts): the queue to the picker's class, anything by id to every class taught.

export { addToCommentBank, listCommentBank, recordCommentBankUse, removeFromCommentBank } from "@/lib/submissions/data/comment-bank";

function assertInstructor(user: SessionUser): void {
  if (!hasRole(user, "INSTRUCTOR")) throw new AuthorizationError(403, "This is for instructors only.");
}

export const QUEUE_FILTERS = ["waiting", "SUBMITTED", "IN_REVIEW", "RETURNED", "COMPLETED", "all"] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export type QueueRow = {
  id: string;
  state: SubmissionState;
  student: { name: string | null; email: string };
  textModel: string | null;
  visionModel: string | null;
  version: number;
  submittedAt: string | null;
  claimedBy: { id: string; name: string | null; email: string } | null;
  claimedAt: string | null;
};

export type QueueCounts = Record<Exclude<SubmissionState, "DRAFT">, number>;

const stateWhere = (filter: QueueFilter) =>
  filter === "all" ? { state: { not: "DRAFT" } } : filter === "waiting" ? { state: { in: ["SUBMITTED", "IN_REVIEW"] } } : { state: filter };

/** The queue, oldest submission first, and how many are in each state. */
/** Rows per page of the review queue: a page an instructor can scan, and a query that stays small with a large class. */
export const QUEUE_PAGE_SIZE = 50;

export async function listReviewQueue(
  scope: InstructorScope,
  filter: QueueFilter = "waiting",
  { page = 1, pageSize = QUEUE_PAGE_SIZE }: { page?: number; pageSize?: number } = {},
): Promise<{ rows: QueueRow[]; counts: QueueCounts; total: number; page: number; pageCount: number; myClaims: number }> {
  const where = { ...stateWhere(filter), ...submittedTo(scope.classIds) };
  const [total, grouped, myClaims] = await Promise.all([
    db.labSubmission.count({ where }),
    db.labSubmission.groupBy({ by: ["state"], where: submittedTo(scope.classIds), _count: { _all: true } }),
    // The claims "Release my claims" lets go of: every one of this instructor's, whatever the class.
    db.labSubmission.count({ where: { state: "IN_REVIEW", claimedById: scope.instructorId } }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const submissions = await db.labSubmission.findMany({
    where,
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    skip: (current - 1) * pageSize,
    take: pageSize,
    include: {
      user: { select: { name: true, email: true } },
      claimedBy: { select: { id: true, name: true, email: true } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { evidence: true } },
    },
  });
  const counts: QueueCounts = { SUBMITTED: 0, IN_REVIEW: 0, RETURNED: 0, COMPLETED: 0 };
  for (const g of grouped) if (g.state in counts) counts[g.state as keyof QueueCounts] = g._count._all;
  const rows = submissions.map((s): QueueRow => {
    const pair = modelPairOf(s.versions[0]?.evidence ?? null);
    return {
      id: s.id,
      state: s.state as SubmissionState,
      student: s.user,
      textModel: pair.textModel,
      visionModel: pair.visionModel,
      version: s.currentVersion,
      submittedAt: s.submittedAt?.toISOString() ?? null,
      claimedBy: s.claimedBy,
      claimedAt: s.claimedAt?.toISOString() ?? null,
    };
  });
  return { rows, counts, total, page: current, pageCount, myClaims };
}

function modelPairOf(evidence: string | null): { textModel: string | null; visionModel: string | null } {
  if (!evidence) return { textModel: null, visionModel: null };
  try {
    const parsed = JSON.parse(evidence) as { textModel?: unknown; visionModel?: unknown };
    return {
      textModel: typeof parsed.textModel === "string" ? parsed.textModel : null,
      visionModel: typeof parsed.visionModel === "string" ? parsed.visionModel : null,
    };
  } catch {
    return { textModel: null, visionModel: null };
  }
}

async function whoHasIt(scope: InstructorScope, id: string): Promise<string> {
  const row = await db.labSubmission.findFirst({
    where: { id, ...submittedTo(scope.taughtIds) },
    select: { state: true, claimedBy: { select: { name: true, email: true } } },
  });
  if (!row) throw new SubmissionError("NOT_FOUND", "That submission does not exist.");
  if (row.claimedBy) return `${row.claimedBy.name ?? row.claimedBy.email} is reviewing it.`;
  return `It is ${row.state === "SUBMITTED" ? "waiting" : row.state.toLowerCase().replace("_", " ")}.`;
}

/** Takes a waiting submission into review. Exactly one of two instructors claiming at once wins. */
export async function claimSubmission(scope: InstructorScope, id: string): Promise<void> {
  const claimed = await db.labSubmission.updateMany({
    where: { id, state: "SUBMITTED", claimedById: null, ...submittedTo(scope.taughtIds) },
    data: { state: "IN_REVIEW", claimedById: scope.instructorId, claimedAt: new Date() },
  });
  if (claimed.count === 1) return;
  const mine = await db.labSubmission.count({ where: { id, state: "IN_REVIEW", claimedById: scope.instructorId, ...submittedTo(scope.taughtIds) } });
  if (mine) return;
  throw new SubmissionError("CLAIMED", `You cannot claim this submission: ${await whoHasIt(scope, id)}`);
}

/** Gives a claimed submission back to the queue; the review draft is kept for whoever claims it next. */
export async function releaseSubmission(scope: InstructorScope, id: string): Promise<void> {
  const released = await db.labSubmission.updateMany({
    where: { id, state: "IN_REVIEW", claimedById: scope.instructorId, ...submittedTo(scope.taughtIds) },
    data: { state: "SUBMITTED", claimedById: null, claimedAt: null },
  });
  if (released.count === 0) throw new SubmissionError("NOT_CLAIMED", `You do not have this submission. ${await whoHasIt(scope, id)}`);
}

/** Gives every submission this instructor has claimed back to the queue (drafts kept); how many. */
export async function releaseMyClaims(instructor: SessionUser): Promise<number> {
  assertInstructor(instructor);
  const released = await db.labSubmission.updateMany({
    where: { state: "IN_REVIEW", claimedById: instructor.id },
    data: { state: "SUBMITTED", claimedById: null, claimedAt: null },
  });
  return released.count;
}

export type ReviewInput = { levels: RubricLevels; feedback: string; grade: number | null };

/** The levels of the previous version's decided review: where a resubmission's rubric starts. */
export type PreviousReview = { version: number; levels: RubricLevels };

export type ReviewDraft = ReviewInput & { savedAt: string | null; reviewerName: string | null; previous: PreviousReview | null };

async function currentVersionOf(scope: InstructorScope, id: string) {
  const submission = await db.labSubmission.findFirst({
    where: { id, ...submittedTo(scope.taughtIds) },
    select: { currentVersion: true, state: true, claimedById: true, userId: true, lessonSlug: true, classId: true },
  });
  if (!submission || submission.currentVersion === 0) throw new SubmissionError("NOT_FOUND", "That submission does not exist.");
  const version = await db.submissionVersion.findUniqueOrThrow({
    where: { submissionId_number: { submissionId: id, number: submission.currentVersion } },
    select: { id: true },
  });
  return { submission, versionId: version.id };
}

function checkReviewInput(input: ReviewInput): void {
  const rubric = getRubric();
  const unknown = unknownLevels(rubric, input.levels);
  if (unknown.length) throw new SubmissionError("INVALID_INPUT", `The rubric has no such level for: ${unknown.join(", ")}. Reload the page.`);
  if (input.feedback.length > REVIEW_LIMITS.feedback)
    throw new SubmissionError("INVALID_INPUT", `Keep feedback under ${REVIEW_LIMITS.feedback} characters.`);
  const { max } = scoreRubric(rubric, input.levels);
  if (input.grade !== null && (!Number.isInteger(input.grade) || input.grade < 0 || input.grade > max)) {
    throw new SubmissionError("INVALID_INPUT", `The grade must be a whole number from 0 to ${max}.`);
  }
}

/** The current version's review as saved so far (for the instructor reviewing it). */
export async function getReviewDraft(scope: InstructorScope, id: string): Promise<ReviewDraft> {
  const { submission, versionId } = await currentVersionOf(scope, id);
  const [review, previous] = await Promise.all([
    db.submissionReview.findUnique({ where: { versionId }, include: { reviewer: { select: { name: true, email: true } } } }),
    previousReviewOf(id, submission.currentVersion),
  ]);
  return {
    // A resubmission's rubric starts from the last review until this version has one of its own.
    levels: review ? (readJsonColumn(rubricLevelsSchema, review.levels, "review levels") ?? {}) : { ...previous?.levels },
    previous,
    feedback: review?.feedback ?? "",
    grade: review?.grade ?? null,
    savedAt: review?.updatedAt.toISOString() ?? null,
    reviewerName: review?.reviewer ? (review.reviewer.name ?? review.reviewer.email) : null,
  };
}

async function previousReviewOf(id: string, current: number): Promise<PreviousReview | null> {
  if (current < 2) return null;
  const version = await db.submissionVersion.findUnique({
    where: { submissionId_number: { submissionId: id, number: current - 1 } },
    select: { review: { select: { levels: true, decision: true } } },
  });
  if (!version?.review?.decision) return null;
  return { version: current - 1, levels: readJsonColumn(rubricLevelsSchema, version.review.levels, "review levels") ?? {} };
}

function assertMine(submission: { state: string; claimedById: string | null }, scope: InstructorScope): void {
  if (submission.state !== "IN_REVIEW" || submission.claimedById !== scope.instructorId) {
    throw new SubmissionError("NOT_CLAIMED", "Claim this submission before reviewing it: someone else may have it, or it was decided.");
  }
}

/** Saves the review as the instructor works; only the instructor who claimed it can. */
export async function saveReviewDraft(scope: InstructorScope, id: string, input: ReviewInput): Promise<{ savedAt: string }> {
  checkReviewInput(input);
  const { submission, versionId } = await currentVersionOf(scope, id);
  assertMine(submission, scope);
  const data = { levels: JSON.stringify(input.levels), feedback: input.feedback, grade: input.grade, reviewerId: scope.instructorId };
  const review = await db.submissionReview.upsert({ where: { versionId }, create: { versionId, ...data }, update: data });
  return { savedAt: review.updatedAt.toISOString() };
}

/**
 * Returns the work for revision (the student may resubmit) or completes the review (final). A return
 * needs feedback saying what to change and any number of criteria scored (comments alone are
 * enough); completing needs every criterion. The grade defaults to the rubric's points once every
 * criterion is scored; a partly scored return carries no grade unless the instructor gives one.
 */
export async function decideReview(
  scope: InstructorScope,
  id: string,
  decision: "RETURNED" | "COMPLETED",
  input: ReviewInput,
): Promise<void> {
  checkReviewInput(input);
  const rubric = getRubric();
  const score = scoreRubric(rubric, input.levels);
  if (decision === "COMPLETED" && score.unscored.length) {
    const titles = rubric.criteria.filter((c) => score.unscored.includes(c.id)).map((c) => c.title);
    throw new SubmissionError("INVALID_INPUT", `Score every criterion first: ${titles.join(", ")}.`);
  }
  if (decision === "RETURNED" && !input.feedback.trim()) {
    throw new SubmissionError("INVALID_INPUT", "Say in the feedback what to revise before returning the work.");
  }
  const { submission, versionId } = await currentVersionOf(scope, id);
  assertMine(submission, scope);
  const now = new Date();
  const data = {
    levels: JSON.stringify(input.levels),
    feedback: input.feedback,
    grade: input.grade ?? (score.unscored.length ? null : score.points),
    reviewerId: scope.instructorId,
    decision,
    decidedAt: now,
  };
  let queued = 0;
  await db.$transaction(async (tx) => {
    const moved = await tx.labSubmission.updateMany({
      where: { id, state: "IN_REVIEW", claimedById: scope.instructorId, ...submittedTo(scope.taughtIds) },
      data: { state: decision, claimedById: null, claimedAt: null, feedbackAt: now },
    });
    if (moved.count === 0) throw new SubmissionError("NOT_CLAIMED", "This submission is no longer yours to decide. Reload the page.");
    await tx.submissionReview.upsert({ where: { versionId }, create: { versionId, ...data }, update: data });
    // The grade goes to the class's LMS gradebook with it (LTI), if a write-up link there takes it; a return sends nothing.
    if (decision === "COMPLETED" && data.grade !== null) {
      const { userId, lessonSlug, classId } = submission;
      const graded = { grade: data.grade, maximum: score.max, feedback: input.feedback, at: now };
      queued = await enqueueReviewScore(tx, { versionId, userId, lessonSlug, classId, ...graded });
    }
  });
  if (queued) kickScoreOutbox();
}

/** The next submission to look at after `afterId`: the oldest waiting, or one already claimed by you. */
export async function nextInQueue(scope: InstructorScope, afterId: string | null): Promise<string | null> {
  const next = await db.labSubmission.findFirst({
    where: {
      ...(afterId ? { id: { not: afterId } } : {}),
      ...submittedTo(scope.classIds),
      OR: [{ state: "SUBMITTED" }, { state: "IN_REVIEW", claimedById: scope.instructorId }],
    },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return next?.id ?? null;
}

