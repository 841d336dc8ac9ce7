"use server";

import { fail, ok, type ActionResult } from "@/lib/action-result";
import { signOut } from "@/lib/auth/server/auth";
import { getCurrentSessionId, getCurrentUser } from "@/lib/auth/server/session";
import { revokeSession } from "@/lib/auth/data/sessions";
import { toFailure } from "@/lib/server/errors";
import type { ProgressDoc } from "@/lib/progress/model";
import { progressDocSchema } from "@/lib/progress/schema";
import { mergeIntoAccount } from "@/lib/progress/data/store";

/** Ends this browser's session for good (a copied cookie stops working too), then clears the cookie. */
export async function signOutAction(): Promise<void> {
  const [user, sid] = await Promise.all([getCurrentUser(), getCurrentSessionId()]);
  if (user && sid) await revokeSession(user.id, sid);
  await signOut({ redirectTo: "/" });
}

/** After sign-in: the browser's guest progress joins the account's; the browser then clears its copy. */
export async function mergeLocalProgressAction(local: unknown): Promise<ActionResult<ProgressDoc>> {
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED", "Sign in to save your progress to your account.");
  const parsed = progressDocSchema.safeParse(local);
  if (!parsed.success) return fail("INVALID_INPUT", "The progress saved in this browser could not be read.");
  try {
    return ok(await mergeIntoAccount(user.id, parsed.data));
  } catch (error) {
    return toFailure(error, "progress");
  }
}
