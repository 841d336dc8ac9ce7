import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { answerCheck, CHECK_ANSWERS_PER_MINUTE, StaleCheckError, UnknownCheckError } from "@/lib/checks/data/answers";
import { publicCheckOptionId } from "@/lib/checks/server/public";
import { emptyProgress } from "@/lib/progress/model";
import { getProgress, mergeIntoAccount } from "@/lib/progress/data/store";

// Data layer: runs on SQLite by default and on PostgreSQL in CI (TEST_DATABASE_URL).

const lesson = "local-qwen-vl";
const student = () =>
  createUser({ name: "Check Taker", email: `checks-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" });
const guest = () => ({ userId: null, address: `203.0.113.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}` });
const option = (checkId: string, id: string) => publicCheckOptionId(lesson, checkId, id);

afterEach(() => {
  vi.useRealTimers();
});

/** Moves lib/clock's now() (Date only: the database driver keeps its real timers). */
function at(iso: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
}

describe("answering a check with an account", () => {
  it("records the answer at now() and returns the feedback and the concept's new mastery", async () => {
    const user = await student();
    at("2026-12-01T09:30:00.000Z");
    const answered = await answerCheck({ userId: user.id, address: "x" }, { lesson, checkId: "image-tokens-llama-engine", value: "1,334" });
    expect(answered.feedback).toMatchObject({ verdict: "right", credit: 1, answer: { value: 1334, display: "1,334" } });
    expect(answered.feedback.hint).toBeUndefined();
    expect(answered.result).toEqual({ concept: "image tokens", credit: 1, at: "2026-12-01T09:30:00.000Z" });
    expect(answered.mastery?.["image tokens"]).toEqual({ level: "familiar", answers: 1, lastAt: "2026-12-01T09:30:00.000Z" });
    expect(answered.mastery?.["OCR"]?.level).toBe("not-started");
    const rows = await db.checkAnswer.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ lessonSlug: lesson, checkId: "image-tokens-llama-engine", concept: "image tokens", credit: 1 });
    expect(rows[0]!.createdAt.toISOString()).toBe("2026-12-01T09:30:00.000Z");
    expect(JSON.parse(rows[0]!.answer)).toEqual({ text: "1,334", value: 1334 });
  });

  it("keeps every answer as evidence, and progress shows the latest per check", async () => {
    const user = await student();
    const who = { userId: user.id, address: "x" };
    at("2026-12-01T09:00:00.000Z");
    const wrong = await answerCheck(who, { lesson, checkId: "local-keeps-pixels", optionIds: [option("local-keeps-pixels", "c")] });
    expect(wrong.feedback).toMatchObject({ verdict: "wrong", credit: 0, hint: expect.any(String) });
    expect(wrong.mastery?.["Qwen-VL"]?.level).toBe("attempted");
    at("2026-12-01T09:05:00.000Z");
    const partly = await answerCheck(who, {
      lesson,
      checkId: "local-keeps-pixels",
      optionIds: ["a", "b"].map((id) => option("local-keeps-pixels", id)),
    });
    expect(partly.feedback).toMatchObject({ verdict: "partly", credit: 0.67, note: "You picked 2 of the 3 right options." });
    at("2026-12-01T09:06:00.000Z");
    await answerCheck(who, { lesson, checkId: "gpu-share-api-ps", value: "62.5%" });

    expect(await db.checkAnswer.count({ where: { userId: user.id } })).toBe(3);
    const progress = await getProgress(user.id);
    expect(progress.checks).toEqual({
      [lesson]: {
        "local-keeps-pixels": { concept: "Qwen-VL", credit: 0.67, at: "2026-12-01T09:05:00.000Z" },
        "gpu-share-api-ps": { concept: "resident memory", credit: 1, at: "2026-12-01T09:06:00.000Z" },
      },
    });
  });

  it("records nothing for text that is not a number, a stale option or an unknown check", async () => {
    const user = await student();
    const who = { userId: user.id, address: "x" };
    await expect(answerCheck(who, { lesson, checkId: "gpu-share-api-ps", value: "abc" })).rejects.toMatchObject({
      code: "NOT_A_NUMBER",
      message: expect.stringMatching(/^"abc" is not a number\./),
    });
    await expect(answerCheck(who, { lesson, checkId: "local-keeps-pixels", optionIds: ["a"] })).rejects.toBeInstanceOf(StaleCheckError);
    await expect(answerCheck(who, { lesson, checkId: "local-keeps-pixels", optionIds: [] })).rejects.toMatchObject({ code: "NO_ANSWER" });
    await expect(answerCheck(who, { lesson, checkId: "no-such-check", value: "1" })).rejects.toBeInstanceOf(UnknownCheckError);
    await expect(answerCheck(who, { lesson: "no-such-lesson", checkId: "gpu-share-api-ps", value: "1" })).rejects.toBeInstanceOf(
      UnknownCheckError,
    );
    expect(await db.checkAnswer.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("answering a check as a guest", () => {
  it("stores nothing and returns a signed result", async () => {
    const before = await db.checkAnswer.count();
    const answered = await answerCheck(guest(), { lesson, checkId: "tokens-per-second-metrics", value: "19.3 tokens/s" });
    expect(answered.feedback).toMatchObject({ verdict: "wrong", note: expect.stringMatching(/total_duration/), answer: { value: 24 } });
    expect(answered.result).toMatchObject({ concept: "generation speed", credit: 0, sig: expect.any(String) });
    expect(answered.mastery).toBeUndefined();
    expect(await db.checkAnswer.count()).toBe(before);
  });

  it("is limited per address, generously", async () => {
    const who = guest();
    for (let i = 0; i < CHECK_ANSWERS_PER_MINUTE; i++) await answerCheck(who, { lesson, checkId: "gpu-share-api-ps", value: "62.5" });
    await expect(answerCheck(who, { lesson, checkId: "gpu-share-api-ps", value: "62.5" })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // another address is not affected
    await expect(answerCheck(guest(), { lesson, checkId: "gpu-share-api-ps", value: "62.5" })).resolves.toBeTruthy();
  });

  it("joins the account at sign-in once, and a forged result is refused", async () => {
    at("2026-11-30T18:00:00.000Z");
    const right = await answerCheck(guest(), { lesson, checkId: "image-tokens-llama-engine", value: "1334" });
    const wrong = await answerCheck(guest(), { lesson, checkId: "ocr-settings-page", optionIds: [option("ocr-settings-page", "c")] });
    vi.useRealTimers();
    const local = {
      ...emptyProgress(),
      checks: {
        [lesson]: {
          "image-tokens-llama-engine": right.result,
          // forged: a wrong answer's signature with full credit
          "ocr-settings-page": { ...wrong.result, credit: 1 },
          // an unsigned result
          "vlm-small-text": { concept: "vision-language model", credit: 1, at: "2026-11-30T18:00:00.000Z" },
        },
        // a lesson or check the platform does not have
        "no-such-lesson": { x: right.result },
      },
    };
    const user = await student();
    const progress = await mergeIntoAccount(user.id, local);
    await mergeIntoAccount(user.id, local);
    const rows = await db.checkAnswer.findMany({ where: { userId: user.id } });
    expect(rows.map((r) => [r.checkId, r.credit, r.createdAt.toISOString()])).toEqual([
      ["image-tokens-llama-engine", 1, "2026-11-30T18:00:00.000Z"],
    ]);
    expect(progress.checks).toEqual({
      [lesson]: { "image-tokens-llama-engine": { concept: "image tokens", credit: 1, at: "2026-11-30T18:00:00.000Z" } },
    });
  });
});
