"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { clientAddress } from "@/lib/auth/server/rate-limit";
import { getCurrentUser } from "@/lib/auth/server/session";
import { answerCheck } from "@/lib/checks/data/answers";
import type { AnsweredCheck } from "@/lib/checks/types";
import { toFailure } from "@/lib/server/errors";

const answerInput = z.strictObject({
  lesson: z.string().regex(/^[a-z0-9-]{1,100}$/),
  checkId: z.string().regex(/^[a-z0-9-]{1,100}$/),
  optionIds: z.array(z.string().max(40)).max(8).optional(),
  value: z.string().max(200).optional(),
});

/**
 * Grades one answer to an in-lesson check on the server. An account's answer is stored; a guest
 * gets a signed result to keep in the browser. Text that is not a number comes back as a field
 * error on `value` and counts as no answer.
 */
export async function answerCheckAction(input: z.input<typeof answerInput>): Promise<ActionResult<AnsweredCheck, "value">> {
  const parsed = answerInput.safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", "That answer could not be sent. Reload the page and try again.");
  try {
    const user = await getCurrentUser();
    const address = user ? "account" : clientAddress(await headers());
    return ok(await answerCheck({ userId: user?.id ?? null, address }, parsed.data));
  } catch (error) {
    const failure = toFailure(error, "checks");
    if (failure.code === "NOT_A_NUMBER") return fail("NOT_A_NUMBER", failure.message, { value: [failure.message] });
    return failure;
  }
}
