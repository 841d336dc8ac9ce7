import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import type { SessionUser } from "@/lib/auth/server/session";
import { getLesson } from "@/lib/content/server/lessons";
import { db } from "@/lib/db";
import { newClass, scopeOf } from "@/test/classes";
import { getLabProgress, labActivity } from "@/lib/lab/data/progress";
import { listPathProgress, noProgress } from "@/lib/progress/data/class-paths";
import { getProgress } from "@/lib/progress/data/store";
import { pathProgress } from "@/lib/progress/path-progress";

// The instructor's count of a student's steps is the student's own: same steps, same names.

const LESSON = "local-qwen-vl";
const teacher = () =>
  createUser({ name: "Path Teacher", email: `path-t-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" }).then(
    (u): SessionUser => ({ ...u, role: "INSTRUCTOR" }),
  );

const student = () =>
  createUser({ name: "Path Student", email: `path-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" });

async function finishedRun(userId: string) {
  const image = await db.labImage.create({
    data: {
      ownerId: userId,
      sha256: randomBytes(32).toString("hex"),
      format: "png",
      width: 10,
      height: 10,
      bytes: 10,
      originalFormat: "png",
      originalWidth: 10,
      originalHeight: 10,
      originalBytes: 10,
    },
  });
  await db.labRun.create({ data: { userId, imageId: image.id, lessonSlug: LESSON, prompts: "{}", status: "DONE" } });
}

describe("listPathProgress", () => {
  it("counts a student's steps as the student's lesson map does, old anchors left out", async () => {
    const ada = await student();
    const bo = await student();
    const instructor = await teacher();
    await newClass([instructor, ada, bo]);
    const now = new Date();
    await db.stepProgress.createMany({
      data: ["why-qwen-vl-matters-locally", "what-qwen-vl-is", "no-longer-a-step"].map((step) => ({
        userId: ada.id,
        lessonSlug: LESSON,
        step,
        doneAt: now,
      })),
    });
    await db.quizAttempt.create({
      data: { userId: ada.id, lessonSlug: LESSON, seed: "s", status: "SUBMITTED", score: 7, total: 15, submittedAt: now },
    });
    // A spaced review is not the quiz step.
    await db.quizAttempt.create({
      data: { userId: bo.id, lessonSlug: LESSON, seed: "s", kind: "REVIEW", status: "SUBMITTED", score: 2, total: 3, submittedAt: now },
    });
    await finishedRun(ada.id);
    await db.labSubmission.create({ data: { userId: ada.id, lessonSlug: LESSON, state: "RETURNED", draft: "{}", currentVersion: 1 } });

    const byId = await listPathProgress(await scopeOf(instructor), LESSON, { userIds: [ada.id, bo.id] });
    const lab = await getLabProgress(ada.id, LESSON);
    const own = pathProgress(await getProgress(ada.id), LESSON, getLesson(LESSON)!.path, labActivity(lab));
    const theirs = byId.get(ada.id)!;
    expect([theirs.done, theirs.total, theirs.next?.title]).toEqual([own.done, own.total, own.next?.title]);
    // two sections, the quiz and the run; the write-up is back with the student
    expect(theirs.done).toBe(4);
    expect(theirs.total).toBe(getLesson(LESSON)!.path.length);
    expect(theirs.next?.title).toBe("How a vision-language model sees");
    expect(byId.get(bo.id)!.done).toBe(0);
    expect(noProgress(LESSON).next?.title).toBe("Why Qwen-VL matters locally");
  });

  it("reads only the students of the classes asked for", async () => {
    const [ada, bo, instructor] = await Promise.all([student(), student(), teacher()]);
    const mine = await newClass([instructor, ada]);
    await newClass([bo]);
    const now = new Date();
    await db.stepProgress.createMany({
      data: [ada, bo].map((u) => ({ userId: u.id, lessonSlug: LESSON, step: "what-qwen-vl-is", doneAt: now })),
    });
    const scope = await scopeOf(instructor);
    const everyone = await listPathProgress(scope, LESSON);
    expect(everyone.get(ada.id)?.done).toBe(1);
    expect(everyone.has(bo.id)).toBe(false);
    expect((await listPathProgress(scope, LESSON, { userIds: [bo.id] })).get(bo.id)?.done ?? 0).toBe(0);
    expect((await listPathProgress(scope, LESSON, { classIds: [mine] })).has(ada.id)).toBe(true);
    await expect(scopeOf({ ...instructor, role: "STUDENT" })).rejects.toThrow(/instructors only/);
  });
});
