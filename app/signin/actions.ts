"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/server/auth";
import { SIGN_IN_MESSAGES } from "@/lib/auth/messages";
import { callbackPathSchema, signInSchema } from "@/lib/auth/schemas";
import { fail, formValues, invalidInput, ok, type FormState } from "@/lib/action-result";

export type SignInField = "email" | "password";

export async function signInAction(_prev: FormState<SignInField>, formData: FormData): Promise<FormState<SignInField>> {
  const parsed = signInSchema.safeParse(formValues(formData, ["email", "password"]));
  if (!parsed.success) return invalidInput<SignInField>(parsed.error);
  const redirectTo = callbackPathSchema.parse(formValues(formData, ["callbackUrl"]).callbackUrl);
  try {
    // Rate limit, password check and session all happen in the Credentials provider's authorize().
    await signIn("credentials", { ...parsed.data, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) return signInFailure(error);
    throw error; // the redirect on success
  }
  return ok();
}

function signInFailure(error: AuthError): FormState<SignInField> {
  if (error instanceof CredentialsSignin && error.code === "rate_limited") return fail("RATE_LIMITED", SIGN_IN_MESSAGES.rate_limited);
  if (error instanceof CredentialsSignin && error.code === "busy") return fail("BUSY", SIGN_IN_MESSAGES.busy);
  if (error instanceof CredentialsSignin) {
    return fail<SignInField>("INVALID_CREDENTIALS", "Sign-in failed.", { password: [SIGN_IN_MESSAGES.invalid_credentials] });
  }
  console.error("[signin]", error);
  return fail("INTERNAL", "Sign-in is not available right now. Try again in a moment.");
}
