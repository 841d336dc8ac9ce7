import { randomUUID } from "node:crypto";
import { createUser } from "@/lib/auth/data/users";
import type { SessionUser } from "@/lib/auth/server/session";
import { createClass, joinClass, listTaughtClasses } from "@/lib/classes/data/classes";
import { db } from "@/lib/db";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { saveWriteUpDraft } from "@/lib/submissions/data/store";
import { startSampleRun } from "@/test/lab-runs";
import { completeWriteUp } from "@/test/write-ups";

// Two instructors and five students for the class-scoping tests: Ina teaches A and C, Otto teaches
// B; sa takes A, sb B, sab A and B (joined in that order), sc C, sn nothing.

export const person = (name: string, role: "STUDENT" | "INSTRUCTOR" = "STUDENT") =>
  createUser({ name, email: `${name}-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" }).then(
    async (u): Promise<SessionUser> => {
      if (role === "INSTRUCTOR") await db.user.update({ where: { id: u.id }, data: { role } });
      return { ...u, role };
    },
  );

/** A saved, complete draft on a finished run of the student's own. */
export async function readyDraft(student: SessionUser): Promise<number> {
  const runId = await startSampleRun(student);
  await waitForIdleRuns();
  return (await saveWriteUpDraft(student, { revision: 0, draft: completeWriteUp(runId) })).revision;
}

export async function world() {
  const [ina, otto, sa, sb, sab, sc, sn] = await Promise.all([
    person("ina", "INSTRUCTOR"),
    person("otto", "INSTRUCTOR"),
    person("sa"),
    person("sb"),
    person("sab"),
    person("sc"),
    person("sn"),
  ]);
  const { id: a } = await createClass(ina, "Class A");
  const { id: b } = await createClass(otto, "Class B");
  const { id: c } = await createClass(ina, "Class C");
  const codeOf = async (teacher: SessionUser, id: string) => (await listTaughtClasses(teacher)).find((x) => x.id === id)!.invite!.code;
  const [codeA, codeB] = [await codeOf(ina, a), await codeOf(otto, b)];
  await joinClass(sc, await codeOf(ina, c));
  await joinClass(sa, codeA);
  await joinClass(sb, codeB);
  await joinClass(sab, codeA);
  await joinClass(sab, codeB);
  return { ina, otto, sa, sb, sab, sc, sn, a, b, c, codeA, codeB };
}
