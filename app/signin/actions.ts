"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { SIGN_IN_MESSAGES } from "@/lib/auth/messages";
import { callbackPathSchema, signInSchema } from "@/lib/auth/schemas";
import { fieldErrorsOf, formValues, type FormState } from "@/lib/forms";

export type SignInField = "email" | "password";

export async function signInAction(_prev: FormState<SignInField>, formData: FormData): Promise<FormState<SignInField>> {
  const parsed = signInSchema.safeParse(formValues(formData, ["email", "password"]));
  if (!parsed.success) return fieldErrorsOf<SignInField>(parsed.error);
  const redirectTo = callbackPathSchema.parse(formValues(formData, ["callbackUrl"]).callbackUrl);
  try {
    // Rate limit, password check and session all happen in the Credentials provider's authorize().
    await signIn("credentials", { ...parsed.data, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) return signInErrorState(error);
    throw error; // the redirect on success
  }
  return { status: "success" };
}

function signInErrorState(error: AuthError): FormState<SignInField> {
  if (error instanceof CredentialsSignin && error.code === "rate_limited") {
    return {
      status: "error",
      message: SIGN_IN_MESSAGES.rate_limited,
    };
  }
  if (error instanceof CredentialsSignin) {
    return {
      status: "error",
      fieldErrors: { password: [SIGN_IN_MESSAGES.invalid_credentials] },
      message: "Sign-in failed.",
    };
  }
  console.error("[signin]", error);
  return { status: "error", message: "Sign-in is not available right now. Try again in a moment." };
}
