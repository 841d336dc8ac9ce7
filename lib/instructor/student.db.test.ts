import { describe, expect, it } from "vitest";
import { person } from "@/test/class-world";
import { newClass, scopeOf } from "@/test/classes";
import { getStudentOverview } from "@/lib/instructor/data/student";

// One student's record for an instructor (/instructor/students/[id]): students only.

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
