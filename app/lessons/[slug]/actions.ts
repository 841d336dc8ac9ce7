"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { recordVisit, setStepDone, UnknownStepError } from "@/lib/progress/store";

const slug = z.string().regex(/^[a-z0-9-]{1,100}$/);
const stepInput = z.strictObject({ lesson: slug, step: slug, done: z.boolean() });

export type ProgressActionResult = { ok: true } | { ok: false; message: string };

export async function setStepDoneAction(input: z.input<typeof stepInput>): Promise<ProgressActionResult> {
  const parsed = stepInput.safeParse(input);
  if (!parsed.success) return { ok: false, message: "That step could not be saved." };
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: "Your session ended. Sign in again to save progress to your account." };
  try {
    await setStepDone(user.id, parsed.data.lesson, parsed.data.step, parsed.data.done);
    return { ok: true };
  } catch (error) {
    if (error instanceof UnknownStepError) return { ok: false, message: error.message };
    throw error;
  }
}

export async function recordVisitAction(lesson: string): Promise<void> {
  const parsed = slug.safeParse(lesson);
  const user = await getCurrentUser();
  if (!parsed.success || !user) return;
  await recordVisit(user.id, parsed.data);
}
