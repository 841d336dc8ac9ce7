"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/server/auth";
import { SIGN_IN_MESSAGES } from "@/lib/auth/messages";
import { callbackPathSchema, signInSchema } from "@/lib/auth/schemas";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { defineFormAction } from "@/lib/server/action";

export type SignInField = "email" | "password";

export const signInAction = defineFormAction(
  { scope: "signin", input: signInSchema.extend({ callbackUrl: callbackPathSchema }), role: "GUEST" },
  async ({ callbackUrl: redirectTo, ...credentials }): Promise<ActionResult<null, SignInField>> => {
    try {
      // Rate limit, password check and session all happen in the Credentials provider's authorize().
      await signIn("credentials", { ...credentials, redirectTo });
    } catch (error) {
      if (error instanceof AuthError) return signInFailure(error);
      throw error; // the redirect on success (the wrapper lets Next's redirect through)
    }
    return ok();
  },
);

function signInFailure(error: AuthError): ActionResult<null, SignInField> {
  if (error instanceof CredentialsSignin && error.code === "rate_limited") return fail("RATE_LIMITED", SIGN_IN_MESSAGES.rate_limited);
  if (error instanceof CredentialsSignin && error.code === "busy") return fail("BUSY", SIGN_IN_MESSAGES.busy);
  if (error instanceof CredentialsSignin) {
    return fail<SignInField>("INVALID_CREDENTIALS", "Sign-in failed.", { password: [SIGN_IN_MESSAGES.invalid_credentials] });
  }
  console.error("[signin]", error);
  return fail("INTERNAL", "Sign-in is not available right now. Try again in a moment.");
}
