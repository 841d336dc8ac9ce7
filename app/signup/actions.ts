"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { signIn } from "@/lib/auth/server/auth";
import { SIGN_IN_MESSAGES } from "@/lib/auth/messages";
import { PasswordCheckBusyError } from "@/lib/auth/server/passwords";
import { checkSignUp, clientAddress } from "@/lib/auth/server/rate-limit";
import { registerAccount } from "@/lib/auth/server/registration";
import { callbackPathSchema, signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { InvalidTokenError } from "@/lib/auth/data/sessions";
import { fail, formValues, invalidInput, ok, type FormState } from "@/lib/action-result";

export type SignUpField = "name" | "email" | "password";

/**
 * Creates the account when the email is new; says the same, in the same time, when it is not
 * (lib/auth/server/registration.ts). The form then signs in with what was typed (signInAfterSignUpAction).
 */
export async function signUpAction(_prev: FormState<SignUpField>, formData: FormData): Promise<FormState<SignUpField>> {
  const parsed = signUpSchema.safeParse(formValues(formData, ["name", "email", "password"]));
  if (!parsed.success) return invalidInput<SignUpField>(parsed.error);
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
  const invite = formValues(formData, ["invite"]).invite;
  try {
    await registerAccount(parsed.data, { inviteToken: invite || undefined });
  } catch (error) {
    if (error instanceof InvalidTokenError || error instanceof PasswordCheckBusyError) return fail(error.code, error.message);
    throw error;
  }
  return ok();
}

/** The second step of sign-up: signing in with the email and password just typed. */
export async function signInAfterSignUpAction(_prev: FormState<SignUpField>, formData: FormData): Promise<FormState<SignUpField>> {
  const parsed = signInSchema.safeParse(formValues(formData, ["email", "password"]));
  if (!parsed.success) return invalidInput<SignUpField>(parsed.error);
  const redirectTo = callbackPathSchema.parse(formValues(formData, ["callbackUrl"]).callbackUrl);
  try {
    await signIn("credentials", { ...parsed.data, redirectTo });
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
}
