import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { attemptQuiz } from "@/lib/quiz/attempt-quiz";
import { getOrStartAttempt, getSubmittedAttempt, saveAnswer, startAttempt, submitAttempt } from "@/lib/quiz/data/attempts";
import { QuizAccessError, requireQuiz } from "@/lib/quiz/server/attempt-access";
import { formatFirstAndBest, getFirstAndBestScores } from "@/lib/quiz/data/class-scores";
import { getQuizWithKey } from "@/lib/quiz/server/content";
import { signQuizResult } from "@/lib/quiz/server/guest-results";
import { publicOptionId, StaleQuizError } from "@/lib/quiz/server/public";
import { buildResultView } from "@/lib/quiz/server/results";
import { userViewer } from "@/lib/quiz/server/viewer";
import { getProgress, mergeIntoAccount } from "@/lib/progress/data/store";
import { emptyProgress } from "@/lib/progress/model";

// Data layer: runs on SQLite by default and on PostgreSQL in CI (TEST_DATABASE_URL).

const lesson = "local-qwen-vl";
const quiz = getQuizWithKey(lesson)!;
const student = () =>
  createUser({ name: "Quiz Taker", email: `quiz-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" });
/** The right answers of the first `count` questions the attempt shows (its own variants), in the option ids `userId` sees. */
const rightAnswers = async (userId: string, attemptId: string, count = 15) => {
  const row = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const shown = attemptQuiz(requireQuiz(lesson), row);
  return Object.fromEntries(
    shown.questions
      .slice(0, count)
      .map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => publicOptionId(userViewer(userId), lesson, q.id, o.id))]),
  );
};

describe("quiz attempts", () => {
  it("saves answers as they change and resumes them", async () => {
    const user = await student();
    const attempt = await getOrStartAttempt(user.id, lesson);
    const [q] = quiz.questions;
    const ids = (await rightAnswers(user.id, attempt.attemptId, 1))[q!.id]!;
    await saveAnswer(user.id, { lesson, attemptId: attempt.attemptId, questionId: q!.id, optionIds: ids });
    await saveAnswer(user.id, { lesson, attemptId: attempt.attemptId, questionId: q!.id, optionIds: ids }); // idempotent
    const resumed = await getOrStartAttempt(user.id, lesson);
    expect(resumed).toMatchObject({ attemptId: attempt.attemptId, answers: { [q!.id]: ids } });
    expect(resumed.quiz).toEqual(attempt.quiz);
    // The attempt's seed stays on the server.
    const { seed } = await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt.attemptId }, select: { seed: true } });
    expect(JSON.stringify(resumed)).not.toContain(seed);
    expect(resumed.quiz.questions).toHaveLength(15);
    expect(JSON.stringify(resumed.quiz)).not.toMatch(/"correct"|"explanation"/);
    expect(await db.quizAnswer.count({ where: { attemptId: attempt.attemptId } })).toBe(1);
  });

  it("grades once: a double submit records one attempt with one score", async () => {
    const user = await student();
    const { attemptId } = await getOrStartAttempt(user.id, lesson);
    const answers = await rightAnswers(user.id, attemptId, 10);
    const [a, b] = await Promise.all([
      submitAttempt(user.id, { lesson, attemptId, answers }),
      submitAttempt(user.id, { lesson, attemptId, answers }),
    ]);
    expect(a.grade.score).toBe(10);
    expect(b.grade.score).toBe(10);
    expect(await db.quizAttempt.count({ where: { userId: user.id, status: "SUBMITTED" } })).toBe(1);
    // A later submit with other answers changes nothing.
    const again = await submitAttempt(user.id, { lesson, attemptId, answers: await rightAnswers(user.id, attemptId, 15) });
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

  it("draws a retake's numbers unlike the attempt before it in every generated question", async () => {
    const user = await student();
    let previous = await getOrStartAttempt(user.id, lesson);
    const generated = (state: { quiz: { questions: { id: string; prompt: string }[] } }) =>
      state.quiz.questions
        .filter(
          (q) =>
            getQuizWithKey(lesson) &&
            ["gpu-share-from-api-ps", "metrics-cold-run-readout", "bigger-screenshot-prefill", "image-tokens-resized-screenshot"].includes(
              q.id,
            ),
        )
        .map((q) => q.prompt);
    // Twelve retakes: without the check, some slot repeats its numbers about one retake in ten.
    for (let i = 0; i < 12; i++) {
      await submitAttempt(user.id, { lesson, attemptId: previous.attemptId, answers: {} });
      const retake = await startAttempt(user.id, lesson);
      const before = generated(previous);
      expect(before).toHaveLength(4);
      generated(retake).forEach((prompt, n) => expect(prompt, `retake ${i + 1}, generated question ${n + 1}`).not.toBe(before[n]));
      previous = retake;
    }
  });

  it("asks no stem twice in three attempts: every slot's least-seen version, stored with the attempt", async () => {
    const user = await student();
    const stems: string[][] = [];
    let attempt = await getOrStartAttempt(user.id, lesson);
    for (let i = 0; i < 3; i++) {
      stems.push(attempt.quiz.questions.map((q) => q.prompt));
      await submitAttempt(user.id, { lesson, attemptId: attempt.attemptId, answers: {} });
      if (i < 2) attempt = await startAttempt(user.id, lesson);
    }
    const [first, second, third] = stems;
    expect(second!.filter((p) => first!.includes(p))).toEqual([]);
    expect(third!.filter((p) => first!.includes(p) || second!.includes(p))).toEqual([]);
    // Each attempt names its versions, so it reads back as it was asked.
    const rows = await db.quizAttempt.findMany({ where: { userId: user.id }, orderBy: { startedAt: "asc" } });
    expect(rows.map((r) => r.format)).toEqual([3, 3, 3]);
    expect(rows.map((r) => attemptQuiz(requireQuiz(lesson), r).questions.map((q) => q.prompt))).toEqual(stems);
  });

  it("keeps best and latest across retakes", async () => {
    const user = await student();
    const first = await getOrStartAttempt(user.id, lesson);
    await submitAttempt(user.id, { lesson, attemptId: first.attemptId, answers: await rightAnswers(user.id, first.attemptId, 12) });
    const retake = await startAttempt(user.id, lesson);
    expect(retake.attemptId).not.toBe(first.attemptId);
    await submitAttempt(user.id, { lesson, attemptId: retake.attemptId, answers: await rightAnswers(user.id, retake.attemptId, 7) });
    const progress = (await getProgress(user.id)).quizzes;
    expect(progress[lesson]!.best!.score).toBe(12);
    expect(progress[lesson]!.latest!.score).toBe(7);
    expect(progress[lesson]!.latest!.concepts).toBeDefined();
  });

  it("refuses another student's option ids: what one student saw does not grade for another", async () => {
    const [alice, bob] = await Promise.all([student(), student()]);
    const { attemptId } = await getOrStartAttempt(bob.id, lesson);
    const [q] = quiz.questions;
    const aliceIds = await rightAnswers(alice.id, attemptId);
    await expect(saveAnswer(bob.id, { lesson, attemptId, questionId: q!.id, optionIds: aliceIds[q!.id]! })).rejects.toBeInstanceOf(
      StaleQuizError,
    );
    await expect(submitAttempt(bob.id, { lesson, attemptId, answers: aliceIds })).rejects.toBeInstanceOf(StaleQuizError);
    // Nothing was recorded, and Bob's own ids still work.
    expect(await db.quizAnswer.count({ where: { attemptId } })).toBe(0);
    const own = await submitAttempt(bob.id, { lesson, attemptId, answers: await rightAnswers(bob.id, attemptId, 3) });
    expect(own.grade.score).toBe(3);
  });

  it("resumes answers in the student's own option ids", async () => {
    const user = await student();
    const { attemptId } = await getOrStartAttempt(user.id, lesson);
    const answers = await rightAnswers(user.id, attemptId, 2);
    for (const [questionId, optionIds] of Object.entries(answers)) await saveAnswer(user.id, { lesson, attemptId, questionId, optionIds });
    expect((await getOrStartAttempt(user.id, lesson)).answers).toEqual(answers);
  });

  it("numbers attempts for the review policy, and withholds the key until the Nth", async () => {
    const user = await student();
    const policy = { kind: "after-attempts", attempts: 2 } as const;
    const first = await getOrStartAttempt(user.id, lesson);
    const one = await submitAttempt(user.id, {
      lesson,
      attemptId: first.attemptId,
      answers: await rightAnswers(user.id, first.attemptId, 15),
    });
    expect(one).toMatchObject({ number: 1, submitted: 1 });
    const withheld = buildResultView(one.quiz, one.grade, { ...one, viewer: userViewer(user.id) }, policy);
    expect(withheld.questions.some((q) => q.isRevealed)).toBe(false);
    expect(withheld.questions.every((q) => q.isCorrect)).toBe(true);

    const retake = await startAttempt(user.id, lesson);
    const two = await submitAttempt(user.id, { lesson, attemptId: retake.attemptId, answers: {} });
    expect(two).toMatchObject({ number: 2, submitted: 2 });
    expect(buildResultView(two.quiz, two.grade, { ...two, viewer: userViewer(user.id) }, policy).questions.every((q) => q.isRevealed)).toBe(
      true,
    );
    // The first attempt opened again now shows its key too, and still says it was the first.
    const again = (await getSubmittedAttempt(user.id, lesson, first.attemptId))!;
    expect(again).toMatchObject({ number: 1, submitted: 2 });
    const reopened = buildResultView(again.quiz, again.grade, { ...again, viewer: userViewer(user.id) }, policy);
    expect(reopened.review).toMatchObject({ attempt: 1, submitted: 2 });
    expect(reopened.questions.every((q) => q.isRevealed)).toBe(true);
  });

  it("gives instructors first and best scores for many students in one query", async () => {
    const [steady, imported, idle] = await Promise.all([student(), student(), student()]);
    for (const count of [9, 14, 7]) {
      const { attemptId } = await startAttempt(steady.id, lesson);
      await submitAttempt(steady.id, { lesson, attemptId, answers: await rightAnswers(steady.id, attemptId, count) });
    }
    // A guest's 15/15 joined at sign-in: it counts toward best, not as a first attempt.
    await mergeIntoAccount(imported.id, {
      ...emptyProgress(),
      quizzes: { [lesson]: { best: signQuizResult(lesson, { score: 15, total: 15, at: "2026-11-01T10:00:00.000Z" }) } },
    });
    const open = await startAttempt(imported.id, lesson); // still open: not counted
    await saveAnswer(imported.id, {
      lesson,
      attemptId: open.attemptId,
      questionId: quiz.questions[0]!.id,
      optionIds: (await rightAnswers(imported.id, open.attemptId, 1))[quiz.questions[0]!.id]!,
    });

    const findMany = vi.spyOn(db.quizAttempt, "findMany");
    const scores = await getFirstAndBestScores([steady.id, imported.id, idle.id]);
    expect(findMany).toHaveBeenCalledTimes(1);
    findMany.mockRestore();
    expect(scores.get(steady.id)?.[lesson]).toEqual({ first: { score: 9, total: 15 }, best: { score: 14, total: 15 } });
    expect(formatFirstAndBest(scores.get(steady.id)?.[lesson])).toBe("9/15 · 14/15");
    expect(formatFirstAndBest(scores.get(imported.id)?.[lesson])).toBe("— · 15/15");
    expect(scores.has(idle.id)).toBe(false);
    expect(formatFirstAndBest(scores.get(idle.id)?.[lesson])).toBe("—");
    expect((await getFirstAndBestScores([])).size).toBe(0);
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
