import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session";
import { LabRunError } from "@/lib/lab/errors";
import { getLabImageRow } from "@/lib/lab/image-store";
import { assertRunSlotFree, assertWithinRunLimits } from "@/lib/lab/limits";
import { PROMPT_KINDS } from "@/lib/lab/prompt-kinds";
import { abortRun, executeRun, isRunActive } from "@/lib/lab/runner";
import { ALL_DEFENCES, NO_PREDICTIONS, previousAttemptsSchema, type StartRunInput } from "@/lib/lab/schemas";
import { findInstalledModel } from "@/lib/ollama/catalogue";
import { OllamaError } from "@/lib/ollama/errors";
import { readJsonColumn } from "@/lib/json-column";

// Starting, cancelling and retrying lab runs: the checks, then the rows, then the runner.

async function checkModel(name: string | null, kind: "text" | "vision"): Promise<void> {
  if (!name) return;
  const model = await findInstalledModel(name).catch((error: unknown) => {
    if (error instanceof OllamaError) throw new LabRunError("BAD_MODEL", error.message);
    throw error;
  });
  if (!model) throw new LabRunError("BAD_MODEL", `"${name}" is not installed in Ollama. Install it with: ollama pull ${name}`);
  if (model.kind !== kind) {
    throw new LabRunError(
      "BAD_MODEL",
      kind === "vision"
        ? `"${name}" cannot see images: choose a vision model.`
        : `"${name}" is a vision model: choose a text-only model for this column.`,
    );
  }
}

/** Creates the run and its cells, then executes it in the background: closing the page does not stop it. */
export async function startLabRun(user: SessionUser, input: StartRunInput): Promise<{ runId: string }> {
  const image = await getLabImageRow(input.imageId);
  if (!image || image.ownerId !== user.id)
    throw new LabRunError("NOT_FOUND", "That screenshot is not yours or no longer exists. Choose it again.");
  await assertWithinRunLimits(user.id);
  await Promise.all([checkModel(input.textModel, "text"), checkModel(input.visionModel, "vision")]);
  const cells: { column: string; promptKind: string; model: string | null }[] = [];
  for (const kind of PROMPT_KINDS) {
    if (input.textModel) cells.push({ column: "TEXT", promptKind: kind, model: input.textModel });
    if (input.visionModel) cells.push({ column: "VISION", promptKind: kind, model: input.visionModel });
  }
  cells.push({ column: "OCR", promptKind: "ocr", model: null });
  const run = await db.labRun.create({
    data: {
      userId: user.id,
      imageId: image.id,
      lessonSlug: "local-qwen-vl",
      textModel: input.textModel,
      visionModel: input.visionModel,
      prompts: JSON.stringify(input.prompts),
      measureCold: input.measureCold,
      defences: JSON.stringify(input.defences ?? ALL_DEFENCES),
      predictions: JSON.stringify(input.predictions ?? NO_PREDICTIONS),
      cells: { create: cells },
    },
  });
  void executeRun(run.id);
  return { runId: run.id };
}

export async function cancelLabRun(user: SessionUser, runId: string): Promise<void> {
  const run = await db.labRun.findUnique({ where: { id: runId }, select: { userId: true, status: true } });
  if (!run || run.userId !== user.id) throw new LabRunError("NOT_FOUND", "That run is not yours or no longer exists.");
  abortRun(runId);
  await db.labCell.updateMany({
    where: { runId, status: "PENDING" },
    data: { status: "CANCELLED", errorCode: "ABORTED", error: "Cancelled.", finishedAt: new Date() },
  });
  if (!isRunActive(runId)) {
    await db.labRun.updateMany({
      where: { id: runId, status: { in: ["QUEUED", "RUNNING"] } },
      data: { status: "CANCELLED", finishedAt: new Date() },
    });
  }
}

/** Runs a failed, cancelled or interrupted cell again; the earlier attempt's output is kept in `previous`. */
export async function retryLabCell(user: SessionUser, cellId: string): Promise<void> {
  const cell = await db.labCell.findUnique({ where: { id: cellId }, include: { run: { select: { userId: true, id: true } } } });
  if (!cell || cell.run.userId !== user.id) throw new LabRunError("NOT_FOUND", "That result is not yours or no longer exists.");
  if (isRunActive(cell.runId)) throw new LabRunError("NOT_RETRYABLE", "Wait for the run to finish (or cancel it) before retrying a cell.");
  const interrupted = cell.status === "RUNNING" || cell.status === "PENDING";
  const empty = cell.status === "DONE" && cell.errorCode === "EMPTY_ANSWER";
  if (!["FAILED", "CANCELLED"].includes(cell.status) && !interrupted && !empty) {
    throw new LabRunError("NOT_RETRYABLE", "Only a failed, cancelled, interrupted or empty cell can be retried.");
  }
  await assertRunSlotFree(user.id, "Wait for one to finish, then retry.");
  const previous = [
    ...(readJsonColumn(previousAttemptsSchema, cell.previous, `cell ${cell.id} previous`) ?? []),
    { output: cell.output, error: cell.error, errorCode: cell.errorCode, at: new Date().toISOString() },
  ];
  await db.labCell.update({ where: { id: cellId }, data: { status: "PENDING", previous: JSON.stringify(previous) } });
  await db.labRun.update({ where: { id: cell.runId }, data: { status: "QUEUED", finishedAt: null } });
  void executeRun(cell.runId);
}
