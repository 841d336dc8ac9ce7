"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { fail, invalidInput, ok, type ActionResult } from "@/lib/action-result";
import { getCurrentUser } from "@/lib/auth/server/session";
import { toFailure } from "@/lib/server/errors";
import {
  addToCommentBank,
  claimSubmission,
  decideReview,
  releaseSubmission,
  removeFromCommentBank,
  saveReviewDraft,
  recordCommentBankUse,
} from "@/lib/submissions/data/review";
import type { BankEntry } from "@/lib/submissions/types";
import { HIDE_NAMES_COOKIE } from "@/lib/submissions/server/preferences";
import { REVIEW_LIMITS, rubricLevelsSchema } from "@/lib/submissions/schemas";

// Thin: parse, then lib/submissions/data/review.ts checks the role and the claim itself.

const id = z.string().min(1).max(40);
const reviewInput = z.strictObject({
  submissionId: id,
  levels: rubricLevelsSchema,
  feedback: z.string().max(REVIEW_LIMITS.feedback),
  grade: z.number().int().min(0).max(1000).nullable(),
});

async function instructor() {
  const user = await getCurrentUser();
  if (!user) return null;
  return user;
}

const signedOut = () => fail("UNAUTHENTICATED", "Your session ended. Sign in again; the review draft is saved.");

export async function claimSubmissionAction(submissionId: string): Promise<ActionResult> {
  const user = await instructor();
  if (!user) return signedOut();
  if (!id.safeParse(submissionId).success) return fail("INVALID_INPUT", "Unknown submission.");
  try {
    await claimSubmission(user, submissionId);
    return ok();
  } catch (error) {
    return toFailure(error, "review");
  }
}

export async function releaseSubmissionAction(submissionId: string): Promise<ActionResult> {
  const user = await instructor();
  if (!user) return signedOut();
  if (!id.safeParse(submissionId).success) return fail("INVALID_INPUT", "Unknown submission.");
  try {
    await releaseSubmission(user, submissionId);
    return ok();
  } catch (error) {
    return toFailure(error, "review");
  }
}

export async function saveReviewDraftAction(input: unknown): Promise<ActionResult<{ savedAt: string }>> {
  const user = await instructor();
  if (!user) return signedOut();
  const parsed = reviewInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, "The review could not be saved: a field is not allowed.");
  const { submissionId, ...review } = parsed.data;
  try {
    return ok(await saveReviewDraft(user, submissionId, review));
  } catch (error) {
    return toFailure(error, "review");
  }
}

export async function decideReviewAction(input: unknown): Promise<ActionResult> {
  const user = await instructor();
  if (!user) return signedOut();
  const parsed = reviewInput.extend({ decision: z.enum(["RETURNED", "COMPLETED"]) }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, "The review could not be sent: a field is not allowed.");
  const { submissionId, decision, ...review } = parsed.data;
  try {
    await decideReview(user, submissionId, decision, review);
    return ok();
  } catch (error) {
    return toFailure(error, "review");
  }
}

export async function addToCommentBankAction(text: unknown): Promise<ActionResult<BankEntry>> {
  const user = await instructor();
  if (!user) return signedOut();
  const parsed = z
    .string()
    .max(REVIEW_LIMITS.comment * 2)
    .safeParse(text);
  if (!parsed.success) return fail("INVALID_INPUT", `Keep a bank comment under ${REVIEW_LIMITS.comment} characters.`);
  try {
    return ok(await addToCommentBank(user, parsed.data));
  } catch (error) {
    return toFailure(error, "comment bank");
  }
}

export async function insertBankCommentAction(entryId: string): Promise<ActionResult<BankEntry>> {
  const user = await instructor();
  if (!user) return signedOut();
  if (!id.safeParse(entryId).success) return fail("INVALID_INPUT", "Unknown comment.");
  try {
    return ok(await recordCommentBankUse(user, entryId));
  } catch (error) {
    return toFailure(error, "comment bank");
  }
}

export async function removeFromCommentBankAction(entryId: string): Promise<ActionResult> {
  const user = await instructor();
  if (!user) return signedOut();
  if (!id.safeParse(entryId).success) return fail("INVALID_INPUT", "Unknown comment.");
  try {
    await removeFromCommentBank(user, entryId);
    return ok();
  } catch (error) {
    return toFailure(error, "comment bank");
  }
}

/** "Hide student names" while grading: a preference of this browser, read by the queue and review pages. */
export async function setHideNamesAction(hide: boolean): Promise<ActionResult> {
  const user = await instructor();
  if (!user) return signedOut();
  const store = await cookies();
  if (hide === true) store.set(HIDE_NAMES_COOKIE, "1", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
  else store.delete(HIDE_NAMES_COOKIE);
  return ok();
}
