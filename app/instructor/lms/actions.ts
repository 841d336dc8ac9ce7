"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { instructorScope } from "@/lib/classes/data/scope";
import { env } from "@/lib/env";
import { retryScore } from "@/lib/lti/data/outbox-view";
import { DuplicatePlatformError, registerPlatform, removePlatform } from "@/lib/lti/data/platforms";
import { SCORE_POLICIES, type ScorePolicy } from "@/lib/lti/ags";
import { setScorePolicy } from "@/lib/lti/data/quiz-links";
import { syncRoster } from "@/lib/lti/data/roster";
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

/** "Retry now" on a score that failed: sent again at once. Only for a class the caller teaches. */
export const retryScoreAction = defineAction(
  { scope: "lti outbox", input: idSchema, role: "INSTRUCTOR", invalid: "Unknown score." },
  async (id, { user }) => {
    const retried = await retryScore(await instructorScope(user), id);
    revalidatePath("/instructor/lms");
    return ok(retried);
  },
);

/** "Sync roster": the course site's members into the class. Only for a class the caller teaches. */
export const syncRosterAction = defineAction(
  { scope: "lti roster", input: idSchema, role: "INSTRUCTOR", invalid: "Unknown class." },
  async (classId, { user }) => {
    const synced = await syncRoster(await instructorScope(user), classId);
    revalidatePath("/instructor/lms");
    return ok(synced);
  },
);

export type ScorePolicyState = ActionResult<{ policy: ScorePolicy }, "policy"> | null;

/** "Quiz score sent": the best attempt or the latest, for one quiz link of a class the caller teaches. */
export const setScorePolicyAction = defineFormAction(
  {
    scope: "lti quiz links",
    input: z.object({ linkId: idSchema, policy: z.enum(SCORE_POLICIES, { error: "Choose the best attempt or the latest." }) }),
    role: "INSTRUCTOR",
    invalid: "Choose the best attempt or the latest.",
  },
  async ({ linkId, policy }, { user }): Promise<NonNullable<ScorePolicyState>> => {
    await setScorePolicy(await instructorScope(user), linkId, policy);
    revalidatePath("/instructor/lms");
    return ok({ policy });
  },
);
