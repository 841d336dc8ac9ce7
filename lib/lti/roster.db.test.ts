import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { instructorScope } from "@/lib/classes/data/scope";
import { db } from "@/lib/db";
import { accountForLaunch } from "@/lib/lti/data/provision";
import { listLinkedClasses, syncRoster } from "@/lib/lti/data/roster";
import { person } from "@/test/class-world";
import { newClass } from "@/test/classes";
import { startLaunchWorld, type LaunchWorld } from "@/test/lti-launch";
import { gradedCourse } from "@/test/lti-grades";
import type { Member } from "@/test/lti-platform-double/server";

// "Sync roster" (NRPS 2.0) against the platform double, which serves two members a page with
// `Link: rel="next"`: each active teacher and learner is provisioned as their launch would be, the
// rest only counted, nobody demoted; only an instructor of the class may sync it.

vi.hoisted(() => {
  process.env.LTI_ALLOW_HTTP = "1";
});

let world: LaunchWorld;
beforeAll(async () => {
  world = await startLaunchWorld();
});
afterAll(() => world.close());

const M = "http://purl.imsglobal.org/vocab/lis/v2/membership";

describe("syncing a class's roster", () => {
  it("follows every page and provisions active teachers and learners; the rest are counted", async () => {
    const course = await gradedCourse(world);
    const lu = await course.learner("Lu Learner");
    const teacherSub = `t-${course.contextId}`;
    const roster: Member[] = [
      { user_id: teacherSub, name: "Tess Teacher", roles: [`${M}#Learner`] },
      { user_id: lu.sub, name: "Lu Learner", roles: [`${M}#Learner`], status: "Active" },
      { user_id: "new-ada", name: "Ada New", email: "ada@lms.example", roles: [`${M}#Learner`] },
      { user_id: "new-ta", name: "Tam Assistant", roles: [`${M}/Instructor#TeachingAssistant`] },
      { user_id: "gone", name: "Gone Away", roles: [`${M}#Learner`], status: "Inactive" },
      { user_id: "deleted", roles: [`${M}#Learner`], status: "Deleted" },
      { user_id: "mentor", roles: [`${M}#Mentor`] },
    ];
    world.platform.setMembers(course.contextId, roster);
    const scope = await instructorScope(course.teacher);
    expect(await listLinkedClasses(scope)).toEqual([
      {
        classId: course.classId,
        className: `Course ${course.contextId}`,
        platforms: [expect.any(String)],
        hasRoster: true,
        rosterSyncedAt: null,
      },
    ]);

    const synced = await syncRoster(scope, course.classId, new Date("2026-12-08T10:00:00Z"));
    expect(synced).toEqual({ added: 2, alreadyHere: 2, inactive: 2, skipped: 1 });
    expect(world.platform.recorded.memberships.filter((m) => m.context === course.contextId).map((m) => m.page)).toEqual([1, 2, 3, 4]);

    const members = await db.classMember.findMany({
      where: { classId: course.classId },
      select: { role: true, user: { select: { name: true, role: true, ltiAccounts: { select: { sub: true, email: true } } } } },
    });
    const bySub = new Map(members.map((m) => [m.user.ltiAccounts[0]!.sub, m]));
    expect([...bySub.keys()].sort()).toEqual([teacherSub, lu.sub, "new-ada", "new-ta"].sort());
    // The teacher listed as a learner stays the class's instructor; the TA becomes one, as a launch would make them.
    expect(bySub.get(teacherSub)!.role).toBe("INSTRUCTOR");
    expect(bySub.get("new-ta")).toMatchObject({ role: "INSTRUCTOR", user: { role: "INSTRUCTOR", name: "Tam Assistant" } });
    expect(bySub.get("new-ada")).toMatchObject({
      role: "STUDENT",
      user: { role: "STUDENT", name: "Ada New", ltiAccounts: [{ email: "ada@lms.example" }] },
    });
    expect((await listLinkedClasses(scope))[0]!.rosterSyncedAt).toBe("2026-12-08T10:00:00.000Z");

    // Ada's first launch finds the account the roster made; a second sync adds nobody.
    const launch = await world.launchAs({
      sub: "new-ada",
      roles: ["Learner"],
      context: { id: course.contextId },
      targetLinkUri: "https://lab.example.test/lessons/local-qwen-vl",
    });
    const ada = members.find((m) => m.user.ltiAccounts[0]!.sub === "new-ada")!;
    expect((await accountForLaunch(launch)).name).toBe(ada.user.name);
    expect(await syncRoster(scope, course.classId)).toEqual({ added: 0, alreadyHere: 4, inactive: 2, skipped: 1 });
  });

  it("stops after 50 pages", { timeout: 90_000 }, async () => {
    const course = await gradedCourse(world);
    const many = Array.from({ length: 104 }, (_, i) => ({ user_id: `crowd-${i}`, roles: [`${M}#Mentor`] }));
    world.platform.setMembers(course.contextId, many);
    const synced = await syncRoster(await instructorScope(course.teacher), course.classId);
    expect(synced.skipped).toBe(100);
    expect(world.platform.recorded.memberships.filter((m) => m.context === course.contextId)).toHaveLength(50);
  });

  it("is for an instructor of the class: another class's instructor finds nothing, a student is refused", async () => {
    const course = await gradedCourse(world);
    const otto = await person("otto", "INSTRUCTOR");
    await newClass([otto], "Otto's class");
    await expect(syncRoster(await instructorScope(otto), course.classId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const lu = await course.learner();
    await expect(instructorScope(lu)).rejects.toMatchObject({ status: 403 });
    expect(await listLinkedClasses(await instructorScope(otto))).toEqual([]);
  });

  it("says so when no launch named a roster, and calls no roster on another host", async () => {
    const teacher = await person("ina", "INSTRUCTOR");
    const plain = await newClass([teacher], "Not from a course site");
    await expect(syncRoster(await instructorScope(teacher), plain)).rejects.toMatchObject({ code: "LTI_ROSTER_UNAVAILABLE" });

    const course = await gradedCourse(world);
    await db.ltiContext.updateMany({ where: { classId: course.classId }, data: { membershipsUrl: "http://127.0.0.1:11434/api/tags" } });
    await expect(syncRoster(await instructorScope(course.teacher), course.classId)).rejects.toMatchObject({ code: "LTI_URL_REFUSED" });
  });
});
