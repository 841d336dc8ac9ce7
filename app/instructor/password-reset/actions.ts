"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { emailSchema } from "@/lib/auth/schemas";
import { issuePasswordReset, NoSuchAccountError, ResetNotAllowedError } from "@/lib/auth/data/password-reset";
import { defineFormAction } from "@/lib/server/action";

export type ResetLinkState = ActionResult<{ link: string; email: string }, "email"> | null;

/**
 * A one-time reset link for a student who lost their password (no email server: the instructor
 * passes it on). Students only: issuePasswordReset decides who may reset whom, so the role here is
 * only "signed in".
 */
export const createResetLinkAction = defineFormAction(
  { scope: "password reset", input: z.object({ email: emailSchema }), role: "STUDENT", invalid: "Check the email address." },
  async ({ email }, { user }): Promise<NonNullable<ResetLinkState>> => {
    try {
      const token = await issuePasswordReset(user, email);
      const h = await headers();
      const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
      return ok({ link: `${origin}/reset-password?token=${token}`, email });
    } catch (error) {
      if (!(error instanceof NoSuchAccountError || error instanceof ResetNotAllowedError)) throw error;
      return fail<"email">(error.code, "Check the email address.", { email: [error.message] });
    }
  },
);
