"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { fail, formValues, invalidInput, ok, type FormState } from "@/lib/action-result";
import { signOut } from "@/lib/auth/server/auth";
import { changePasswordSchema, nameSchema } from "@/lib/auth/schemas";
import { getCurrentSessionId, getCurrentUser } from "@/lib/auth/server/session";
import { revokeAllSessions } from "@/lib/auth/data/sessions";
import { markNoticesSeen } from "@/lib/auth/data/notices";
import { changePassword, updateName, WrongPasswordError } from "@/lib/auth/data/users";
import { toFailure } from "@/lib/server/errors";

const signedOut = () => fail("UNAUTHENTICATED", "Your session ended. Sign in again.");

export async function updateNameAction(_prev: FormState<"name">, formData: FormData): Promise<FormState<"name">> {
  const user = await getCurrentUser();
  if (!user) return signedOut();
  const parsed = nameSchema.safeParse(formValues(formData, ["name"]).name);
  if (!parsed.success) return fail("INVALID_INPUT", "Check the highlighted field.", { name: parsed.error.issues.map((i) => i.message) });
  try {
    await updateName(user.id, parsed.data);
    // The header shows the name on every page.
    revalidatePath("/", "layout");
    return ok();
  } catch (error) {
    return toFailure(error, "account");
  }
}

export async function changePasswordAction(
  _prev: FormState<"current" | "next">,
  formData: FormData,
): Promise<FormState<"current" | "next">> {
  const [user, sid] = await Promise.all([getCurrentUser(), getCurrentSessionId()]);
  if (!user || !sid) return signedOut();
  const parsed = changePasswordSchema.safeParse(formValues(formData, ["current", "next"]));
  if (!parsed.success) return invalidInput<"current" | "next">(parsed.error);
  try {
    await changePassword(user.id, { ...parsed.data, keepSid: sid });
    return ok();
  } catch (error) {
    if (error instanceof WrongPasswordError)
      return fail<"current" | "next">(error.code, "Check the highlighted field.", { current: [error.message] });
    return toFailure(error, "account");
  }
}

/** Ends every session of this account, on every device, this one included. */
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
