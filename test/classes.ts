import { instructorScope, type InstructorScope } from "@/lib/classes/data/scope";
import { db } from "@/lib/db";

// Classes for data tests: what an instructor sees is scoped to the classes they teach, and a student
// submits a write-up to one of theirs (lib/classes/data/scope.ts).

type Member = { id: string; role: string };

/** A new class with these people in it: instructors teach it, everyone else takes it. */
export async function newClass(members: Member[] = [], name = "Test class"): Promise<string> {
  const { id } = await db.class.create({ data: { name } });
  await enrol(id, ...members);
  return id;
}

/** Puts people in a class: an INSTRUCTOR account as its instructor, anyone else as a student. */
export async function enrol(classId: string, ...members: Member[]): Promise<void> {
  if (members.length === 0) return;
  await db.classMember.createMany({
    data: members.map((m) => ({ classId, userId: m.id, role: m.role === "INSTRUCTOR" ? "INSTRUCTOR" : "STUDENT" })),
  });
}

/** The instructor's scope over every class they teach (what the pages read with no class picked). */
export const scopeOf = (user: Parameters<typeof instructorScope>[0]): Promise<InstructorScope> => instructorScope(user);
