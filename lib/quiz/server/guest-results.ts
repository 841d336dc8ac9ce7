import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import type { QuizResult } from "@/lib/quiz/result";

// A guest's graded result lives in their browser. The server signs it when grading, so that at
// sign-in only results this server really graded can join the account.

function payload(lesson: string, r: Pick<QuizResult, "score" | "total" | "at" | "concepts">): string {
  const concepts = Object.entries(r.concepts ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(["quiz-result", lesson, r.score, r.total, r.at, concepts]);
}

export function signQuizResult(lesson: string, result: Omit<QuizResult, "sig">): QuizResult {
  const sig = createHmac("sha256", env.AUTH_SECRET).update(payload(lesson, result)).digest("base64url");
  return { ...result, sig };
}

export function isGenuineQuizResult(lesson: string, result: QuizResult): boolean {
  const { sig, ...unsigned } = result;
  if (!sig) return false;
  const expected = Buffer.from(signQuizResult(lesson, unsigned).sig!);
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
