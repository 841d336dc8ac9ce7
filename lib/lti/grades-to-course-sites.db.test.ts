import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/server/session";
import { instructorScope } from "@/lib/classes/data/scope";
import { db } from "@/lib/db";
import { countFailedScores, listScoreOutbox } from "@/lib/lti/data/outbox-view";
import { person } from "@/test/class-world";
import { newClass } from "@/test/classes";
import { startLaunchWorld, type LaunchWorld } from "@/test/lti-launch";
import { gradedCourse, takeQuiz } from "@/test/lti-grades";
import { retryScoreAction, syncRosterAction } from "@/app/instructor/lms/actions";

// "Grades to course sites" and "Sync roster" on /instructor/lms: what an instructor sees of the
// outbox is their classes' rows and nobody else's, and the actions, called as a browser would with
// the session this test says, refuse a student and an instructor of another class.

vi.hoisted(() => {
  process.env.LTI_ALLOW_HTTP = "1";
});
const session = vi.hoisted(() => ({ user: null as unknown }));
vi.mock("@/lib/auth/server/session", () => ({ getCurrentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const as = (user: SessionUser | null) => (session.user = user);

let world: LaunchWorld;
beforeAll(async () => {
  world = await startLaunchWorld();
});
afterAll(() => world.close());

describe("grades to course sites", () => {
  it("lists the rows not yet sent of the classes taught, with what the instructor needs to act", async () => {
    const course = await gradedCourse(world, { linkTitle: "Quiz: local Qwen-VL" });
    const lu = await course.learner("Lu Learner");
    await takeQuiz(lu.id, 11);
    const ben = await course.learner("Ben Learner");
    await takeQuiz(ben.id, 7);
    await db.ltiScoreOutbox.updateMany({
      where: { userId: ben.id },
      data: { state: "FAILED", attempts: 1, lastStatus: 422, lastError: `Score rejected: ${"x".repeat(300)}` },
    });
    const scope = await instructorScope(course.teacher);
    const view = await listScoreOutbox(scope);
    expect(view.counts).toEqual({ PENDING: 1, SENT: 0, SUPERSEDED: 0, FAILED: 1 });
    expect(view.waiting).toEqual([
      {
        id: expect.any(String),
        state: "FAILED",
        student: "Ben Learner",
        item: "Quiz: local Qwen-VL",
        className: `Course ${course.contextId}`,
        scoreGiven: 7,
        scoreMaximum: 15,
        attempts: 1,
        nextAttemptAt: null,
        lastStatus: 422,
        lastError: `Score rejected: ${"x".repeat(184)}`,
      },
      expect.objectContaining({ state: "PENDING", student: "Lu Learner", scoreGiven: 11, nextAttemptAt: expect.any(String) }),
    ]);
    expect(await countFailedScores(scope)).toBe(1);

    // Another class's instructor sees none of it.
    const otto = await person("otto", "INSTRUCTOR");
    await newClass([otto], "Otto's class");
    const theirs = await listScoreOutbox(await instructorScope(otto));
    expect(theirs).toEqual({ counts: { PENDING: 0, SENT: 0, SUPERSEDED: 0, FAILED: 0 }, waiting: [], more: 0 });
  });
});

describe("the Course sites actions", () => {
  it("Retry now: a failed row of a class taught is due again with its attempts reset; others refused", async () => {
    const course = await gradedCourse(world);
    const lu = await course.learner();
    await takeQuiz(lu.id, 9);
    const row = await db.ltiScoreOutbox.findFirstOrThrow({ where: { userId: lu.id } });
    await db.ltiScoreOutbox.update({ where: { id: row.id }, data: { state: "FAILED", attempts: 3, lastStatus: 404 } });
    const otto = await person("otto", "INSTRUCTOR");
    await newClass([otto], "Otto's class");

    as(lu);
    expect(await retryScoreAction(row.id)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    as(otto);
    expect(await retryScoreAction(row.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    as(null);
    expect(await retryScoreAction(row.id)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await db.ltiScoreOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ state: "FAILED", attempts: 3 });

    as(course.teacher);
    const before = Date.now();
    expect(await retryScoreAction(row.id)).toEqual({ ok: true, value: { state: "PENDING" } });
    const retried = await db.ltiScoreOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(retried).toMatchObject({ state: "PENDING", attempts: 0, leaseUntil: null });
    expect(retried.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // Already waiting: nothing changes.
    expect(await retryScoreAction(row.id)).toEqual({ ok: true, value: { state: "PENDING" } });
  });

  it("Sync roster: for the class's instructor only", async () => {
    const course = await gradedCourse(world);
    const lu = await course.learner();
    world.platform.setMembers(course.contextId, [{ user_id: "roster-new", name: "Ria New", roles: ["Learner"] }]);
    const otto = await person("otto", "INSTRUCTOR");
    await newClass([otto], "Otto's class");

    as(lu);
    expect(await syncRosterAction(course.classId)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    as(otto);
    expect(await syncRosterAction(course.classId)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await db.ltiAccount.count({ where: { sub: "roster-new" } })).toBe(0);

    as(course.teacher);
    expect(await syncRosterAction(course.classId)).toEqual({ ok: true, value: { added: 1, alreadyHere: 0, inactive: 0, skipped: 0 } });
  });
});
