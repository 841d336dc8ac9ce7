import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { getOrStartAttempt, getQuizProgress, saveAnswer, startAttempt, submitAttempt, QuizAccessError } from "@/lib/quiz/attempts";
import { getQuizWithKey } from "@/lib/quiz/content";
import { signQuizResult } from "@/lib/quiz/guest-results";
import { publicOptionId, StaleQuizError } from "@/lib/quiz/public";
import { getProgress, mergeIntoAccount } from "@/lib/progress/store";
import { emptyProgress } from "@/lib/progress/model";

// Data layer: runs on SQLite by default and on PostgreSQL in CI (TEST_DATABASE_URL).

const lesson = "local-qwen-vl";
const quiz = getQuizWithKey(lesson)!;
const student = () =>
  createUser({ name: "Quiz Taker", email: `quiz-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" });
const rightAnswers = (count = 15) =>
  Object.fromEntries(
    quiz.questions.slice(0, count).map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => publicOptionId(lesson, q.id, o.id))]),
  );

describe("quiz attempts", () => {
  it("saves answers as they change and resumes them", async () => {
    const user = await student();
    const attempt = await getOrStartAttempt(user.id, lesson);
    const [q] = quiz.questions;
    const ids = rightAnswers(1)[q!.id]!;
    await saveAnswer(user.id, { lesson, attemptId: attempt.attemptId, questionId: q!.id, optionIds: ids });
    await saveAnswer(user.id, { lesson, attemptId: attempt.attemptId, questionId: q!.id, optionIds: ids }); // idempotent
    const resumed = await getOrStartAttempt(user.id, lesson);
    expect(resumed).toEqual({ attemptId: attempt.attemptId, seed: attempt.seed, answers: { [q!.id]: ids } });
    expect(await db.quizAnswer.count({ where: { attemptId: attempt.attemptId } })).toBe(1);
  });

  it("grades once: a double submit records one attempt with one score", async () => {
    const user = await student();
    const { attemptId } = await getOrStartAttempt(user.id, lesson);
    const answers = rightAnswers(10);
    const [a, b] = await Promise.all([
      submitAttempt(user.id, { lesson, attemptId, answers }),
      submitAttempt(user.id, { lesson, attemptId, answers }),
    ]);
    expect(a.grade.score).toBe(10);
    expect(b.grade.score).toBe(10);
    expect(await db.quizAttempt.count({ where: { userId: user.id, status: "SUBMITTED" } })).toBe(1);
    // A later submit with other answers changes nothing.
    const again = await submitAttempt(user.id, { lesson, attemptId, answers: rightAnswers(15) });
    expect(again.grade.score).toBe(10);
  });

  it("refuses unknown questions and options, and other people's attempts", async () => {
    const [owner, intruder] = await Promise.all([student(), student()]);
    const { attemptId } = await getOrStartAttempt(owner.id, lesson);
    const q = quiz.questions[0]!;
    await expect(saveAnswer(owner.id, { lesson, attemptId, questionId: "no-such-question", optionIds: [] })).rejects.toBeInstanceOf(
      StaleQuizError,
    );
    await expect(saveAnswer(owner.id, { lesson, attemptId, questionId: q.id, optionIds: ["a"] })).rejects.toBeInstanceOf(StaleQuizError);
    await expect(submitAttempt(owner.id, { lesson, attemptId, answers: { "no-such-question": [] } })).rejects.toBeInstanceOf(
      StaleQuizError,
    );
    await expect(saveAnswer(intruder.id, { lesson, attemptId, questionId: q.id, optionIds: [] })).rejects.toThrow(QuizAccessError);
    await expect(submitAttempt(intruder.id, { lesson, attemptId, answers: {} })).rejects.toThrow(/belongs to another account/);
  });

  it("keeps best and latest across retakes", async () => {
    const user = await student();
    const first = await getOrStartAttempt(user.id, lesson);
    await submitAttempt(user.id, { lesson, attemptId: first.attemptId, answers: rightAnswers(12) });
    const retake = await startAttempt(user.id, lesson);
    expect(retake.attemptId).not.toBe(first.attemptId);
    await submitAttempt(user.id, { lesson, attemptId: retake.attemptId, answers: rightAnswers(7) });
    const progress = await getQuizProgress(user.id);
    expect(progress[lesson]!.best!.score).toBe(12);
    expect(progress[lesson]!.latest!.score).toBe(7);
    expect(progress[lesson]!.latest!.concepts).toBeDefined();
  });

  it("imports a guest's signed results once, and ignores forged ones", async () => {
    const user = await student();
    const genuine = signQuizResult(lesson, { score: 14, total: 15, at: "2026-11-20T10:00:00.000Z" });
    const forged = { ...signQuizResult(lesson, { score: 3, total: 15, at: "2026-11-21T10:00:00.000Z" }), score: 15 };
    const local = { ...emptyProgress(), quizzes: { [lesson]: { best: genuine, latest: forged } } };
    await mergeIntoAccount(user.id, local);
    await mergeIntoAccount(user.id, local);
    const progress = await getProgress(user.id);
    expect(progress.quizzes[lesson]!.best).toMatchObject({ score: 14, total: 15 });
    expect(await db.quizAttempt.count({ where: { userId: user.id } })).toBe(1);
  });
});
