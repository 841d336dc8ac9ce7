"use server";

import { ok } from "@/lib/action-result";
import { signOut } from "@/lib/auth/server/auth";
import { getCurrentSessionId, getCurrentUser } from "@/lib/auth/server/session";
import { revokeSession } from "@/lib/auth/data/sessions";
import { progressDocSchema } from "@/lib/progress/schema";
import { mergeIntoAccount } from "@/lib/progress/data/store";
import { defineAction } from "@/lib/server/action";
import { fromUnknown } from "@/lib/validation";

/**
 * Ends this browser's session for good (a copied cookie stops working too), then clears the cookie.
 * A plain form action (it answers with a redirect, not a result), so it reads the session itself.
 */
export async function signOutAction(): Promise<void> {
  const [user, sid] = await Promise.all([getCurrentUser(), getCurrentSessionId()]);
  if (user && sid) await revokeSession(user.id, sid);
  await signOut({ redirectTo: "/" });
}

/** After sign-in: the browser's guest progress joins the account's; the browser then clears its copy. */
export const mergeLocalProgressAction = defineAction(
  {
    scope: "progress",
    input: fromUnknown(progressDocSchema),
    role: "STUDENT",
    invalid: "The progress saved in this browser could not be read.",
  },
  async (local, { user }) => ok(await mergeIntoAccount(user.id, local)),
);
