import "server-only";
import { db } from "@/lib/db";
import type { ScorePolicy, ScoreSource } from "@/lib/lti/ags";

// The score outbox's writing side (docs/lti-design.md §4): a grade that belongs in an LMS gradebook
// becomes a row in LtiScoreOutbox in the same transaction as the grade itself, so a grade is never
// kept without its row or the other way round; lib/lti/data/outbox-worker.ts sends the rows. A row
// is per link, person and event (the unique key), so recording one event twice adds nothing; an
// older row of the same link and person that is not sent yet is superseded by a newer one, since
// the gradebook keeps only the latest score anyway.

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** A link a score goes to, and the person's subject on that link's platform (the score's userId). */
export type ScoreTarget = { linkId: string; sub: string; scorePolicy: ScorePolicy };

const targetSelect = (userId: string) =>
  ({
    id: true,
    scorePolicy: true,
    context: {
      select: { platform: { select: { accounts: { where: { userId }, orderBy: { lastLaunchAt: "desc" }, take: 1, select: { sub: true } } } } },
    },
  }) as const;

type TargetRow = { id: string; scorePolicy: string; context: { platform: { accounts: { sub: string }[] } } };

const toTargets = (rows: TargetRow[]): ScoreTarget[] =>
  rows.flatMap((r) => {
    const sub = r.context.platform.accounts[0]?.sub;
    return sub ? [{ linkId: r.id, sub, scorePolicy: r.scorePolicy === "LATEST" ? ("LATEST" as const) : ("BEST" as const) }] : [];
  });

/**
 * The quiz links of this lesson an account's attempt is graded in: in a course whose class has the
 * person as a student, on a course site the person has an LMS account on. Read before the attempt is
 * closed, so that without any (nearly always) the submit is what it was: no transaction.
 */
export async function quizScoreTargets(userId: string, lessonSlug: string): Promise<ScoreTarget[]> {
  const rows = await db.ltiResourceLink.findMany({
    where: {
      target: "QUIZ",
      lessonSlug,
      context: { class: { members: { some: { userId, role: "STUDENT" } } }, platform: { accounts: { some: { userId } } } },
    },
    select: targetSelect(userId),
  });
  return toTargets(rows);
}

type NewRow = {
  linkId: string;
  userId: string;
  sub: string;
  source: ScoreSource;
  sourceId: string;
  scoreGiven: number;
  scoreMaximum: number;
  comment: string | null;
  timestamp: Date;
};

/** One row, once per event; returns whether it was added. */
async function enqueue(tx: Tx, row: NewRow): Promise<boolean> {
  const key = { resourceLinkId: row.linkId, userId: row.userId, source: row.source, sourceId: row.sourceId };
  // The callers' conditional update lets one transaction per event get here: a plain read suffices
  // (a unique violation would abort a PostgreSQL transaction, the grade with it).
  if (await tx.ltiScoreOutbox.findUnique({ where: { resourceLinkId_userId_source_sourceId: key }, select: { id: true } })) return false;
  const sameLink = { resourceLinkId: row.linkId, userId: row.userId };
  // A newer score of this link and person already queued or sent: this one would only be refused (409) or overwrite it.
  const newer = await tx.ltiScoreOutbox.count({ where: { ...sameLink, state: { not: "SUPERSEDED" }, timestamp: { gt: row.timestamp } } });
  const created = await tx.ltiScoreOutbox.create({
    data: {
      ...key,
      sub: row.sub,
      scoreGiven: row.scoreGiven,
      scoreMaximum: row.scoreMaximum,
      comment: row.comment,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      timestamp: row.timestamp,
      state: newer ? "SUPERSEDED" : "PENDING",
    },
    select: { id: true },
  });
  if (!newer) {
    await tx.ltiScoreOutbox.updateMany({
      where: { ...sameLink, id: { not: created.id }, state: { in: ["PENDING", "FAILED"] }, timestamp: { lte: row.timestamp } },
      data: { state: "SUPERSEDED" },
    });
  }
  return true;
}

/** The account's best submitted quiz attempt of the lesson by its share of the points (guest results never count). */
async function bestAttempt(tx: Tx, userId: string, lessonSlug: string): Promise<{ score: number; total: number } | null> {
  const attempts = await tx.quizAttempt.findMany({
    where: { userId, lessonSlug, kind: "QUIZ", source: "ACCOUNT", status: "SUBMITTED", total: { gt: 0 } },
    select: { score: true, total: true },
  });
  let best: { score: number; total: number } | null = null;
  for (const a of attempts) {
    if (a.score === null || a.total === null) continue;
    if (!best || a.score / a.total > best.score / best.total) best = { score: a.score, total: a.total };
  }
  return best;
}

/**
 * Rows for a quiz attempt that was just submitted, in its transaction: per link, the attempt's own
 * score (LATEST) or the account's best ratio so far, this attempt included (BEST, the default).
 */
export async function enqueueQuizScores(
  tx: Tx,
  targets: ScoreTarget[],
  attempt: { id: string; userId: string; lessonSlug: string; score: number; total: number; submittedAt: Date },
): Promise<number> {
  let added = 0;
  const best = targets.some((t) => t.scorePolicy === "BEST") ? await bestAttempt(tx, attempt.userId, attempt.lessonSlug) : null;
  for (const target of targets) {
    const counted = target.scorePolicy === "BEST" && best ? best : attempt;
    const row = { linkId: target.linkId, userId: attempt.userId, sub: target.sub, source: "QUIZ_ATTEMPT" as const, sourceId: attempt.id };
    const scores = { scoreGiven: counted.score, scoreMaximum: counted.total, comment: null, timestamp: attempt.submittedAt };
    if (await enqueue(tx, { ...row, ...scores })) added++;
  }
  return added;
}

/**
 * Rows for a write-up review completed just now, in decideReview's transaction: to the write-up
 * links of the lesson in the courses of the class it was submitted to, with the grade, the rubric's
 * maximum and the feedback as the comment.
 */
export async function enqueueReviewScore(
  tx: Tx,
  review: { versionId: string; userId: string; lessonSlug: string; classId: string | null; grade: number; maximum: number; feedback: string; at: Date },
): Promise<number> {
  if (!review.classId) return 0;
  const rows = await tx.ltiResourceLink.findMany({
    where: {
      target: "WRITEUP",
      lessonSlug: review.lessonSlug,
      context: { classId: review.classId, platform: { accounts: { some: { userId: review.userId } } } },
    },
    select: targetSelect(review.userId),
  });
  let added = 0;
  for (const target of toTargets(rows)) {
    const row = { linkId: target.linkId, userId: review.userId, sub: target.sub, source: "REVIEW" as const, sourceId: review.versionId };
    const comment = review.feedback.trim() || null;
    if (await enqueue(tx, { ...row, scoreGiven: review.grade, scoreMaximum: review.maximum, comment, timestamp: review.at })) added++;
  }
  return added;
}

/**
 * Wakes the outbox worker of this process, after a commit that added rows, so a score leaves now
 * rather than at the next tick. Without a worker (scripts, tests) the rows wait for one.
 */
export function kickScoreOutbox(): void {
  (globalThis as unknown as { lessonLabScoreOutbox?: { kick: () => void } }).lessonLabScoreOutbox?.kick();
}
