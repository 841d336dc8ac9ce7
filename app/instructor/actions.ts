"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/action-result";
import { ALL_CLASSES, instructorScope } from "@/lib/classes/data/scope";
import { CLASS_COOKIE } from "@/lib/classes/server/class-choice";
import { defineFormAction } from "@/lib/server/action";
import { idSchema } from "@/lib/validation";

export type ChooseClassState = ActionResult<{ classId: string }, "classId"> | null;

/** The instructor pages' "Class": remembered by this browser, checked against the classes taught. */
export const chooseClassAction = defineFormAction(
  {
    scope: "classes",
    input: z.object({ classId: z.union([z.literal(ALL_CLASSES), idSchema]) }),
    role: "INSTRUCTOR",
    invalid: "Choose one of your classes.",
  },
  async ({ classId }, { user }): Promise<NonNullable<ChooseClassState>> => {
    const scope = await instructorScope(user);
    if (classId !== ALL_CLASSES && !scope.taughtIds.includes(classId)) return fail("NOT_FOUND", "No class of yours has this id.");
    (await cookies()).set(CLASS_COOKIE, classId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
    return ok({ classId });
  },
);
