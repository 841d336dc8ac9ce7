"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { fail, ok } from "@/lib/action-result";
import { signOut } from "@/lib/auth/server/auth";
import { changePasswordSchema, nameSchema } from "@/lib/auth/schemas";
import { getCurrentSessionId, getCurrentUser } from "@/lib/auth/server/session";
import { revokeAllSessions } from "@/lib/auth/data/sessions";
import { markNoticesSeen } from "@/lib/auth/data/notices";
import { changePassword, updateName, WrongPasswordError } from "@/lib/auth/data/users";
import { defineFormAction } from "@/lib/server/action";

export const updateNameAction = defineFormAction(
  { scope: "account", input: z.object({ name: nameSchema }), role: "STUDENT", invalid: "Check the highlighted field." },
  async ({ name }, { user }) => {
    await updateName(user.id, name);
    // The header shows the name on every page.
    revalidatePath("/", "layout");
    return ok();
  },
);

export const changePasswordAction = defineFormAction(
  { scope: "account", input: changePasswordSchema, role: "STUDENT" },
  async (input, { user }) => {
    // Every other session of the account ends; this one, which asked, stays signed in.
    const sid = await getCurrentSessionId();
    if (!sid) return fail("UNAUTHENTICATED");
    try {
      await changePassword(user.id, { ...input, keepSid: sid });
      return ok();
    } catch (error) {
      if (!(error instanceof WrongPasswordError)) throw error;
      return fail<"current" | "next">(error.code, "Check the highlighted field.", { current: [error.message] });
    }
  },
);

/**
 * Ends every session of this account, on every device, this one included. Like the next one, a
 * plain form action: it answers with a redirect, not a result, so it reads the session itself.
 */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  await revokeAllSessions(user.id);
  await signOut({ redirectTo: "/signin?code=signed_out_everywhere" });
}

/** The account's security notices were read. */
export async function dismissNoticesAction(): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=/account");
  await markNoticesSeen(user.id);
  revalidatePath("/", "layout");
}
