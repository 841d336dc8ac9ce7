"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { callbackPathSchema, signUpSchema } from "@/lib/auth/schemas";
import { headers } from "next/headers";
import { PasswordCheckBusyError } from "@/lib/auth/passwords";
import { checkSignUp, clientAddress } from "@/lib/auth/rate-limit";
import { InvalidTokenError } from "@/lib/auth/sessions";
import { createUser, EmailTakenError } from "@/lib/auth/users";
import { fail, formValues, invalidInput, ok, type FormState } from "@/lib/action-result";

export type SignUpField = "name" | "email" | "password";

export async function signUpAction(_prev: FormState<SignUpField>, formData: FormData): Promise<FormState<SignUpField>> {
  const parsed = signUpSchema.safeParse(formValues(formData, ["name", "email", "password"]));
  if (!parsed.success) return invalidInput<SignUpField>(parsed.error);
  const limit = await checkSignUp(clientAddress(await headers()));
  if (!limit.allowed) {
    return fail(
      "RATE_LIMITED",
      `Many accounts were created from this network in the last hour. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.`,
    );
  }
  const invite = formValues(formData, ["invite"]).invite;
  try {
    await createUser(parsed.data, { inviteToken: invite || undefined });
  } catch (error) {
    if (error instanceof InvalidTokenError || error instanceof PasswordCheckBusyError) return fail(error.code, error.message);
    if (error instanceof EmailTakenError) {
      return fail<SignUpField>(error.code, "Check the highlighted fields.", {
        email: ["An account with this email already exists. Sign in instead, or use another email."],
      });
    }
    throw error;
  }
  const redirectTo = callbackPathSchema.parse(formValues(formData, ["callbackUrl"]).callbackUrl);
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo });
  } catch (error) {
    if (error instanceof AuthError)
      return fail("SIGN_IN_FAILED", "Your account was created, but signing in failed. Sign in with your new password.");
    throw error;
  }
  return ok();
}
