"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { ok } from "@/lib/action-result";
import { instructorScope } from "@/lib/classes/data/scope";
import { defineAction } from "@/lib/server/action";
import {
  addToCommentBank,
  claimSubmission,
  decideReview,
  releaseMyClaims,
  releaseSubmission,
  removeFromCommentBank,
  saveReviewDraft,
  recordCommentBankUse,
} from "@/lib/submissions/data/review";
import { HIDE_NAMES_COOKIE } from "@/lib/submissions/server/preferences";
import { REVIEW_LIMITS, rubricLevelsSchema } from "@/lib/submissions/schemas";
import { fromUnknown, idSchema } from "@/lib/validation";

// Thin: the wrapper checks the session and the role, lib/submissions/data/review.ts the claim.

const reviewInput = z.strictObject({
  submissionId: idSchema,
  levels: rubricLevelsSchema,
  feedback: z.string().max(REVIEW_LIMITS.feedback),
  grade: z.number().int().min(0).max(1000).nullable(),
});

/** Every review action: instructors only, and a lapsed session says the draft is safe. */
const review = { role: "INSTRUCTOR", kept: "the review draft is saved" } as const;

export const claimSubmissionAction = defineAction(
  { ...review, scope: "review", input: idSchema, invalid: "Unknown submission." },
  async (submissionId, { user }) => {
    await claimSubmission(await instructorScope(user), submissionId);
    return ok();
  },
);

export const releaseSubmissionAction = defineAction(
  { ...review, scope: "review", input: idSchema, invalid: "Unknown submission." },
  async (submissionId, { user }) => {
    await releaseSubmission(await instructorScope(user), submissionId);
    return ok();
  },
);

/** Every claim of this instructor's back to the queue at once (the queue's "Release my claims"). */
export const releaseMyClaimsAction = defineAction({ ...review, scope: "review", input: z.void() }, async (_none, { user }) =>
  ok({ released: await releaseMyClaims(user) }),
);

export const saveReviewDraftAction = defineAction(
  { ...review, scope: "review", input: fromUnknown(reviewInput), invalid: "The review could not be saved: a field is not allowed." },
  async ({ submissionId, ...draft }, { user }) => ok(await saveReviewDraft(await instructorScope(user), submissionId, draft)),
);

export const decideReviewAction = defineAction(
  {
    ...review,
    scope: "review",
    input: fromUnknown(reviewInput.extend({ decision: z.enum(["RETURNED", "COMPLETED"]) })),
    invalid: "The review could not be sent: a field is not allowed.",
  },
  async ({ submissionId, decision, ...decided }, { user }) => {
    await decideReview(await instructorScope(user), submissionId, decision, decided);
    return ok();
  },
);

export const addToCommentBankAction = defineAction(
  {
    ...review,
    scope: "comment bank",
    // The data layer holds a bank comment to its real limit; this only refuses the absurd.
    input: fromUnknown(z.string().max(REVIEW_LIMITS.comment * 2)),
    invalid: `Keep a bank comment under ${REVIEW_LIMITS.comment} characters.`,
  },
  async (text, { user }) => ok(await addToCommentBank(user, text)),
);

export const insertBankCommentAction = defineAction(
  { ...review, scope: "comment bank", input: idSchema, invalid: "Unknown comment." },
  async (entryId, { user }) => ok(await recordCommentBankUse(user, entryId)),
);

export const removeFromCommentBankAction = defineAction(
  { ...review, scope: "comment bank", input: idSchema, invalid: "Unknown comment." },
  async (entryId, { user }) => {
    await removeFromCommentBank(user, entryId);
    return ok();
  },
);

/** "Hide student names" while grading: a preference of this browser, read by the queue and review pages. */
export const setHideNamesAction = defineAction({ ...review, scope: "review", input: z.boolean() }, async (hide) => {
  const store = await cookies();
  if (hide) store.set(HIDE_NAMES_COOKIE, "1", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
  else store.delete(HIDE_NAMES_COOKIE);
  return ok();
});
