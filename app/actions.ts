"use server";

import { signOut } from "@/lib/auth/auth";
import { getCurrentUser } from "@/lib/auth/session";
import type { ProgressDoc } from "@/lib/progress/model";
import { progressDocSchema } from "@/lib/progress/schema";
import { mergeIntoAccount } from "@/lib/progress/store";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

/** After sign-in: the browser's guest progress joins the account's; the browser then clears its copy. */
export async function mergeLocalProgressAction(
  local: unknown,
): Promise<{ ok: true; progress: ProgressDoc } | { ok: false; message: string }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: "Sign in to save your progress to your account." };
  const parsed = progressDocSchema.safeParse(local);
  if (!parsed.success) return { ok: false, message: "The progress saved in this browser could not be read." };
  return { ok: true, progress: await mergeIntoAccount(user.id, parsed.data) };
}
