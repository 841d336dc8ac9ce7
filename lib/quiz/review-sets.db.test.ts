import { rmSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

// The app's clock reads an offset from TEST_CLOCK_FILE: set before lib/env is first imported.
const clock = vi.hoisted(() => {
  const file = `${process.env.DATA_DIR ?? "/tmp"}/clock-${Math.random().toString(16).slice(2)}`;
  process.env.TEST_CLOCK_FILE = file;
  return { file };
});

import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { lessonMastery } from "@/lib/progress/data/evidence";
import { attemptQuiz } from "@/lib/quiz/attempt-quiz";
import { getProgress } from "@/lib/progress/data/store";
import { getOrStartAttempt, startAttempt, submitAttempt } from "@/lib/quiz/data/attempts";
import { requireQuiz } from "@/lib/quiz/server/attempt-access";
import { publicOptionId } from "@/lib/quiz/server/public";
import { getReviewState, listDueReviews, REVIEW_DELAY_MS, startReview } from "@/lib/quiz/data/review-sets";
import { userViewer } from "@/lib/quiz/server/viewer";

const lesson = "local-qwen-vl";
const HOUR = 3_600_000;
// The clock reads the file at every call: no wait after moving it.
const setClock = (offsetMs: number) => writeFileSync(clock.file, String(offsetMs));
const student = () =>
  createUser({ name: "Reviewer", email: `rev-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" });

/** Answers an attempt: right for the slots in `right`, wrong for the others. */
async function answer(userId: string, attemptId: string, right: (slot: string) => boolean) {
  const row = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const quiz = attemptQuiz(requireQuiz(lesson), row);
  const viewer = userViewer(userId);
  return Object.fromEntries(
    quiz.questions.map((q) => [
      q.id,
      q.options
        .filter((o) => (right(q.id) ? o.correct : !o.correct))
        .slice(0, q.kind === "single" ? 1 : undefined)
        .map((o) => publicOptionId(viewer, lesson, q.id, o.id)),
    ]),
  );
}

describe("spaced review", () => {
  it("a day after a quiz, asks again what was missed in new variants, and right answers a day apart make a concept mastered", async () => {
    setClock(0);
    const user = await student();
    const template = requireQuiz(lesson);
    const missedSlots = new Set(template.questions.slice(0, 3).map((q) => q.id));
    expect(await getReviewState(user.id, lesson)).toEqual({ status: "none", reason: "no-quiz" });

    const first = await getOrStartAttempt(user.id, lesson);
    const quizResult = await submitAttempt(user.id, {
      lesson,
      attemptId: first.attemptId,
      answers: await answer(user.id, first.attemptId, (s) => !missedSlots.has(s)),
    });
    const missedConcepts = [...new Set(template.questions.slice(0, 3).map((q) => q.concept))];

    const waiting = await getReviewState(user.id, lesson);
    expect(waiting).toMatchObject({ status: "waiting" });
    if (waiting.status !== "waiting") throw new Error("not waiting");
    expect(waiting.concepts.sort()).toEqual(missedConcepts.sort());
    await expect(startReview(user.id, lesson)).rejects.toThrow(/not open yet/);
    expect(await listDueReviews(user.id)).toEqual([]);

    // A day later (by the app's clock) it is due, on the catalogue too.
    setClock(REVIEW_DELAY_MS + HOUR);
    expect(await getReviewState(user.id, lesson)).toMatchObject({ status: "due" });
    expect((await listDueReviews(user.id)).map((r) => r.lesson)).toEqual([lesson]);
    const review = await startReview(user.id, lesson);
    const reviewSlots = review.quiz.questions.map((q) => q.id);
    expect(new Set(template.questions.filter((q) => reviewSlots.includes(q.id)).map((q) => q.concept))).toEqual(new Set(missedConcepts));
    // New variants: not the stems of the first attempt.
    for (const q of review.quiz.questions) expect(q.prompt).not.toBe(first.quiz.questions.find((f) => f.id === q.id)!.prompt);
    // Opening it again resumes the same review.
    expect((await startReview(user.id, lesson)).attemptId).toBe(review.attemptId);

    const reviewed = await submitAttempt(user.id, {
      lesson,
      attemptId: review.attemptId,
      answers: await answer(user.id, review.attemptId, () => true),
    });
    expect(reviewed.kind).toBe("REVIEW");
    expect(await getReviewState(user.id, lesson)).toEqual({ status: "none", reason: "nothing-missed" });
    // A review is not a quiz attempt: best and latest are still the quiz's.
    expect((await getProgress(user.id)).quizzes[lesson]!.latest).toMatchObject({ score: quizResult.grade.score, total: 15 });

    const mastery = await lessonMastery(user.id, lesson);
    for (const concept of missedConcepts) expect(mastery[concept]!.level, concept).toBe("familiar");
    // Concepts right in the quiz and right again in a retake a day later are mastered.
    const retake = await startAttempt(user.id, lesson);
    await submitAttempt(user.id, { lesson, attemptId: retake.attemptId, answers: await answer(user.id, retake.attemptId, () => true) });
    const later = await lessonMastery(user.id, lesson);
    const steady = template.questions
      .slice(3)
      .map((q) => q.concept)
      .find((c) => !missedConcepts.includes(c))!;
    expect(later[steady]!.level).toBe("mastered");
    setClock(0);
  });

  it("a user's own clock file moves that user's time only", async () => {
    setClock(0);
    const template = requireQuiz(lesson);
    const missed = template.questions[0]!.id;
    const [moved, other] = [await student(), await student()];
    for (const user of [moved, other]) {
      const attempt = await getOrStartAttempt(user.id, lesson);
      await submitAttempt(user.id, {
        lesson,
        attemptId: attempt.attemptId,
        answers: await answer(user.id, attempt.attemptId, (s) => s !== missed),
      });
    }
    const own = `${clock.file}.${moved.id}`;
    writeFileSync(own, String(REVIEW_DELAY_MS + HOUR));
    try {
      expect(await getReviewState(moved.id, lesson)).toMatchObject({ status: "due" });
      expect(await getReviewState(other.id, lesson)).toMatchObject({ status: "waiting" });
    } finally {
      rmSync(own, { force: true });
    }
    expect(await getReviewState(moved.id, lesson)).toMatchObject({ status: "waiting" });
  });
});
