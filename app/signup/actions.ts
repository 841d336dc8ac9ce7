"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { signIn } from "@/lib/auth/server/auth";
import { SIGN_IN_MESSAGES } from "@/lib/auth/messages";
import { checkSignUp, clientAddress } from "@/lib/auth/server/rate-limit";
import { registerAccount } from "@/lib/auth/server/registration";
import { callbackPathSchema, signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { defineFormAction } from "@/lib/server/action";

export type SignUpField = "name" | "email" | "password";

/**
 * Creates the account when the email is new; says the same, in the same time, when it is not
 * (lib/auth/server/registration.ts). The form then signs in with what was typed (signInAfterSignUpAction).
 * A used or expired invite and a busy password check are domain errors the wrapper reports as they are.
 */
export const signUpAction = defineFormAction(
  { scope: "signup", input: signUpSchema.extend({ invite: z.string().optional() }), role: "GUEST" },
  async ({ invite, ...account }): Promise<ActionResult<null, SignUpField>> => {
    const limit = await checkSignUp(clientAddress(await headers()));
    if (!limit.allowed) {
      const minutes = Math.ceil(limit.retryAfterSeconds / 60);
      return fail(
        "RATE_LIMITED",
        limit.scope === "global"
          ? `Sign-ups are paused for a while: very many arrived in the last hour. Try again in ${minutes} minutes.`
          : `Many accounts were created from this network in the last hour. Try again in ${minutes} minutes.`,
      );
    }
    await registerAccount(account, { inviteToken: invite || undefined });
    return ok();
  },
);

/** The second step of sign-up: signing in with the email and password just typed. */
export const signInAfterSignUpAction = defineFormAction(
  { scope: "signup", input: signInSchema.extend({ callbackUrl: callbackPathSchema }), role: "GUEST" },
  async ({ callbackUrl: redirectTo, ...credentials }): Promise<ActionResult<null, SignUpField>> => {
    try {
      await signIn("credentials", { ...credentials, redirectTo });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error; // the redirect on success
      if (error instanceof CredentialsSignin && error.code === "rate_limited") return fail("RATE_LIMITED", SIGN_IN_MESSAGES.rate_limited);
      if (error instanceof CredentialsSignin && error.code === "busy") return fail("BUSY", SIGN_IN_MESSAGES.busy);
      if (error instanceof CredentialsSignin)
        return fail<SignUpField>("INVALID_CREDENTIALS", "Signing in failed.", { password: [SIGN_IN_MESSAGES.signup_existing] });
      console.error("[signup]", error);
      return fail("INTERNAL", "Signing in is not available right now. Try again in a moment on the sign-in page.");
    }
    return ok();
  },
);
