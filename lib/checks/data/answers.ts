import "server-only";
import { AppError } from "@/lib/app-error";
import { db } from "@/lib/db";
import { now } from "@/lib/server/clock";
import { getLesson } from "@/lib/content/server/lessons";
import { getCheck } from "@/lib/checks/server/content";
import { buildFeedback, gradeCheck, type CheckAnswer } from "@/lib/checks/grade";
import { isGenuineCheckResult, signCheckResult } from "@/lib/checks/server/guest-results";
import { publicCheckOptionId, toCanonicalCheckOptions } from "@/lib/checks/server/public";
import type { AnsweredCheck } from "@/lib/checks/types";
import { lessonMastery } from "@/lib/progress/data/evidence";
import type { CheckResult, ProgressDoc } from "@/lib/progress/model";
import { consume } from "@/lib/security/data/rate-limit";

// Answering an in-lesson check: grade on the server, keep the answer (an account's CheckAnswer
// row; a guest's signed result, which their browser keeps), and say what was right and why.

/** Generous: a reader trying again and again is learning, not attacking. */
export const CHECK_ANSWERS_PER_MINUTE = 120;
const MINUTE = 60_000;

export class UnknownCheckError extends AppError {
  constructor() {
    super("UNKNOWN_CHECK", "This check is not part of the lesson any more. Reload the page.");
  }
}

export class StaleCheckError extends AppError {
  constructor() {
    super("STALE_CHECK", "This check changed since the page was loaded. Reload the page and answer again.");
  }
}

export class CheckAnswerError extends AppError {}

export class CheckRateLimitError extends AppError {
  constructor(retryAfterSeconds: number) {
    super("RATE_LIMITED", `That is a lot of answers in a minute. Wait ${retryAfterSeconds} s and try again.`);
  }
}

export type CheckAnswerInput = { lesson: string; checkId: string; optionIds?: string[]; value?: string };
/** Who answers: an account, or a guest counted by address. */
export type Answerer = { userId: string | null; address: string };

export async function answerCheck(who: Answerer, input: CheckAnswerInput): Promise<AnsweredCheck> {
  const { lesson, checkId } = input;
  const check = getLesson(lesson) ? getCheck(lesson, checkId) : null;
  if (!check) throw new UnknownCheckError();
  const limit = await consume(who.userId ? `checks:user:${who.userId}` : `checks:addr:${who.address}`, CHECK_ANSWERS_PER_MINUTE, MINUTE);
  if (!limit.allowed) throw new CheckRateLimitError(limit.retryAfterSeconds);

  let answer: CheckAnswer;
  if (check.kind === "numeric") {
    if (input.value === undefined) throw new StaleCheckError();
    answer = { text: input.value };
  } else {
    const ids = toCanonicalCheckOptions(lesson, check, input.optionIds ?? []);
    if (!ids || input.value !== undefined) throw new StaleCheckError();
    if (!ids.length)
      throw new CheckAnswerError("NO_ANSWER", check.kind === "single" ? "Choose an option first." : "Pick at least one option first.");
    answer = { optionIds: ids };
  }
  const outcome = gradeCheck(check, answer);
  if (!outcome.ok) throw new CheckAnswerError(outcome.code, outcome.message);
  const { grade } = outcome;
  const feedback = buildFeedback(check, grade, (id) => publicCheckOptionId(lesson, checkId, id));
  const at = now(who.userId);
  const unsigned = { concept: check.concept, credit: grade.credit, at: at.toISOString() };

  if (!who.userId) return { feedback, result: signCheckResult(lesson, checkId, unsigned) };
  await db.checkAnswer.create({
    data: {
      userId: who.userId,
      lessonSlug: lesson,
      checkId,
      concept: check.concept,
      credit: grade.credit,
      answer: JSON.stringify(grade.chosen ? { optionIds: grade.chosen } : { text: input.value, value: grade.given }),
      createdAt: at,
    },
  });
  return { feedback, result: unsigned, mastery: await lessonMastery(who.userId, lesson) };
}

/** A check answer as progress and mastery read it (lib/progress/data/store.ts reads the rows). */
export type CheckAnswerRow = { lessonSlug: string; checkId: string; concept: string; credit: number; createdAt: Date };

/** The latest answer to each check, from an account's check answers oldest first. */
export function latestCheckResultsFrom(rows: readonly CheckAnswerRow[]): NonNullable<ProgressDoc["checks"]> {
  const out: NonNullable<ProgressDoc["checks"]> = {};
  for (const r of rows) (out[r.lessonSlug] ??= {})[r.checkId] = { concept: r.concept, credit: r.credit, at: r.createdAt.toISOString() };
  return out;
}

/**
 * A guest's signed check results join the account at sign-in: each genuine one becomes a
 * CheckAnswer row once (the same check answered at the same instant is the same answer), so a
 * second merge, or one from another tab, adds nothing. Unsigned or altered results are ignored.
 */
export async function importGuestCheckResults(userId: string, checks: ProgressDoc["checks"]): Promise<number> {
  let imported = 0;
  for (const [lesson, byId] of Object.entries(checks ?? {})) {
    if (!getLesson(lesson)) continue;
    for (const [checkId, result] of Object.entries(byId) as [string, CheckResult][]) {
      if (!getCheck(lesson, checkId) || !isGenuineCheckResult(lesson, checkId, result)) continue;
      const createdAt = new Date(result.at);
      const added = await db.$transaction(async (tx) => {
        const exists = await tx.checkAnswer.findFirst({ where: { userId, lessonSlug: lesson, checkId, createdAt }, select: { id: true } });
        if (exists) return false;
        await tx.checkAnswer.create({
          data: {
            userId,
            lessonSlug: lesson,
            checkId,
            concept: result.concept,
            credit: result.credit,
            answer: JSON.stringify({ importedFrom: "guest" }),
            createdAt,
          },
        });
        return true;
      });
      if (added) imported++;
    }
  }
  return imported;
}
