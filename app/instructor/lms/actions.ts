"use server";

import { revalidatePath } from "next/cache";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { env } from "@/lib/env";
import { DuplicatePlatformError, registerPlatform, removePlatform } from "@/lib/lti/data/platforms";
import { platformInputSchema, type PlatformField } from "@/lib/lti/platform-input";
import { defineAction, defineFormAction } from "@/lib/server/action";
import { idSchema } from "@/lib/validation";

export type RegisterPlatformState = ActionResult<{ id: string; name: string }, PlatformField> | null;

/**
 * "Register platform": a course site whose launches sign people in from now on. Instructors with a
 * password only (registerPlatform decides); plain http addresses only with LTI_ALLOW_HTTP.
 */
export const registerPlatformAction = defineFormAction(
  {
    scope: "lti platforms",
    input: platformInputSchema({ allowHttp: env.LTI_ALLOW_HTTP }),
    role: "INSTRUCTOR",
    invalid: "Check the highlighted fields: each says what your LMS calls it.",
  },
  async (input, { user }): Promise<NonNullable<RegisterPlatformState>> => {
    try {
      const registered = await registerPlatform(user, input);
      revalidatePath("/instructor/lms");
      return ok(registered);
    } catch (error) {
      if (!(error instanceof DuplicatePlatformError)) throw error;
      return fail<PlatformField>(error.code, "Check the client ID.", { clientId: [error.message] });
    }
  },
);

/** Removes a registration the caller made: launches from it stop; the accounts they made stay. */
export const removePlatformAction = defineAction(
  { scope: "lti platforms", input: idSchema, role: "INSTRUCTOR", invalid: "Unknown course site." },
  async (id, { user }) => {
    const removed = await removePlatform(user, id);
    revalidatePath("/instructor/lms");
    return ok(removed);
  },
);
