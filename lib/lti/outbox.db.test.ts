import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { instructorScope } from "@/lib/classes/data/scope";
import { db } from "@/lib/db";
import { enqueueQuizScores, quizScoreTargets } from "@/lib/lti/data/outbox";
import { classForLaunch } from "@/lib/lti/data/provision";
import { startAttempt, submitAttempt } from "@/lib/quiz/data/attempts";
import { claimSubmission, decideReview } from "@/lib/submissions/data/review";
import { getWriteUpState, submitWriteUp } from "@/lib/submissions/data/store";
import { getRubric } from "@/lib/submissions/server/rubric";
import { scoreRubric } from "@/lib/submissions/scoring";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { person, readyDraft } from "@/test/class-world";
import { newClass } from "@/test/classes";
import { startLaunchWorld, type LaunchWorld } from "@/test/lti-launch";
import { gradedCourse, LESSON, takeQuiz } from "@/test/lti-grades";

// When a grade becomes a score on its way to an LMS gradebook (docs/lti-design.md §4): a quiz
// attempt an account submits, for each quiz link of the lesson in a course the account learns in;
// a write-up review completed, for the write-up links in the class it was submitted to. Nothing is
// sent here: the rows are what the worker will send.

let world: LaunchWorld;
beforeAll(async () => {
  world = await startLaunchWorld();
});
afterAll(() => world.close());

const rowsOf = (userId: string) =>
  db.ltiScoreOutbox.findMany({ where: { userId }, orderBy: [{ timestamp: "asc" }, { createdAt: "asc" }, { id: "asc" }] });

describe("a submitted quiz attempt", () => {
  it("queues the account's best score (BEST, the default) for every quiz link of its courses, once", async () => {
    const course = await gradedCourse(world);
    const lu = await course.learner();
    const first = await takeQuiz(lu.id, 12);
    const [row] = await rowsOf(lu.id);
    expect(row).toMatchObject({
      resourceLinkId: course.linkRowId,
      sub: lu.sub,
      source: "QUIZ_ATTEMPT",
      sourceId: first,
      scoreGiven: 12,
      scoreMaximum: 15,
      comment: null,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      state: "PENDING",
      attempts: 0,
    });
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: first } });
    expect(row!.timestamp).toEqual(attempt.submittedAt);

    // A worse retake still sends the best; the older row, not sent yet, is superseded.
    const second = await takeQuiz(lu.id, 4);
    const rows = await rowsOf(lu.id);
    expect(rows.map((r) => [r.sourceId, r.scoreGiven, r.state])).toEqual([
      [first, 12, "SUPERSEDED"],
      [second, 12, "PENDING"],
    ]);
  });

  it("queues this attempt's own score under LATEST, and a submit repeated adds nothing", async () => {
    const course = await gradedCourse(world);
    await db.ltiResourceLink.update({ where: { id: course.linkRowId }, data: { scorePolicy: "LATEST" } });
    const lu = await course.learner();
    await takeQuiz(lu.id, 13);
    const second = await takeQuiz(lu.id, 5);
    expect((await rowsOf(lu.id)).map((r) => [r.scoreGiven, r.state])).toEqual([
      [13, "SUPERSEDED"],
      [5, "PENDING"],
    ]);
    // The same attempt submitted again (a second tab): the attempt is closed, nothing is queued.
    await submitAttempt(lu.id, { lesson: LESSON, attemptId: second, answers: {} });
    expect(await db.ltiScoreOutbox.count({ where: { userId: lu.id } })).toBe(2);
  });

  it("is one row per link, person and event: the same attempt queued again adds nothing", async () => {
    const course = await gradedCourse(world);
    const lu = await course.learner();
    const attemptId = await takeQuiz(lu.id, 7);
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    const targets = await quizScoreTargets(lu.id, LESSON);
    expect(targets).toEqual([{ linkId: course.linkRowId, sub: lu.sub, scorePolicy: "BEST" }]);
    const scored = {
      id: attemptId,
      userId: lu.id,
      lessonSlug: LESSON,
      score: attempt.score!,
      total: attempt.total!,
      submittedAt: attempt.submittedAt!,
    };
    expect(await db.$transaction((tx) => enqueueQuizScores(tx, targets, scored))).toBe(0);
    expect(await db.ltiScoreOutbox.count({ where: { userId: lu.id } })).toBe(1);
  });

  it("a sent score is not superseded; guest results never count as the best", async () => {
    const course = await gradedCourse(world);
    const lu = await course.learner();
    // A guest's 15/15 merged into the account at sign-in grades nothing.
    await db.quizAttempt.create({
      data: {
        userId: lu.id,
        lessonSlug: LESSON,
        seed: "guest",
        status: "SUBMITTED",
        source: "GUEST",
        score: 15,
        total: 15,
        submittedAt: new Date(),
      },
    });
    await takeQuiz(lu.id, 6);
    await db.ltiScoreOutbox.updateMany({ where: { userId: lu.id }, data: { state: "SENT", sentAt: new Date() } });
    await takeQuiz(lu.id, 9);
    expect((await rowsOf(lu.id)).map((r) => [r.scoreGiven, r.state])).toEqual([
      [6, "SENT"],
      [9, "PENDING"],
    ]);
    // An attempt that is not the account's own (source GUEST) queues nothing even when submitted.
    const open = await startAttempt(lu.id, LESSON);
    await db.quizAttempt.update({ where: { id: open.attemptId }, data: { source: "GUEST" } });
    await submitAttempt(lu.id, { lesson: LESSON, attemptId: open.attemptId, answers: {} });
    expect(await db.ltiScoreOutbox.count({ where: { userId: lu.id } })).toBe(2);
  });

  it("without a graded link the submit is what it was: no row, no transaction", async () => {
    const student = await person("plain");
    await newClass([student], "No LMS here");
    const transaction = vi.spyOn(db, "$transaction");
    try {
      await takeQuiz(student.id, 10);
      expect(transaction).not.toHaveBeenCalled();
    } finally {
      transaction.mockRestore();
    }
    expect(await db.ltiScoreOutbox.count({ where: { userId: student.id } })).toBe(0);
  });

  it("goes only to courses the account learns in: not one it teaches, not a write-up link", async () => {
    const learnt = await gradedCourse(world);
    const taught = await gradedCourse(world);
    const writeUp = await gradedCourse(world, { target: "lab" });
    const lu = await learnt.learner();
    // The same LMS person teaching another course (a TA), and in a course whose link is the write-up.
    const asTeacher = await world.launchAs({
      sub: lu.sub,
      roles: ["Instructor"],
      context: { id: taught.contextId },
      resourceLink: { id: "quiz-link" },
      targetLinkUri: `https://lab.example.test/lessons/${LESSON}/quiz`,
    });
    await classForLaunch(asTeacher, lu.id);
    await db.classMember.create({ data: { classId: writeUp.classId, userId: lu.id, role: "STUDENT" } });
    await takeQuiz(lu.id, 8);
    expect((await rowsOf(lu.id)).map((r) => r.resourceLinkId)).toEqual([learnt.linkRowId]);
  });
});

describe("a completed write-up review", () => {
  it(
    "queues the grade, the rubric's maximum and the feedback to the class's write-up links; a return queues nothing",
    { timeout: 90_000 },
    async () => {
      const course = await gradedCourse(world, { target: "lab" });
      const other = await gradedCourse(world, { target: "lab" });
      const lu = await course.learner();
      // Lu learns in another course too (with its own write-up link): the write-up goes to one class.
      const launch = await world.launchAs({
        sub: lu.sub,
        roles: ["Learner"],
        context: { id: other.contextId },
        resourceLink: { id: "lab-link" },
        targetLinkUri: `https://lab.example.test/lessons/${LESSON}/lab`,
      });
      await classForLaunch(launch, lu.id);

      const revision = await readyDraft(lu);
      const { submissionId } = await submitWriteUp(lu, { revision, classId: course.classId });
      await waitForIdleRuns();
      const scope = await instructorScope(course.teacher);
      const rubric = getRubric();
      const some = { [rubric.criteria[0]!.id]: rubric.criteria[0]!.levels[1]!.id };
      await claimSubmission(scope, submissionId);
      await decideReview(scope, submissionId, "RETURNED", { levels: some, feedback: "Quote the memory figures.", grade: null });
      expect(await db.ltiScoreOutbox.count({ where: { userId: lu.id } })).toBe(0);

      const { revision: again } = await getWriteUpState(lu);
      await submitWriteUp(lu, { revision: again });
      const all = Object.fromEntries(rubric.criteria.map((c) => [c.id, c.levels.at(-1)!.id]));
      await claimSubmission(scope, submissionId);
      await decideReview(scope, submissionId, "COMPLETED", { levels: all, feedback: "  Every claim has its figure. ", grade: null });
      const { points, max } = scoreRubric(rubric, all);
      const rows = await rowsOf(lu.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        resourceLinkId: course.linkRowId,
        source: "REVIEW",
        scoreGiven: points,
        scoreMaximum: max,
        comment: "Every claim has its figure.",
        state: "PENDING",
      });
    },
  );
});
