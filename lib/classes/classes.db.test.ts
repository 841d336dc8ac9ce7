import { describe, expect, it } from "vitest";
import {
  addInstructor,
  createClass,
  JOIN_TRIES,
  joinClass,
  listMyClasses,
  listTaughtClasses,
  renewInvite,
  revokeInvites,
} from "@/lib/classes/data/classes";
import { db } from "@/lib/db";
import { person } from "@/test/class-world";

// Classes on the configured database: creating one, the codes that open it, and who may do what.

describe("classes", () => {
  it("an instructor creates a class with a join code; students join with it, once each, in several classes", async () => {
    const teacher = await person("teacher", "INSTRUCTOR");
    const ada = await person("ada");
    const { id } = await createClass(teacher, "Vision models, autumn");
    const [taught] = await listTaughtClasses(teacher);
    expect(taught).toMatchObject({ id, name: "Vision models, autumn", instructors: ["teacher"], students: 0 });
    const code = taught!.invite!.code;
    expect(new Date(taught!.invite!.expiresAt).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);

    expect(await joinClass(ada, code)).toEqual({ classId: id, name: "Vision models, autumn", alreadyMember: false });
    expect(await joinClass(ada, code)).toEqual({ classId: id, name: "Vision models, autumn", alreadyMember: true });
    // the instructor using their own code stays the instructor
    expect((await joinClass(teacher, code)).alreadyMember).toBe(true);
    expect((await listTaughtClasses(teacher))[0]).toMatchObject({ instructors: ["teacher"], students: 1 });

    const { id: second } = await createClass(teacher, "Vision models, spring");
    const secondCode = (await listTaughtClasses(teacher)).find((c) => c.id === second)!.invite!.code;
    await joinClass(ada, secondCode);
    expect((await listMyClasses(ada)).map((c) => [c.name, c.role])).toEqual([
      ["Vision models, autumn", "STUDENT"],
      ["Vision models, spring", "STUDENT"],
    ]);
  });

  it("two presses of Join at once make one membership", async () => {
    const teacher = await person("teacher", "INSTRUCTOR");
    const ben = await person("ben");
    await createClass(teacher, "Race");
    const code = (await listTaughtClasses(teacher))[0]!.invite!.code;
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => joinClass(ben, code)));
    expect(outcomes.filter((o) => !o.alreadyMember)).toHaveLength(1);
    expect(await db.classMember.count({ where: { userId: ben.id } })).toBe(1);
  });

  it("a revoked, replaced or expired code opens nothing, and says the same for each", async () => {
    const teacher = await person("teacher", "INSTRUCTOR");
    const cy = await person("cy");
    const { id } = await createClass(teacher, "Codes");
    const first = (await listTaughtClasses(teacher))[0]!.invite!.code;
    await renewInvite(teacher, id);
    const second = (await listTaughtClasses(teacher))[0]!.invite!.code;
    expect(second).not.toBe(first);
    await expect(joinClass(cy, first)).rejects.toMatchObject({ code: "CLASS_CODE_INVALID" });
    const later = new Date(Date.now() + 15 * 86_400_000);
    await expect(joinClass(cy, second, later)).rejects.toMatchObject({ code: "CLASS_CODE_INVALID" });
    await revokeInvites(teacher, id);
    expect((await listTaughtClasses(teacher))[0]!.invite).toBeNull();
    await expect(joinClass(cy, second)).rejects.toMatchObject({ code: "CLASS_CODE_INVALID" });
    await expect(joinClass(cy, "NEVERWAS")).rejects.toMatchObject({ code: "CLASS_CODE_INVALID" });
    expect(await listMyClasses(cy)).toEqual([]);
  });

  it("only the class's own instructors manage it, and only instructors create classes", async () => {
    const teacher = await person("teacher", "INSTRUCTOR");
    const other = await person("other-teacher", "INSTRUCTOR");
    const dee = await person("dee");
    const { id } = await createClass(teacher, "Mine");
    await expect(renewInvite(other, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeInvites(other, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createClass(dee, "Not allowed")).rejects.toMatchObject({ code: "FORBIDDEN" });
    // a student in the class is not one of its instructors
    await joinClass(dee, (await listTaughtClasses(teacher))[0]!.invite!.code);
    await expect(revokeInvites(dee, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listTaughtClasses(other)).toEqual([]);
    expect(await listTaughtClasses(dee)).toEqual([]);
  });

  it("an instructor of the class adds a co-teacher by the email of their instructor account, nobody else", async () => {
    const teacher = await person("teacher", "INSTRUCTOR");
    const ta = await person("ta", "INSTRUCTOR");
    const outsider = await person("outsider", "INSTRUCTOR");
    const pupil = await person("pupil");
    const { id } = await createClass(teacher, "Shared");
    // Only an instructor account: a student's email answers as no instructor at all.
    await expect(addInstructor(teacher, id, pupil.email)).rejects.toMatchObject({ code: "NOT_FOUND", message: /No instructor account/ });
    await expect(addInstructor(teacher, id, "nobody@example.test")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Only the class's own instructors add one.
    await expect(addInstructor(outsider, id, outsider.email)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The TA had joined as a student with the code: they become its instructor, once.
    await joinClass(ta, (await listTaughtClasses(teacher))[0]!.invite!.code);
    expect(await addInstructor(teacher, id, ` ${ta.email.toUpperCase()} `)).toEqual({ name: "ta" });
    await addInstructor(teacher, id, ta.email);
    expect((await listTaughtClasses(ta)).map((c) => [c.name, c.instructors, c.students])).toEqual([["Shared", ["teacher", "ta"], 0]]);
    // A co-teacher manages it like its creator.
    await renewInvite(ta, id);
    expect(await listTaughtClasses(outsider)).toEqual([]);
  });

  it("stops a guesser: at most JOIN_TRIES codes per account in a quarter of an hour, counted atomically", async () => {
    const eve = await person("eve");
    const tries = await Promise.allSettled(
      Array.from({ length: JOIN_TRIES + 5 }, (_, i) => joinClass(eve, `GUESS${String(i).padStart(3, "A")}`)),
    );
    const codes = tries.map((t) => (t.status === "rejected" ? (t.reason as { code: string }).code : "joined"));
    expect(codes.filter((c) => c === "CLASS_CODE_INVALID")).toHaveLength(JOIN_TRIES);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(5);
  });
});
