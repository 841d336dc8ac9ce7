import "server-only";
import { AppError } from "@/lib/app-error";
import { AuthorizationError } from "@/lib/auth/errors";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/server/session";
import type { ClassOption } from "@/lib/classes/types";
import { db } from "@/lib/db";

// What an instructor may see: the students and write-ups of the classes they teach. Lists, counts
// and exports read the picker's class (`classIds`); anything opened by id is checked against every
// class taught (`taughtIds`), so the picker never turns a followed link into a 404. Membership
// decides, never the role alone (docs/classes-scoping-design.md).

export const ALL_CLASSES = "all";

/** Built only by instructorScope, after the role check, so holding one proves it. */
export type InstructorScope = {
  instructorId: string;
  /** every class taught, newest first: the picker's options */
  classes: ClassOption[];
  /** what anything opened by id is checked against */
  taughtIds: string[];
  /** the picker's class, or null for all of them */
  selectedId: string | null;
  /** what lists, counts and exports read: [selectedId], or taughtIds */
  classIds: string[];
};

export class NotInScopeError extends AppError {
  constructor(message = "That does not exist, or it is not in a class you teach.") {
    super("NOT_FOUND", message);
  }
}

/** `choice`: the picker's cookie; a stale or foreign one falls back to all (it is a preference, not a permission). */
export async function instructorScope(user: SessionUser, choice?: string | null): Promise<InstructorScope> {
  if (!hasRole(user, "INSTRUCTOR")) throw new AuthorizationError(403, "This is for instructors only.");
  const rows = await db.classMember.findMany({
    where: { userId: user.id, role: "INSTRUCTOR" },
    orderBy: [{ class: { createdAt: "desc" } }, { classId: "asc" }],
    select: { class: { select: { id: true, name: true } } },
  });
  const classes = rows.map((r) => r.class);
  const taughtIds = classes.map((c) => c.id);
  const selectedId = choice && taughtIds.includes(choice) ? choice : null;
  return { instructorId: user.id, classes, taughtIds, selectedId, classIds: selectedId ? [selectedId] : taughtIds };
}

/** An explicit request for one class (an export's ?class=): "all", a class taught, or a 404, never a silent fallback. */
export function narrowTo(scope: InstructorScope, requested: string): InstructorScope {
  if (requested === ALL_CLASSES) return { ...scope, selectedId: null, classIds: scope.taughtIds };
  if (!scope.taughtIds.includes(requested)) throw new NotInScopeError("No class of yours has this id.");
  return { ...scope, selectedId: requested, classIds: [requested] };
}

// Where-fragments. Prisma reads `in: []` as false, so an instructor who teaches nothing sees nothing.
/** a User who is a student of one of `classIds` */
export const studentOf = (classIds: readonly string[]) => ({ classes: { some: { classId: { in: [...classIds] }, role: "STUDENT" } } });
/** a LabSubmission submitted to one of `classIds` */
export const submittedTo = (classIds: readonly string[]) => ({ classId: { in: [...classIds] } });
/** …or never submitted: a draft follows its student (combine with a student filter) */
export const submittedToOrDraft = (classIds: readonly string[]) => ({ OR: [{ classId: { in: [...classIds] } }, { classId: null }] });

/** For what is shared with owners (a run, an image, a reset link): one indexed query, no cookie. */
export async function teachesStudent(instructorId: string, studentId: string): Promise<boolean> {
  const row = await db.classMember.findFirst({
    where: { userId: studentId, role: "STUDENT", class: { members: { some: { userId: instructorId, role: "INSTRUCTOR" } } } },
    select: { classId: true },
  });
  return row !== null;
}

/** An instructor of the class a write-up was submitted for; a draft (no class yet) follows its student. */
export async function teachesSubmission(viewer: SessionUser, submission: { classId: string | null; userId: string }): Promise<boolean> {
  if (!hasRole(viewer, "INSTRUCTOR")) return false;
  if (submission.classId) return (await taughtClassIds(viewer.id)).includes(submission.classId);
  return teachesStudent(viewer.id, submission.userId);
}

export async function taughtClassIds(instructorId: string): Promise<string[]> {
  const rows = await db.classMember.findMany({ where: { userId: instructorId, role: "INSTRUCTOR" }, select: { classId: true } });
  return rows.map((r) => r.classId);
}
