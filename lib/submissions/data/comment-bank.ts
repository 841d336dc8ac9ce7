import "server-only";
import { db } from "@/lib/db";
import { hasRole } from "@/lib/auth/roles";
import { AuthorizationError } from "@/lib/auth/errors";
import type { SessionUser } from "@/lib/auth/server/session";
import { SubmissionError } from "@/lib/submissions/errors";
import { REVIEW_LIMITS } from "@/lib/submissions/schemas";
import type { BankEntry } from "@/lib/submissions/types";

// Each instructor's reusable feedback comments, most used first.

function assertInstructor(user: SessionUser): void {
  if (!hasRole(user, "INSTRUCTOR")) throw new AuthorizationError(403, "This is for instructors only.");
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
