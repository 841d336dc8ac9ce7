import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { newClass, scopeOf } from "@/test/classes";
import { getStudentOverview } from "@/lib/instructor/data/student";

// One student's record for an instructor (/instructor/students/[id]): students only.

const person = async (prefix: string, role: "STUDENT" | "INSTRUCTOR" = "STUDENT") => {
  const user = await createUser({
    name: prefix,
    email: `${prefix}-${randomUUID().slice(0, 8)}@example.test`,
    password: "correct horse battery",
  });
  if (role === "INSTRUCTOR") await db.user.update({ where: { id: user.id }, data: { role } });
  return { ...user, role };
};

describe("a student's record", () => {
  it("opens for an instructor, not for another instructor's account, and never for a student", async () => {
    const teacher = await person("teacher", "INSTRUCTOR");
    const colleague = await person("colleague", "INSTRUCTOR");
    const ada = await person("ada");
    // The colleague teaches the class too: an instructor's account is still not a student's record.
    await newClass([teacher, colleague, ada]);
    const scope = await scopeOf(teacher);
    expect(await getStudentOverview(scope, ada.id)).toMatchObject({ student: { id: ada.id } });
    expect(await getStudentOverview(scope, colleague.id)).toBeNull();
    expect(await getStudentOverview(scope, "no-such-user")).toBeNull();
    await expect(scopeOf(ada)).rejects.toMatchObject({ status: 403 });
  });
});
