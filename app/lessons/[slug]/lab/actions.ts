"use server";

import { z } from "zod";
import { fail, invalidInput, ok, type ActionResult } from "@/lib/action-result";
import { getCurrentUser } from "@/lib/auth/session";
import { toFailure } from "@/lib/errors";
import { cancelLabRun, retryLabCell, startLabRun } from "@/lib/lab/runs";
import { startRunInput } from "@/lib/lab/schemas";

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
