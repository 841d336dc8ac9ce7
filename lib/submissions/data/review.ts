import "server-only";
import { db } from "@/lib/db";
import { hasRole } from "@/lib/auth/roles";
import { AuthorizationError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/server/session";
import { readJsonColumn } from "@/lib/json-column";
import { SubmissionError } from "@/lib/submissions/errors";
import { getRubric } from "@/lib/submissions/server/rubric";
import { REVIEW_LIMITS, rubricLevelsSchema, type RubricLevels, type SubmissionState } from "@/lib/submissions/schemas";
import { scoreRubric, unknownLevels } from "@/lib/submissions/scoring";
import type { BankEntry } from "@/lib/submissions/types";

// The instructor's side: the queue, claims (so two instructors never grade the same work at once),
// review drafts saved as they work, the decision, and the comment bank. Every function checks the
// role itself.

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
};

export type QueueCounts = Record<Exclude<SubmissionState, "DRAFT">, number>;

const stateWhere = (filter: QueueFilter) =>
  filter === "all" ? { state: { not: "DRAFT" } } : filter === "waiting" ? { state: { in: ["SUBMITTED", "IN_REVIEW"] } } : { state: filter };

/** The queue, oldest submission first, and how many are in each state. */
/** Rows per page of the review queue: a page an instructor can scan, and a query that stays small with a large class. */
export const QUEUE_PAGE_SIZE = 50;

export async function listReviewQueue(
  instructor: SessionUser,
  filter: QueueFilter = "waiting",
  { page = 1, pageSize = QUEUE_PAGE_SIZE }: { page?: number; pageSize?: number } = {},
): Promise<{ rows: QueueRow[]; counts: QueueCounts; total: number; page: number; pageCount: number }> {
  assertInstructor(instructor);
  const where = stateWhere(filter);
  const [total, grouped] = await Promise.all([
    db.labSubmission.count({ where }),
    db.labSubmission.groupBy({ by: ["state"], _count: { _all: true } }),
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
    };
  });
  return { rows, counts, total, page: current, pageCount };
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

async function whoHasIt(id: string): Promise<string> {
  const row = await db.labSubmission.findUnique({
    where: { id },
    select: { state: true, claimedBy: { select: { name: true, email: true } } },
  });
  if (!row) throw new SubmissionError("NOT_FOUND", "That submission does not exist.");
  if (row.claimedBy) return `${row.claimedBy.name ?? row.claimedBy.email} is reviewing it.`;
  return `It is ${row.state === "SUBMITTED" ? "waiting" : row.state.toLowerCase().replace("_", " ")}.`;
}

/** Takes a waiting submission into review. Exactly one of two instructors claiming at once wins. */
export async function claimSubmission(instructor: SessionUser, id: string): Promise<void> {
  assertInstructor(instructor);
  const claimed = await db.labSubmission.updateMany({
    where: { id, state: "SUBMITTED", claimedById: null },
    data: { state: "IN_REVIEW", claimedById: instructor.id, claimedAt: new Date() },
  });
  if (claimed.count === 1) return;
  const mine = await db.labSubmission.count({ where: { id, state: "IN_REVIEW", claimedById: instructor.id } });
  if (mine) return;
  throw new SubmissionError("CLAIMED", `You cannot claim this submission: ${await whoHasIt(id)}`);
}

/** Gives a claimed submission back to the queue; the review draft is kept for whoever claims it next. */
export async function releaseSubmission(instructor: SessionUser, id: string): Promise<void> {
  assertInstructor(instructor);
  const released = await db.labSubmission.updateMany({
    where: { id, state: "IN_REVIEW", claimedById: instructor.id },
    data: { state: "SUBMITTED", claimedById: null, claimedAt: null },
  });
  if (released.count === 0) throw new SubmissionError("NOT_CLAIMED", `You do not have this submission. ${await whoHasIt(id)}`);
}

export type ReviewInput = { levels: RubricLevels; feedback: string; grade: number | null };

export type ReviewDraft = ReviewInput & { savedAt: string | null; reviewerName: string | null };

async function currentVersionOf(id: string) {
  const submission = await db.labSubmission.findUnique({ where: { id }, select: { currentVersion: true, state: true, claimedById: true } });
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
export async function getReviewDraft(instructor: SessionUser, id: string): Promise<ReviewDraft> {
  assertInstructor(instructor);
  const { versionId } = await currentVersionOf(id);
  const review = await db.submissionReview.findUnique({
    where: { versionId },
    include: { reviewer: { select: { name: true, email: true } } },
  });
  return {
    levels: readJsonColumn(rubricLevelsSchema, review?.levels ?? null, "review levels") ?? {},
    feedback: review?.feedback ?? "",
    grade: review?.grade ?? null,
    savedAt: review?.updatedAt.toISOString() ?? null,
    reviewerName: review?.reviewer ? (review.reviewer.name ?? review.reviewer.email) : null,
  };
}

function assertMine(submission: { state: string; claimedById: string | null }, instructor: SessionUser): void {
  if (submission.state !== "IN_REVIEW" || submission.claimedById !== instructor.id) {
    throw new SubmissionError("NOT_CLAIMED", "Claim this submission before reviewing it: someone else may have it, or it was decided.");
  }
}

/** Saves the review as the instructor works; only the instructor who claimed it can. */
export async function saveReviewDraft(instructor: SessionUser, id: string, input: ReviewInput): Promise<{ savedAt: string }> {
  assertInstructor(instructor);
  checkReviewInput(input);
  const { submission, versionId } = await currentVersionOf(id);
  assertMine(submission, instructor);
  const data = { levels: JSON.stringify(input.levels), feedback: input.feedback, grade: input.grade, reviewerId: instructor.id };
  const review = await db.submissionReview.upsert({ where: { versionId }, create: { versionId, ...data }, update: data });
  return { savedAt: review.updatedAt.toISOString() };
}

/**
 * Returns the work for revision (the student may resubmit) or completes the review (final). Every
 * criterion must be scored; a return needs feedback saying what to change. The grade defaults to
 * the rubric's points.
 */
export async function decideReview(
  instructor: SessionUser,
  id: string,
  decision: "RETURNED" | "COMPLETED",
  input: ReviewInput,
): Promise<void> {
  assertInstructor(instructor);
  checkReviewInput(input);
  const rubric = getRubric();
  const score = scoreRubric(rubric, input.levels);
  if (score.unscored.length) {
    const titles = rubric.criteria.filter((c) => score.unscored.includes(c.id)).map((c) => c.title);
    throw new SubmissionError("INVALID_INPUT", `Score every criterion first: ${titles.join(", ")}.`);
  }
  if (decision === "RETURNED" && !input.feedback.trim()) {
    throw new SubmissionError("INVALID_INPUT", "Say in the feedback what to revise before returning the work.");
  }
  const { submission, versionId } = await currentVersionOf(id);
  assertMine(submission, instructor);
  const now = new Date();
  const data = {
    levels: JSON.stringify(input.levels),
    feedback: input.feedback,
    grade: input.grade ?? score.points,
    reviewerId: instructor.id,
    decision,
    decidedAt: now,
  };
  await db.$transaction(async (tx) => {
    const moved = await tx.labSubmission.updateMany({
      where: { id, state: "IN_REVIEW", claimedById: instructor.id },
      data: { state: decision, claimedById: null, claimedAt: null, feedbackAt: now },
    });
    if (moved.count === 0) throw new SubmissionError("NOT_CLAIMED", "This submission is no longer yours to decide. Reload the page.");
    await tx.submissionReview.upsert({ where: { versionId }, create: { versionId, ...data }, update: data });
  });
}

/** The next submission to look at after `afterId`: the oldest waiting, or one already claimed by you. */
export async function nextInQueue(instructor: SessionUser, afterId: string | null): Promise<string | null> {
  assertInstructor(instructor);
  const next = await db.labSubmission.findFirst({
    where: {
      ...(afterId ? { id: { not: afterId } } : {}),
      OR: [{ state: "SUBMITTED" }, { state: "IN_REVIEW", claimedById: instructor.id }],
    },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return next?.id ?? null;
}

/** The instructor's comment bank, most used first. */
export async function listCommentBank(instructor: SessionUser): Promise<BankEntry[]> {
  assertInstructor(instructor);
  return db.commentBankEntry.findMany({
    where: { instructorId: instructor.id },
    orderBy: [{ uses: "desc" }, { lastUsedAt: "desc" }, { createdAt: "desc" }],
    take: 100,
    select: { id: true, text: true, uses: true },
  });
}

export async function addToCommentBank(instructor: SessionUser, text: string): Promise<BankEntry> {
  assertInstructor(instructor);
  const clean = text.trim();
  if (!clean) throw new SubmissionError("INVALID_INPUT", "Write or select the comment to keep first.");
  if (clean.length > REVIEW_LIMITS.comment)
    throw new SubmissionError("INVALID_INPUT", `Keep a bank comment under ${REVIEW_LIMITS.comment} characters.`);
  return db.commentBankEntry.upsert({
    where: { instructorId_text: { instructorId: instructor.id, text: clean } },
    create: { instructorId: instructor.id, text: clean },
    update: {},
    select: { id: true, text: true, uses: true },
  });
}

/** Counts a use of a bank comment (so the most used come first) and returns its text. */
export async function recordCommentBankUse(instructor: SessionUser, entryId: string): Promise<BankEntry> {
  assertInstructor(instructor);
  const used = await db.commentBankEntry.updateMany({
    where: { id: entryId, instructorId: instructor.id },
    data: { uses: { increment: 1 }, lastUsedAt: new Date() },
  });
  if (used.count === 0) throw new SubmissionError("NOT_FOUND", "That comment is not in your bank any more.");
  return db.commentBankEntry.findUniqueOrThrow({ where: { id: entryId }, select: { id: true, text: true, uses: true } });
}

export async function removeFromCommentBank(instructor: SessionUser, entryId: string): Promise<void> {
  assertInstructor(instructor);
  await db.commentBankEntry.deleteMany({ where: { id: entryId, instructorId: instructor.id } });
}
