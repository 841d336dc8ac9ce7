"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { cancelLabRun, LabRunError, retryLabCell, startLabRun, startRunInput } from "@/lib/lab/runs";

export type LabActionResult<T = undefined> =
  { ok: true; value: T } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

const id = z.string().min(1).max(40);

function failure(error: unknown): { ok: false; message: string } {
  if (error instanceof LabRunError) return { ok: false, message: error.message };
  console.error("[lab]", error);
  return { ok: false, message: "The server could not do that. Nothing you entered is lost; try again." };
}

export async function startLabRunAction(input: unknown): Promise<LabActionResult<{ runId: string }>> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: "Your session ended. Sign in again; your prompts stay on this page." };
  const parsed = startRunInput.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: "Check the highlighted fields.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
    };
  }
  try {
    return { ok: true, value: await startLabRun(user, parsed.data) };
  } catch (error) {
    return failure(error);
  }
}

export async function cancelLabRunAction(runId: string): Promise<LabActionResult> {
  const user = await getCurrentUser();
  if (!user || !id.safeParse(runId).success) return { ok: false, message: "Sign in again to cancel this run." };
  try {
    await cancelLabRun(user, runId);
    return { ok: true, value: undefined };
  } catch (error) {
    return failure(error);
  }
}

export async function retryLabCellAction(cellId: string): Promise<LabActionResult> {
  const user = await getCurrentUser();
  if (!user || !id.safeParse(cellId).success) return { ok: false, message: "Sign in again to retry." };
  try {
    await retryLabCell(user, cellId);
    return { ok: true, value: undefined };
  } catch (error) {
    return failure(error);
  }
}
