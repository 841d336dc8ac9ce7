import "server-only";
import { NotInScopeError, type InstructorScope } from "@/lib/classes/data/scope";
import { db } from "@/lib/db";
import { kickScoreOutbox } from "@/lib/lti/data/outbox";
import type { ScoreOutboxView, ScoreState, WaitingScore } from "@/lib/lti/types";

// "Grades to course sites" on /instructor/lms: the outbox as the instructor of a class sees it, for
// the classes they teach and nobody else's (a row belongs to the class of its link's course), and
// "Retry now" for a row that failed.

/** the most waiting rows listed: a course site down for a day with a big class is still one screen of scrolling */
const LISTED = 200;

const taught = (scope: InstructorScope) => ({ link: { context: { classId: { in: [...scope.taughtIds] } } } });

const itemOf = (link: { title: string | null; target: string; lessonSlug: string | null }) =>
  link.title ?? `${link.lessonSlug ?? "Lesson"} ${link.target === "WRITEUP" ? "write-up" : "quiz"}`;

export async function listScoreOutbox(scope: InstructorScope): Promise<ScoreOutboxView> {
  const where = { ...taught(scope), state: { in: ["PENDING", "FAILED"] } };
  const [grouped, rows, total] = await Promise.all([
    db.ltiScoreOutbox.groupBy({ by: ["state"], where: taught(scope), _count: { _all: true } }),
    db.ltiScoreOutbox.findMany({
      where,
      // "FAILED" sorts before "PENDING": what needs the instructor comes first.
      orderBy: [{ state: "asc" }, { nextAttemptAt: "asc" }, { id: "asc" }],
      take: LISTED,
      select: {
        id: true,
        state: true,
        scoreGiven: true,
        scoreMaximum: true,
        attempts: true,
        nextAttemptAt: true,
        lastStatus: true,
        lastError: true,
        user: { select: { name: true, email: true } },
        link: { select: { title: true, target: true, lessonSlug: true, context: { select: { class: { select: { name: true } } } } } },
      },
    }),
    db.ltiScoreOutbox.count({ where }),
  ]);
  const counts: Record<ScoreState, number> = { PENDING: 0, SENT: 0, SUPERSEDED: 0, FAILED: 0 };
  for (const g of grouped) if (g.state in counts) counts[g.state as ScoreState] = g._count._all;
  const waiting = rows.map(
    (r): WaitingScore => ({
      id: r.id,
      state: r.state === "FAILED" ? "FAILED" : "PENDING",
      student: r.user.name ?? r.user.email,
      item: itemOf(r.link),
      className: r.link.context.class.name,
      scoreGiven: r.scoreGiven,
      scoreMaximum: r.scoreMaximum,
      attempts: r.attempts,
      nextAttemptAt: r.state === "FAILED" ? null : r.nextAttemptAt.toISOString(),
      lastStatus: r.lastStatus,
      lastError: r.lastError?.slice(0, 200) ?? null,
    }),
  );
  return { counts, waiting, more: Math.max(0, total - waiting.length) };
}

/** How many scores of the classes taught have failed: the instructor home's badge. */
export function countFailedScores(scope: InstructorScope): Promise<number> {
  return db.ltiScoreOutbox.count({ where: { ...taught(scope), state: "FAILED" } });
}

/**
 * "Retry now": a failed row of a class taught is due again at once, with its attempts and its 7
 * days of retries counted afresh (createdAt is when the schedule started). A row already waiting or
 * sent is left as it is; one of another class answers as one that does not exist.
 */
export async function retryScore(scope: InstructorScope, id: string, now = new Date()): Promise<{ state: ScoreState }> {
  const { count } = await db.ltiScoreOutbox.updateMany({
    where: { id, state: "FAILED", ...taught(scope) },
    data: { state: "PENDING", attempts: 0, nextAttemptAt: now, createdAt: now, leaseUntil: null },
  });
  if (count === 1) {
    kickScoreOutbox();
    return { state: "PENDING" };
  }
  const row = await db.ltiScoreOutbox.findFirst({ where: { id, ...taught(scope) }, select: { state: true } });
  if (!row) throw new NotInScopeError("No score of your classes has this id.");
  return { state: row.state as ScoreState };
}
