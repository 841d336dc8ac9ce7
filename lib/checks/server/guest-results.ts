import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import type { CheckResult } from "@/lib/progress/model";

// A guest's check answers live in their browser's progress. The server signs each graded result,
// so at sign-in only results this server really graded join the account (as in
// lib/quiz/server/guest-results.ts for quizzes).

function payload(lesson: string, checkId: string, r: Omit<CheckResult, "sig">): string {
  return JSON.stringify(["check-result", lesson, checkId, r.concept, r.credit, r.at]);
}

export function signCheckResult(lesson: string, checkId: string, result: Omit<CheckResult, "sig">): CheckResult {
  const sig = createHmac("sha256", env.AUTH_SECRET)
    .update(payload(lesson, checkId, result))
    .digest("base64url");
  return { concept: result.concept, credit: result.credit, at: result.at, sig };
}

export function isGenuineCheckResult(lesson: string, checkId: string, result: CheckResult): boolean {
  const { sig, ...unsigned } = result;
  if (!sig) return false;
  const expected = Buffer.from(signCheckResult(lesson, checkId, unsigned).sig!);
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The checks of a guest's browser progress this server really graded (the tutor reads their explanations). */
export function genuineCheckIds(lesson: string, results: Record<string, CheckResult>): string[] {
  return Object.entries(results)
    .filter(([checkId, result]) => isGenuineCheckResult(lesson, checkId, result))
    .map(([checkId]) => checkId);
}
