"use server";

import { headers } from "next/headers";
import { fail, formValues, ok, type ActionResult } from "@/lib/action-result";
import { emailSchema } from "@/lib/auth/schemas";
import { getCurrentUser } from "@/lib/auth/server/session";
import { issuePasswordReset, NoSuchAccountError, ResetNotAllowedError } from "@/lib/auth/data/password-reset";
import { toFailure } from "@/lib/server/errors";

export type ResetLinkState = ActionResult<{ link: string; email: string }, "email"> | null;

/** A one-time reset link for a student who lost their password (no email server: the instructor passes it on). Students only. */
export async function createResetLinkAction(_prev: ResetLinkState, formData: FormData): Promise<ResetLinkState> {
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED", "Your session ended. Sign in again.");
  const parsed = emailSchema.safeParse(formValues(formData, ["email"]).email);
  if (!parsed.success)
    return fail<"email">("INVALID_INPUT", "Check the email address.", { email: parsed.error.issues.map((i) => i.message) });
  try {
    const token = await issuePasswordReset(user, parsed.data);
    const h = await headers();
    const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
    return ok({ link: `${origin}/reset-password?token=${token}`, email: parsed.data });
  } catch (error) {
    if (error instanceof NoSuchAccountError || error instanceof ResetNotAllowedError)
      return fail<"email">(error.code, "Check the email address.", { email: [error.message] });
    return toFailure(error, "password reset");
  }
}
