"use server";

import { z } from "zod";
import { ok } from "@/lib/action-result";
import { recordVisit, setStepDone } from "@/lib/progress/data/store";
import { defineAction } from "@/lib/server/action";
import { slugSchema } from "@/lib/validation";

const stepInput = z.strictObject({ lesson: slugSchema, step: slugSchema, done: z.boolean() });

export const setStepDoneAction = defineAction(
  { scope: "progress", input: stepInput, role: "STUDENT", invalid: "That step could not be saved." },
  async ({ lesson, step, done }, { user }) => {
    await setStepDone(user.id, lesson, step, done);
    return ok();
  },
);

export const recordVisitAction = defineAction(
  { scope: "progress", input: slugSchema, role: "STUDENT", invalid: "Unknown lesson." },
  async (lesson, { user }) => {
    await recordVisit(user.id, lesson);
    return ok();
  },
);
