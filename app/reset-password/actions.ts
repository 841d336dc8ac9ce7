"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { fail, formValues, invalidInput, type FormState } from "@/lib/action-result";
import { PasswordCheckBusyError } from "@/lib/auth/server/passwords";
import { newPasswordSchema } from "@/lib/auth/schemas";
import { InvalidTokenError } from "@/lib/auth/data/sessions";
import { resetPasswordWithToken } from "@/lib/auth/data/password-reset";
import { toFailure } from "@/lib/server/errors";

const input = z.object({ token: z.string().min(10).max(100), password: newPasswordSchema });

export async function resetPasswordAction(_prev: FormState<"password">, formData: FormData): Promise<FormState<"password">> {
  const parsed = input.safeParse(formValues(formData, ["token", "password"]));
  if (!parsed.success) return invalidInput<"password">(parsed.error);
  try {
    await resetPasswordWithToken(parsed.data.token, parsed.data.password);
  } catch (error) {
    if (error instanceof InvalidTokenError || error instanceof PasswordCheckBusyError) return fail(error.code, error.message);
    return toFailure(error, "password reset");
  }
  redirect("/signin?code=password_reset");
}
