import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { attemptQuiz } from "@/lib/quiz/attempt-quiz";
import { getOrStartAttempt, startAttempt, submitAttempt } from "@/lib/quiz/data/attempts";
import { quizPageFor } from "@/lib/quiz/data/quiz-page";
import { requireQuiz } from "@/lib/quiz/server/attempt-access";
import { getQuizWithKey } from "@/lib/quiz/server/content";
import { publicOptionId } from "@/lib/quiz/server/public";
import { userViewer } from "@/lib/quiz/server/viewer";

// The reader's own parts of the shared quiz page (GET /api/me/quiz): what it shows, and what it never does.

const lesson = "local-qwen-vl";
const student = () =>
  createUser({ name: "Quiz Page", email: `quiz-page-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" });

/** Submits the open attempt with the first `right` questions answered right. */
async function takeQuiz(userId: string, right: number): Promise<string> {
  const { attemptId } = await startAttempt(userId, lesson);
  const row = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const shown = attemptQuiz(requireQuiz(lesson), row);
  const answers = Object.fromEntries(
    shown.questions
      .slice(0, right)
      .map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => publicOptionId(userViewer(userId), lesson, q.id, o.id))]),
  );
  await submitAttempt(userId, { lesson, attemptId, answers });
  return attemptId;
}

describe("the quiz page's own parts", () => {
  it("lists the attempts by score and date, leads with the last one, and opens a result only for its owner", async () => {
    const ada = await student();
    const bo = await student();
    expect(await quizPageFor(ada.id, lesson, null)).toEqual({ v: 1, user: { id: ada.id }, history: [], result: null, last: null });

    const first = await takeQuiz(ada.id, 9);
    const second = await takeQuiz(ada.id, 12);
    const page = await quizPageFor(ada.id, lesson, null);
    expect(page.history.map((a) => [a.id, a.score, a.total, a.isGuest])).toEqual([
      [first, 9, 15, false],
      [second, 12, 15, false],
    ]);
    expect(page.history[0]!.when).toMatch(/\d/);
    expect(page.last).toEqual({ id: second, number: 2, summary: expect.stringMatching(/^12\/15 \(80%\) · best 12\/15/) });
    expect(page.result).toBeNull();

    const result = await quizPageFor(ada.id, lesson, first);
    expect(result.result).toMatchObject({ score: 9, total: 15, standing: { number: 1 } });
    // asking for a result leads with it, not with the last attempt
    expect(result.last).toBeNull();
    // another student's attempt id opens nothing, and says nothing of it
    const other = await quizPageFor(bo.id, lesson, first);
    expect(other).toMatchObject({ history: [], result: null, last: null });
  });

  it("only reads: it opens no attempt, and carries no key or seed in its list", async () => {
    const ada = await student();
    await takeQuiz(ada.id, 15);
    const before = await db.quizAttempt.count({ where: { userId: ada.id } });
    const page = await quizPageFor(ada.id, lesson, null);
    expect(await db.quizAttempt.count({ where: { userId: ada.id } })).toBe(before);
    const { seed } = await db.quizAttempt.findFirstOrThrow({ where: { userId: ada.id }, select: { seed: true } });
    const text = JSON.stringify(page.history);
    expect(text).not.toContain(seed);
    expect(text).not.toMatch(/"correct"|"explanation"|"options"/);
    // the POST the page sends next opens the attempt, and a second one resumes it
    const opened = await getOrStartAttempt(ada.id, lesson);
    expect((await getOrStartAttempt(ada.id, lesson)).attemptId).toBe(opened.attemptId);
    expect(getQuizWithKey(lesson)).toBeTruthy();
  });
});
