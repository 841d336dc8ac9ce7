"use server";

import { z } from "zod";
import { fail, invalidInput, ok, type ActionResult } from "@/lib/action-result";
import { getCurrentUser } from "@/lib/auth/server/session";
import { toFailure } from "@/lib/server/errors";
import { cancelLabRun, retryLabCell, startLabRun } from "@/lib/lab/data/runs";
import { startRunInput } from "@/lib/lab/schemas";
import { IncompleteWriteUpError } from "@/lib/submissions/errors";
import { writeUpSchema, type SubmissionState, type WriteUp } from "@/lib/submissions/schemas";
import { getWriteUpState, saveWriteUpDraft, submitWriteUp } from "@/lib/submissions/data/store";

const id = z.string().min(1).max(40);

export async function startLabRunAction(input: unknown): Promise<ActionResult<{ runId: string }>> {
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED", "Your session ended. Sign in again; your prompts stay on this page.");
  const parsed = startRunInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return ok(await startLabRun(user, parsed.data));
  } catch (error) {
    return toFailure(error, "lab");
  }
}

export async function cancelLabRunAction(runId: string): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user || !id.safeParse(runId).success) return fail("UNAUTHENTICATED", "Sign in again to cancel this run.");
  try {
    await cancelLabRun(user, runId);
    return ok();
  } catch (error) {
    return toFailure(error, "lab");
  }
}

export async function retryLabCellAction(cellId: string): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user || !id.safeParse(cellId).success) return fail("UNAUTHENTICATED", "Sign in again to retry.");
  try {
    await retryLabCell(user, cellId);
    return ok();
  } catch (error) {
    return toFailure(error, "lab");
  }
}

const draftInput = z.strictObject({ revision: z.number().int().min(0), draft: writeUpSchema });

/** Autosave of the write-up draft; a CONFLICT means another tab saved first. */
export async function saveWriteUpDraftAction(input: unknown): Promise<ActionResult<{ revision: number; savedAt: string }>> {
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED", "Your session ended. Sign in again; your write-up is kept in this browser meanwhile.");
  const parsed = draftInput.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, "Part of the write-up could not be saved: a field is too long or not allowed.");
  try {
    return ok(await saveWriteUpDraft(user, parsed.data));
  } catch (error) {
    return toFailure(error, "write-up");
  }
}

/** The write-up as saved on the server (after a conflict, to see the other tab's version). */
export async function loadWriteUpAction(): Promise<
  ActionResult<{ draft: WriteUp; revision: number; savedAt: string | null; state: SubmissionState }>
> {
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED", "Your session ended. Sign in again.");
  try {
    const state = await getWriteUpState(user);
    return ok({ draft: state.draft, revision: state.revision, savedAt: state.savedAt, state: state.state });
  } catch (error) {
    return toFailure(error, "write-up");
  }
}

/** Submits the saved draft; an incomplete one comes back with each missing piece keyed by its field. */
export async function submitWriteUpAction(input: unknown): Promise<ActionResult<{ submissionId: string; version: number }>> {
  const user = await getCurrentUser();
  if (!user) return fail("UNAUTHENTICATED", "Your session ended. Sign in again; your write-up is saved.");
  const parsed = z.strictObject({ revision: z.number().int().min(0) }).safeParse(input);
  if (!parsed.success) return fail("INVALID_INPUT", "Reload the page and submit again.");
  try {
    return ok(await submitWriteUp(user, parsed.data));
  } catch (error) {
    if (error instanceof IncompleteWriteUpError) {
      return fail(error.code, error.message, Object.fromEntries(error.missing.map((m) => [m.field, [m.message]])));
    }
    return toFailure(error, "write-up");
  }
}
