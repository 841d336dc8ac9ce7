"use server";

import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { getCurrentUser } from "@/lib/auth/server/session";
import { toFailure } from "@/lib/server/errors";
import { recordVisit, setStepDone } from "@/lib/progress/data/store";

const slug = z.string().regex(/^[a-z0-9-]{1,100}$/);
const stepInput = z.strictObject({ lesson: slug, step: slug, done: z.boolean() });

export async function setStepDoneAction(input: z.input<typeof stepInput>): Promise<ActionResult> {
  const parsed = stepInput.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", "That step could not be saved.");
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED", "Your session ended. Sign in again to save progress to your account.");
  try {
    await setStepDone(user.id, parsed.data.lesson, parsed.data.step, parsed.data.done);
    return ok();
  } catch (error) {
    return toFailure(error, "progress");
  }
}

export async function recordVisitAction(lesson: string): Promise<ActionResult> {
  const parsed = slug.safeParse(lesson);
  if (!parsed.success) return fail("INVALID_INPUT", "Unknown lesson.");
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED", "Sign in to keep your place.");
  try {
    await recordVisit(user.id, parsed.data);
    return ok();
  } catch (error) {
    return toFailure(error, "progress");
  }
}
