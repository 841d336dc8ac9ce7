"use server";

import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { getCurrentUser } from "@/lib/auth/server/session";
import { toFailure } from "@/lib/server/errors";
import { markFeedbackSeen } from "@/lib/submissions/data/store";

/** The owner has the feedback in front of them: the header's badge can go. */
export async function markFeedbackSeenAction(submissionId: string): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED", "Sign in again.");
  if (!z.string().min(1).max(40).safeParse(submissionId).success) return fail("INVALID_INPUT", "Unknown submission.");
  try {
    await markFeedbackSeen(user, submissionId);
    return ok();
  } catch (error) {
    return toFailure(error, "submissions");
  }
}
