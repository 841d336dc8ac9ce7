"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { classCodeSchema } from "@/lib/classes/codes";
import { ClassCodeError, joinClass } from "@/lib/classes/data/classes";
import { defineFormAction } from "@/lib/server/action";

export type JoinClassState = ActionResult<{ name: string; alreadyMember: boolean }, "code"> | null;

/** Joins the class a code (typed, or from a join link) opens, as a student. */
export const joinClassAction = defineFormAction(
  {
    scope: "classes",
    input: z.object({ code: classCodeSchema }),
    role: "STUDENT",
    invalid: "Check the class code.",
    kept: "the code stays in the field",
  },
  async ({ code }, { user }): Promise<NonNullable<JoinClassState>> => {
    try {
      const joined = await joinClass(user, code);
      revalidatePath("/join");
      return ok({ name: joined.name, alreadyMember: joined.alreadyMember });
    } catch (error) {
      if (!(error instanceof ClassCodeError)) throw error;
      return fail<"code">(error.code, error.message, { code: [error.message] });
    }
  },
);
