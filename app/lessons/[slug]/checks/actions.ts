"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { AppError } from "@/lib/app-error";
import { clientAddress } from "@/lib/auth/server/rate-limit";
import { answerCheck } from "@/lib/checks/data/answers";
import { getCheckHint } from "@/lib/checks/server/public";
import type { AnsweredCheck } from "@/lib/checks/types";
import { defineAction } from "@/lib/server/action";
import { slugSchema } from "@/lib/validation";

const answerInput = z.strictObject({
  lesson: slugSchema,
  checkId: slugSchema,
  optionIds: z.array(z.string().max(40)).max(8).optional(),
  value: z.string().max(200).optional(),
});

/**
 * Grades one answer to an in-lesson check on the server. An account's answer is stored; a guest
 * gets a signed result to keep in the browser. Text that is not a number comes back as a field
 * error on `value` and counts as no answer.
 */
export const answerCheckAction = defineAction(
  { scope: "checks", input: answerInput, role: "GUEST", invalid: "That answer could not be sent. Reload the page and try again." },
  async (input, { user }): Promise<ActionResult<AnsweredCheck, "value">> => {
    try {
      const address = user ? "account" : clientAddress(await headers());
      return ok(await answerCheck({ userId: user?.id ?? null, address }, input));
    } catch (error) {
      // The field under the answer shows why; everything else is the wrapper's to report.
      if (error instanceof AppError && error.code === "NOT_A_NUMBER")
        return fail("NOT_A_NUMBER", error.message, { value: [error.message] });
      throw error;
    }
  },
);

const hintInput = z.strictObject({ lesson: slugSchema, checkId: slugSchema });

/**
 * A check's hint, on the reader's first "Show a hint". Hints are public content (the page used to
 * carry them all), so anyone may ask; an unknown lesson or check is NOT_FOUND.
 */
export const hintCheckAction = defineAction(
  { scope: "checks", input: hintInput, role: "GUEST", invalid: "That hint could not be fetched. Reload the page and try again." },
  async ({ lesson, checkId }): Promise<ActionResult<{ hint: string }>> => {
    const hint = getCheckHint(lesson, checkId);
    return hint === null ? fail("NOT_FOUND", "This check is not part of the lesson any more. Reload the page.") : ok({ hint });
  },
);
