import "server-only";
import { AppError } from "@/lib/app-error";
import type { SessionUser } from "@/lib/auth/server/session";
import { listMyClasses } from "@/lib/classes/data/classes";
import type { ClassOption } from "@/lib/classes/types";
import { db } from "@/lib/db";

// Which class a write-up is submitted for. It is fixed at the first submit: a resubmission after a
// return keeps it, whatever is sent. A student in one class needs no choice; a student in several
// picks one; a student in none cannot submit yet (no instructor would see it).

export class SubmitClassError extends AppError {
  constructor(code: "CLASS_REQUIRED" | "NO_CLASS") {
    super(code);
  }
}

/** The reader's classes (any membership), in the order joined: the choices at submit time. */
export async function classChoicesFor(user: SessionUser): Promise<ClassOption[]> {
  return (await listMyClasses(user)).map(({ id, name }) => ({ id, name }));
}

export async function classForSubmit(user: SessionUser, current: string | null, requested: string | undefined): Promise<string> {
  if (current) return current;
  const choices = await classChoicesFor(user);
  if (requested !== undefined) {
    if (!choices.some((c) => c.id === requested)) throw new SubmitClassError("CLASS_REQUIRED");
    return requested;
  }
  if (choices.length === 0) throw new SubmitClassError("NO_CLASS");
  if (choices.length > 1) throw new SubmitClassError("CLASS_REQUIRED");
  return choices[0]!.id;
}

/** The class a submission went to, for its owner's panel. */
export async function submittedClass(classId: string | null): Promise<ClassOption | null> {
  if (!classId) return null;
  return db.class.findUnique({ where: { id: classId }, select: { id: true, name: true } });
}
