import "server-only";
import { db } from "@/lib/db";
import { formatScore } from "@/lib/format/score";

export type Score = { score: number; total: number };
/** `first`: the earliest attempt taken signed in; `best`: the highest of all, guest results joined at sign-in included. */
export type FirstAndBest = { first: Score | null; best: Score };

/**
 * First and best quiz scores per student and lesson, for the instructor's class table: one query
 * for every student given. A guest result that joined an account is not a first attempt (the
 * guest's earlier tries in that browser are unknown), but it counts toward the best.
 */
export async function getFirstAndBestScores(userIds: readonly string[]): Promise<Map<string, Record<string, FirstAndBest>>> {
  const out = new Map<string, Record<string, FirstAndBest>>();
  if (userIds.length === 0) return out;
  const attempts = await db.quizAttempt.findMany({
    where: { userId: { in: [...userIds] }, status: "SUBMITTED", score: { not: null }, total: { gt: 0 } },
    select: { userId: true, lessonSlug: true, score: true, total: true, source: true },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
  });
  for (const a of attempts) {
    const score = { score: a.score!, total: a.total! };
    const lessons = out.get(a.userId) ?? {};
    out.set(a.userId, lessons);
    const entry = lessons[a.lessonSlug];
    const first = a.source === "ACCOUNT" ? score : null;
    if (!entry) lessons[a.lessonSlug] = { first, best: score };
    else {
      entry.first ??= first;
      // Strictly higher only: on a tie the earlier attempt stays the best.
      if (score.score / score.total > entry.best.score / entry.best.total) entry.best = score;
    }
  }
  return out;
}

/** "9/15 · 14/15", "— · 14/15" (no attempt signed in yet), or "—". */
export function formatFirstAndBest(entry: FirstAndBest | undefined): string {
  if (!entry) return "—";
  const show = (s: Score | null) => (s ? formatScore(s.score, s.total) : "—");
  return `${show(entry.first)} · ${show(entry.best)}`;
}
