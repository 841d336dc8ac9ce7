import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/app-error";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/server/session";
import { INVITE_DAYS, newClassCode } from "@/lib/classes/codes";
import type { ClassRole, JoinOutcome, MyClass, TaughtClass } from "@/lib/classes/types";
import { db, isUniqueViolation } from "@/lib/db";
import { consume } from "@/lib/security/data/rate-limit";

// Classes: who teaches and who takes each one, and the codes that let students in. Who may create
// a class is who INSTRUCTOR_EMAILS (or the role CLI) made an instructor; what an instructor may do
// to a class is decided by their membership of it, never by the role alone.

const DAY_MS = 24 * 60 * 60 * 1000;
/** Tries at a code per account and window: a person mistyping has plenty, a guesser gets nowhere. */
export const JOIN_TRIES = 10;
const JOIN_WINDOW_MS = 15 * 60 * 1000;

export class ClassCodeError extends AppError {
  constructor() {
    super("CLASS_CODE_INVALID");
  }
}

class NotYourClassError extends AppError {
  constructor() {
    super("NOT_FOUND", "No class of yours has this id.");
  }
}

async function requireTeaching(user: SessionUser, classId: string): Promise<void> {
  const member = await db.classMember.findUnique({ where: { classId_userId: { classId, userId: user.id } }, select: { role: true } });
  if (!hasRole(user, "INSTRUCTOR") || member?.role !== "INSTRUCTOR") throw new NotYourClassError();
}

async function createInvite(classId: string, createdById: string, now: Date) {
  return db.classInvite.create({
    data: { classId, createdById, code: newClassCode(randomBytes), expiresAt: new Date(now.getTime() + INVITE_DAYS * DAY_MS) },
  });
}

/** A new class with its creator as its instructor and a join code that works for INVITE_DAYS. */
export async function createClass(user: SessionUser, name: string, now = new Date()): Promise<{ id: string }> {
  if (!hasRole(user, "INSTRUCTOR")) throw new AppError("FORBIDDEN", "Only instructors create classes.");
  const created = await db.class.create({ data: { name, members: { create: { userId: user.id, role: "INSTRUCTOR" } } } });
  await createInvite(created.id, user.id, now);
  return { id: created.id };
}

/** A fresh join code for the class; the codes before it stop working (links with them too). */
export async function renewInvite(user: SessionUser, classId: string, now = new Date()): Promise<void> {
  await requireTeaching(user, classId);
  await db.$transaction([
    db.classInvite.updateMany({ where: { classId, revokedAt: null }, data: { revokedAt: now } }),
    db.classInvite.create({
      data: { classId, createdById: user.id, code: newClassCode(randomBytes), expiresAt: new Date(now.getTime() + INVITE_DAYS * DAY_MS) },
    }),
  ]);
}

export class NoSuchInstructorError extends AppError {
  constructor() {
    super("NOT_FOUND", "No instructor account has this email address. Whoever runs the site makes an account an instructor first.");
  }
}

/**
 * Makes another instructor a teacher of the class (a co-teacher, a teaching assistant): they see its
 * students and review its write-ups from then on. Only an instructor account, by its email; a
 * student of the class who is an instructor becomes its instructor.
 */
export async function addInstructor(user: SessionUser, classId: string, email: string): Promise<{ name: string }> {
  await requireTeaching(user, classId);
  const account = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, name: true, email: true, role: true } });
  if (!account || account.role !== "INSTRUCTOR") throw new NoSuchInstructorError();
  await db.classMember.upsert({
    where: { classId_userId: { classId, userId: account.id } },
    create: { classId, userId: account.id, role: "INSTRUCTOR" },
    update: { role: "INSTRUCTOR" },
  });
  return { name: account.name ?? account.email };
}

/** Stops every code of the class: nobody joins it until an instructor makes a new one. */
export async function revokeInvites(user: SessionUser, classId: string, now = new Date()): Promise<void> {
  await requireTeaching(user, classId);
  await db.classInvite.updateMany({ where: { classId, revokedAt: null }, data: { revokedAt: now } });
}

/** The classes `user` teaches, newest first, with their counts and the code that works now. */
export async function listTaughtClasses(user: SessionUser, now = new Date()): Promise<TaughtClass[]> {
  if (!hasRole(user, "INSTRUCTOR")) return [];
  const classes = await db.class.findMany({
    where: { members: { some: { userId: user.id, role: "INSTRUCTOR" } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    include: {
      members: { where: { role: "INSTRUCTOR" }, orderBy: { joinedAt: "asc" }, select: { user: { select: { name: true, email: true } } } },
      _count: { select: { members: { where: { role: "STUDENT" } } } },
      invites: { where: { revokedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  return classes.map((c) => {
    const invite = c.invites[0];
    return {
      id: c.id,
      name: c.name,
      createdAt: c.createdAt.toISOString(),
      instructors: c.members.map((m) => m.user.name ?? m.user.email),
      students: c._count.members,
      invite: invite ? { id: invite.id, code: invite.code, expiresAt: invite.expiresAt.toISOString() } : null,
    };
  });
}

/**
 * A write-up submitted while its student was in no class (or whose class was deleted) goes to the
 * class they join, so an instructor can review it.
 */
export async function adoptClasslessWriteUps(userId: string, classId: string): Promise<void> {
  await db.labSubmission.updateMany({ where: { userId, classId: null, currentVersion: { gt: 0 } }, data: { classId } });
}

/** The classes `user` is in, as instructor or student, in the order they joined. */
export async function listMyClasses(user: SessionUser): Promise<MyClass[]> {
  const rows = await db.classMember.findMany({
    where: { userId: user.id },
    orderBy: [{ joinedAt: "asc" }, { classId: "asc" }],
    include: { class: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.classId, name: r.class.name, role: r.role as ClassRole, joinedAt: r.joinedAt.toISOString() }));
}

/**
 * Joins the class a code opens, as a student. The same answer for a code that never existed, one
 * revoked and one expired (a guesser learns nothing), and at most JOIN_TRIES tries per account in
 * a quarter of an hour, counted atomically.
 */
export async function joinClass(user: SessionUser, code: string, now = new Date()): Promise<JoinOutcome> {
  const limit = await consume(`class-join:${user.id}`, JOIN_TRIES, JOIN_WINDOW_MS, { now: now.getTime() });
  if (!limit.allowed) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many class codes tried. Wait ${Math.ceil(limit.retryAfterSeconds / 60)} minutes and try again.`,
    );
  }
  const invite = await db.classInvite.findUnique({ where: { code }, include: { class: { select: { id: true, name: true } } } });
  if (!invite || invite.revokedAt || invite.expiresAt <= now) throw new ClassCodeError();
  try {
    await db.classMember.create({ data: { classId: invite.classId, userId: user.id, role: "STUDENT" } });
  } catch (error) {
    // Already in it (as a student or an instructor, who stays one), or a second press won the race.
    if (!isUniqueViolation(error)) throw error;
    return { classId: invite.class.id, name: invite.class.name, alreadyMember: true };
  }
  await adoptClasslessWriteUps(user.id, invite.classId);
  return { classId: invite.class.id, name: invite.class.name, alreadyMember: false };
}
