import "server-only";
import { db } from "@/lib/db";

// What an account's owner should hear about at their next visit (Lesson Lab sends no email).

export type NoticeKind = "SIGNUP_ATTEMPT";

export type AccountNoticeView = { id: string; kind: NoticeKind; firstAt: Date; lastAt: Date; count: number; seen: boolean };

/** Somebody tried to create an account with this owner's email: one unseen notice, counted. */
export async function noteSignupAttempt(userId: string, now = new Date()): Promise<void> {
  const bumped = await db.accountNotice.updateMany({
    where: { userId, kind: "SIGNUP_ATTEMPT", seenAt: null },
    data: { count: { increment: 1 }, lastAt: now },
  });
  if (bumped.count === 0) await db.accountNotice.create({ data: { userId, kind: "SIGNUP_ATTEMPT", createdAt: now, lastAt: now } });
}

/** The newest notices, unseen first. */
export async function listNotices(userId: string, take = 10): Promise<AccountNoticeView[]> {
  const rows = await db.accountNotice.findMany({
    where: { userId },
    orderBy: [{ lastAt: "desc" }],
    take,
  });
  return rows
    .map((r) => ({ id: r.id, kind: r.kind as NoticeKind, firstAt: r.createdAt, lastAt: r.lastAt, count: r.count, seen: Boolean(r.seenAt) }))
    .sort((a, b) => Number(a.seen) - Number(b.seen));
}

export async function markNoticesSeen(userId: string): Promise<void> {
  await db.accountNotice.updateMany({ where: { userId, seenAt: null }, data: { seenAt: new Date() } });
}

export async function countUnseenNotices(userId: string): Promise<number> {
  return db.accountNotice.count({ where: { userId, seenAt: null } });
}
