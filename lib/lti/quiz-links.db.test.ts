import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instructorScope } from "@/lib/classes/data/scope";
import { db } from "@/lib/db";
import { listQuizLinks, setScorePolicy } from "@/lib/lti/data/quiz-links";
import { startLaunchWorld, type LaunchWorld } from "@/test/lti-launch";
import { gradedCourse } from "@/test/lti-grades";

// Which quiz attempt a course's gradebook gets is the course's teachers' to set, per quiz link; for
// anyone else the link does not exist.

let world: LaunchWorld;
beforeAll(async () => {
  world = await startLaunchWorld();
});
afterAll(() => world.close());

describe("a quiz link's score policy", () => {
  it("is listed for the course's teachers only, best by default, and set by them only", async () => {
    const course = await gradedCourse(world, { target: "quiz", linkTitle: "Check what stuck" });
    const other = await gradedCourse(world, { target: "quiz" });
    const lab = await gradedCourse(world, { target: "lab" });
    const mine = await instructorScope(course.teacher);
    expect(await listQuizLinks(mine)).toEqual([
      expect.objectContaining({ id: course.linkRowId, title: "Check what stuck", scorePolicy: "BEST", graded: true }),
    ]);
    await setScorePolicy(mine, course.linkRowId, "LATEST");
    expect((await db.ltiResourceLink.findUniqueOrThrow({ where: { id: course.linkRowId } })).scorePolicy).toBe("LATEST");
    // Another course's teacher, or a write-up link: not found.
    await expect(setScorePolicy(await instructorScope(other.teacher), course.linkRowId, "BEST")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(setScorePolicy(await instructorScope(lab.teacher), lab.linkRowId, "LATEST")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.ltiResourceLink.findUniqueOrThrow({ where: { id: course.linkRowId } })).scorePolicy).toBe("LATEST");
    expect(await listQuizLinks(await instructorScope(lab.teacher))).toEqual([]);
  }, 90_000);
});
