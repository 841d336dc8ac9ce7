"use server";

import { z } from "zod";
import { fail, ok } from "@/lib/action-result";
import { cancelLabRun, retryLabCell, startLabRun } from "@/lib/lab/data/runs";
import { startRunInput } from "@/lib/lab/schemas";
import { defineAction } from "@/lib/server/action";
import { IncompleteWriteUpError } from "@/lib/submissions/errors";
import { SubmitClassError } from "@/lib/submissions/data/submit-class";
import { writeUpSchema } from "@/lib/submissions/schemas";
import { getWriteUpState, saveWriteUpDraft, submitWriteUp } from "@/lib/submissions/data/store";
import { fromUnknown, idSchema, revisionSchema } from "@/lib/validation";

export const startLabRunAction = defineAction(
  { scope: "lab", input: fromUnknown(startRunInput), role: "STUDENT", kept: "your prompts stay on this page" },
  async (input, { user }) => ok(await startLabRun(user, input)),
);

export const cancelLabRunAction = defineAction(
  { scope: "lab", input: idSchema, role: "STUDENT", invalid: "Unknown run." },
  async (runId, { user }) => {
    await cancelLabRun(user, runId);
    return ok();
  },
);

export const retryLabCellAction = defineAction(
  { scope: "lab", input: idSchema, role: "STUDENT", invalid: "Unknown answer." },
  async (cellId, { user }) => {
    await retryLabCell(user, cellId);
    return ok();
  },
);

const draftInput = z.strictObject({ revision: revisionSchema, draft: writeUpSchema });

/** Autosave of the write-up draft; a CONFLICT means another tab saved first. */
export const saveWriteUpDraftAction = defineAction(
  {
    scope: "write-up",
    input: fromUnknown(draftInput),
    role: "STUDENT",
    kept: "your write-up is kept in this browser meanwhile",
    invalid: "Part of the write-up could not be saved: a field is too long or not allowed.",
  },
  async (input, { user }) => ok(await saveWriteUpDraft(user, input)),
);

/** The write-up as saved on the server (after a conflict, to see the other tab's version). */
export const loadWriteUpAction = defineAction({ scope: "write-up", input: z.void(), role: "STUDENT" }, async (_none, { user }) => {
  const { draft, revision, savedAt, state } = await getWriteUpState(user);
  return ok({ draft, revision, savedAt, state });
});

/** Submits the saved draft; an incomplete one comes back with each missing piece keyed by its field. */
export const submitWriteUpAction = defineAction(
  {
    scope: "write-up",
    input: fromUnknown(z.strictObject({ revision: revisionSchema, classId: idSchema.optional() })),
    role: "STUDENT",
    kept: "your write-up is saved",
    invalid: "Reload the page and submit again.",
  },
  async (input, { user }) => {
    try {
      return ok(await submitWriteUp(user, input));
    } catch (error) {
      if (error instanceof SubmitClassError) return fail(error.code, error.message, { classId: [error.message] });
      if (!(error instanceof IncompleteWriteUpError)) throw error;
      return fail(error.code, error.message, Object.fromEntries(error.missing.map((m) => [m.field, [m.message]])));
    }
  },
);
