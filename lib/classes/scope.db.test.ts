import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { joinClass } from "@/lib/classes/data/classes";
import { instructorScope, narrowTo, teachesStudent } from "@/lib/classes/data/scope";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { getSubmissionForViewer, getWriteUpState, listMySubmissions, saveWriteUpDraft, submitWriteUp } from "@/lib/submissions/data/store";
import { emptyWriteUp } from "@/lib/submissions/schemas";
import { person, readyDraft, world } from "@/test/class-world";
import { completeWriteUp } from "@/test/write-ups";

// Classes decide what an instructor sees (lib/classes/data/scope.ts) and where a write-up goes. The
// world: Ina teaches A and C, Otto teaches B; sa takes A, sb B, sab A and B, sc C, sn nothing.
// What each instructor-side function returns for it is in class-scoping.db.test.ts.

describe("an instructor's scope", () => {
  beforeAll(async () => {
    await fetch(`${process.env.E2E_OLLAMA_URL}/__test/reset`, { method: "POST", body: "{}" });
  });
  afterEach(() => waitForIdleRuns());

  it("is the classes taught, never one joined as a student; a choice narrows it, a stale one falls back", async () => {
    const { ina, otto, sa, sb, sab, a, b, c, codeB } = await world();
    // Ina joins Otto's class with its code: that does not make it hers to teach.
    await joinClass(ina, codeB);
    const scope = await instructorScope(ina);
    expect([...scope.taughtIds].sort()).toEqual([a, c].sort());
    expect(scope.classes.map((x) => x.name)).toEqual(["Class C", "Class A"]);
    expect(scope).toMatchObject({ selectedId: null, classIds: scope.taughtIds });
    expect(await instructorScope(ina, a)).toMatchObject({ selectedId: a, classIds: [a] });
    // The picker's cookie is a preference: another instructor's class or a deleted one shows all.
    expect(await instructorScope(ina, b)).toMatchObject({ selectedId: null, classIds: scope.taughtIds });
    expect(await instructorScope(ina, "gone")).toMatchObject({ selectedId: null });
    // An explicit ?class= is not a preference: a class not taught is a 404.
    expect(narrowTo(scope, "all").classIds).toEqual(scope.taughtIds);
    expect(() => narrowTo(scope, b)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    await expect(instructorScope(sa)).rejects.toMatchObject({ status: 403 });
    // A teacher with no class sees nothing, with no special case.
    expect((await instructorScope(await person("new-teacher", "INSTRUCTOR"))).classIds).toEqual([]);
    expect(await teachesStudent(ina.id, sab.id)).toBe(true);
    expect(await teachesStudent(ina.id, sb.id)).toBe(false);
    expect(await teachesStudent(otto.id, sa.id)).toBe(false);
  });

  it(
    "a write-up goes to the student's one class, to the class a student in two picks, and nowhere without one",
    { timeout: 90_000 },
    async () => {
      const { sa, sab, sn, a, b, c } = await world();
      const [ra, rab, rn] = await Promise.all([readyDraft(sa), readyDraft(sab), readyDraft(sn)]);
      // One class: no choice needed.
      expect((await getWriteUpState(sa)).classes.map((x) => x.id)).toEqual([a]);
      await submitWriteUp(sa, { revision: ra });
      expect(await getWriteUpState(sa)).toMatchObject({ state: "SUBMITTED", submittedTo: { id: a, name: "Class A" } });
      // Two: a choice is required, and only one of theirs.
      await expect(submitWriteUp(sab, { revision: rab })).rejects.toMatchObject({
        code: "CLASS_REQUIRED",
        message: "Choose the class this write-up is for.",
      });
      await expect(submitWriteUp(sab, { revision: rab, classId: c })).rejects.toMatchObject({ code: "CLASS_REQUIRED" });
      await submitWriteUp(sab, { revision: rab, classId: b });
      const submitted = await db.labSubmission.findFirstOrThrow({ where: { userId: sab.id } });
      expect(submitted.classId).toBe(b);
      expect((await getSubmissionForViewer(sab, submitted.id))?.className).toBe("Class B");
      expect((await listMySubmissions(sab)).map((r) => r.className)).toEqual(["Class B"]);
      // None: kept as a draft, with what to do.
      await expect(submitWriteUp(sn, { revision: rn })).rejects.toMatchObject({ code: "NO_CLASS" });
      expect(await getWriteUpState(sn)).toMatchObject({ state: "DRAFT", classes: [], submittedTo: null });
      // A returned write-up resubmitted keeps its class, whatever is sent.
      await db.labSubmission.update({ where: { id: submitted.id }, data: { state: "RETURNED" } });
      const again = await saveWriteUpDraft(sab, {
        revision: submitted.draftRevision,
        draft: completeWriteUp(JSON.parse(submitted.draft).runId),
      });
      await submitWriteUp(sab, { revision: again.revision, classId: a });
      expect((await db.labSubmission.findUniqueOrThrow({ where: { id: submitted.id } })).classId).toBe(b);
    },
  );

  it("a write-up submitted while in no class goes to the first class joined; a repeat join changes nothing", async () => {
    const { sn, a, b, codeA, codeB } = await world();
    const { id } = await db.labSubmission.create({
      data: { userId: sn.id, lessonSlug: "local-qwen-vl", state: "SUBMITTED", draft: JSON.stringify(emptyWriteUp()), currentVersion: 1 },
    });
    await joinClass(sn, codeA);
    expect((await db.labSubmission.findUniqueOrThrow({ where: { id } })).classId).toBe(a);
    await joinClass(sn, codeB);
    await joinClass(sn, codeA);
    expect((await db.labSubmission.findUniqueOrThrow({ where: { id } })).classId).toBe(a);
    expect(b).not.toBe(a);
  });

  it("the upgrade gives each submitted write-up its student's first class; drafts and the classless keep none", async () => {
    const { sab, sn, a } = await world();
    const lone = await person("lone");
    const rows = await Promise.all(
      [
        { userId: sab.id, currentVersion: 1 },
        { userId: lone.id, currentVersion: 1 },
        { userId: sn.id, currentVersion: 0 },
      ].map((r) => db.labSubmission.create({ data: { ...r, lessonSlug: "local-qwen-vl", draft: "{}", state: "SUBMITTED" } })),
    );
    // sab joined A before B: A is first. (Only these rows: on PostgreSQL the database is shared.)
    const folder = env.DATABASE_PROVIDER === "postgresql" ? "prisma/postgres/migrations" : "prisma/migrations";
    const sql = readFileSync(path.join(folder, "20261207203503_submission_class", "migration.sql"), "utf8");
    const upgrade = sql.slice(sql.indexOf("-- Upgrade:"));
    const only = ` AND "id" IN (${rows.map((r) => `'${r.id}'`).join(", ")})`;
    await db.$executeRawUnsafe(
      upgrade
        .replace(/^--.*$/gm, "")
        .trim()
        .replace(/;$/, "") + only,
    );
    const after = await db.labSubmission.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    const classOf = (userId: string) => after.find((r) => r.userId === userId)!.classId;
    expect([classOf(sab.id), classOf(lone.id), classOf(sn.id)]).toEqual([a, null, null]);
  });
});
