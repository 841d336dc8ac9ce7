"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { newPasswordSchema } from "@/lib/auth/schemas";
import { resetPasswordWithToken } from "@/lib/auth/data/password-reset";
import { defineFormAction } from "@/lib/server/action";

const input = z.object({ token: z.string().min(10).max(100), password: newPasswordSchema });

/** Anyone holding a valid link may set a new password (an invalid or used token is INVALID_TOKEN). */
export const resetPasswordAction = defineFormAction(
  { scope: "password reset", input, role: "GUEST" },
  async ({ token, password }): Promise<ActionResult<null, "password">> => {
    await resetPasswordWithToken(token, password);
    redirect("/signin?code=password_reset");
  },
);
