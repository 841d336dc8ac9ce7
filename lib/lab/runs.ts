import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session";
import { getVisionPromptTemplate } from "@/lib/content/lessons";
import { expectedImageTokens, tokenFamilyOf } from "@/lib/images/tokens";
import { scoreVisibleText } from "@/lib/lab/accuracy";
import { getLabImageRow, readStoredImageBytes } from "@/lib/lab/image-store";
import { PROMPT_KINDS, type PromptKind } from "@/lib/lab/prompt-kinds";
import { buildTextOnlyPrompt, buildVisionPrompt, parseVisionOutput, promptSchema, visionOutputSchema } from "@/lib/lab/prompts";
import { getSample } from "@/lib/lab/samples";
import { semaphoreFor } from "@/lib/lab/semaphore";
import { notifyRunChanged } from "@/lib/lab/events";
import { findInstalledModel } from "@/lib/ollama/catalogue";
import { runChat, unloadModel } from "@/lib/ollama/chat";
import { OllamaError } from "@/lib/ollama/errors";
import { recognizeText } from "@/lib/ocr/tesseract";

export class LabRunError extends Error {
  constructor(
    readonly code: "RATE_LIMITED" | "NOT_FOUND" | "BAD_MODEL" | "BAD_INPUT" | "NOT_RETRYABLE",
    message: string,
  ) {
    super(message);
  }
}

export const startRunInput = z.strictObject({
  imageId: z.string().min(1).max(40),
  textModel: z.string().max(120).nullable(),
  visionModel: z.string().max(120).nullable(),
  prompts: z.strictObject({ easy: promptSchema, task: promptSchema, failure: promptSchema }),
  measureCold: z.boolean(),
});
export type StartRunInput = z.infer<typeof startRunInput>;

type CellRow = Awaited<ReturnType<typeof db.labCell.findUniqueOrThrow>>;

// Runs being executed by this process, so they can be cancelled and told apart from runs a
// restart interrupted.
const shared = globalThis as unknown as { lessonLabActiveRuns?: Map<string, AbortController> };
const activeRuns = (shared.lessonLabActiveRuns ??= new Map());

/**
 * Runs still going for this user. A run cannot outlive its cells' timeouts, so one older than that
 * (left "RUNNING" by a restart) no longer counts against the limit.
 */
function countRunsInFlight(userId: string): Promise<number> {
  const oldest = new Date(Date.now() - (env.LAB_CELL_TIMEOUT_S * 7 + 60) * 1000);
  return db.labRun.count({ where: { userId, status: { in: ["QUEUED", "RUNNING"] }, createdAt: { gte: oldest } } });
}

async function assertWithinLimits(userId: string) {
  const inFlight = await countRunsInFlight(userId);
  if (inFlight >= env.LAB_RUNS_IN_FLIGHT) {
    throw new LabRunError(
      "RATE_LIMITED",
      `You already have ${inFlight} runs going (the limit is ${env.LAB_RUNS_IN_FLIGHT}). Wait for one to finish or cancel it.`,
    );
  }
  const lastHour = await db.labRun.count({ where: { userId, createdAt: { gte: new Date(Date.now() - 3_600_000) } } });
  if (lastHour >= env.LAB_RUNS_PER_HOUR) {
    throw new LabRunError(
      "RATE_LIMITED",
      `You have started ${lastHour} runs in the last hour (the limit is ${env.LAB_RUNS_PER_HOUR}). Look at the ones you have; try again later.`,
    );
  }
}

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
  await assertWithinLimits(user.id);
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
      cells: { create: cells },
    },
  });
  void executeRun(run.id);
  return { runId: run.id };
}

type RunContext = {
  runId: string;
  image: Buffer;
  imageSize: { width: number; height: number };
  prompts: Record<PromptKind, string>;
  truth: string[] | null;
  signal: AbortSignal;
};

async function loadContext(
  runId: string,
  signal: AbortSignal,
): Promise<RunContext & { run: { textModel: string | null; visionModel: string | null; measureCold: boolean } }> {
  const run = await db.labRun.findUniqueOrThrow({ where: { id: runId }, include: { image: true } });
  const sample = run.image.sampleId ? getSample(run.image.sampleId) : null;
  return {
    runId,
    run,
    image: readStoredImageBytes(run.image),
    imageSize: { width: run.image.width, height: run.image.height },
    prompts: JSON.parse(run.prompts) as Record<PromptKind, string>,
    truth: sample?.visibleText ?? null,
    signal,
  };
}

async function executeRun(runId: string): Promise<void> {
  const controller = new AbortController();
  activeRuns.set(runId, controller);
  try {
    await db.labRun.update({ where: { id: runId }, data: { status: "RUNNING", startedAt: new Date() } });
    const ctx = await loadContext(runId, controller.signal);
    const cells = await db.labCell.findMany({ where: { runId, status: "PENDING" }, orderBy: { id: "asc" } });
    const byColumn = (column: string) =>
      PROMPT_KINDS.map((k) => cells.find((c) => c.column === column && c.promptKind === k)).filter((c): c is CellRow => Boolean(c));
    const lane = async (column: "TEXT" | "VISION", model: string | null) => {
      if (!model) return;
      if (ctx.run.measureCold) await unloadModel(model).catch(() => undefined);
      for (const cell of byColumn(column)) await runCell(cell, ctx);
    };
    const ocr = cells.find((c) => c.column === "OCR");
    // Both models and the OCR baseline run side by side; each model's three prompts in turn.
    await Promise.allSettled([
      lane("TEXT", ctx.run.textModel),
      lane("VISION", ctx.run.visionModel),
      ocr ? runCell(ocr, ctx) : Promise.resolve(),
    ]);
  } catch (error) {
    console.error("[lab] run failed", runId, error);
  } finally {
    activeRuns.delete(runId);
    const cancelled = controller.signal.aborted;
    await db.labRun
      .update({ where: { id: runId }, data: { status: cancelled ? "CANCELLED" : "DONE", finishedAt: new Date() } })
      .catch(() => undefined);
    notifyRunChanged(runId);
  }
}

/**
 * Writes arriving text to the database: the first token at once (time to first token is what
 * the student watches), then in batches every 100 ms. Each write wakes the run's event streams.
 */
function batchedWriter(runId: string, cellId: string) {
  let pending: string | null = null;
  let timer: NodeJS.Timeout | null = null;
  let hasWritten = false;
  let chain = Promise.resolve();
  const flush = () => {
    timer = null;
    if (pending === null) return chain;
    const output = pending;
    pending = null;
    chain = chain
      .then(() => db.labCell.update({ where: { id: cellId }, data: { output } }))
      .then(() => notifyRunChanged(runId))
      .catch(() => undefined);
    return chain;
  };
  return {
    write(soFar: string) {
      pending = soFar;
      if (!hasWritten) {
        hasWritten = true;
        void flush();
      } else {
        timer ??= setTimeout(flush, 100);
      }
    },
    async close() {
      if (timer) clearTimeout(timer);
      await flush();
    },
  };
}

/** Read per cell, so a changed setting applies to the next cell. */
function cellTimeoutMs(): number {
  return env.LAB_CELL_TIMEOUT_S * 1000;
}

function numCtxFor(imageTokens: number): number {
  return Math.max(4096, Math.ceil((imageTokens + 2048) / 1024) * 1024);
}

async function runCell(cell: CellRow, ctx: RunContext): Promise<void> {
  try {
    await runCellInner(cell, ctx);
  } finally {
    notifyRunChanged(ctx.runId);
  }
}

async function runCellInner(cell: CellRow, ctx: RunContext): Promise<void> {
  if (ctx.signal.aborted) {
    await db.labCell.update({ where: { id: cell.id }, data: { status: "CANCELLED", finishedAt: new Date() } });
    return;
  }
  await db.labCell.update({
    where: { id: cell.id },
    data: { status: "RUNNING", startedAt: new Date(), attempts: { increment: 1 }, output: "", error: null, errorCode: null },
  });
  notifyRunChanged(ctx.runId);
  const writer = batchedWriter(ctx.runId, cell.id);
  try {
    if (cell.column === "OCR") {
      const result = await recognizeText(ctx.image);
      await db.labCell.update({
        where: { id: cell.id },
        data: {
          status: "DONE",
          output: result.text,
          metrics: JSON.stringify({ ocrMs: result.ms, confidence: result.confidence, words: result.words }),
          accuracy: ctx.truth ? JSON.stringify(scoreVisibleText(ctx.truth, result.text)) : null,
          finishedAt: new Date(),
        },
      });
      return;
    }
    const model = cell.model!;
    const studentPrompt = ctx.prompts[cell.promptKind as PromptKind];
    const isVision = cell.column === "VISION";
    const installed = await findInstalledModel(model);
    const family = installed ? tokenFamilyOf(installed.family) : null;
    const expectedTokens = isVision && family ? expectedImageTokens(ctx.imageSize.width, ctx.imageSize.height, family) : null;
    const release = await semaphoreFor(`${env.OLLAMA_HOST}|${model}`, env.LAB_MODEL_CONCURRENCY).acquire(ctx.signal);
    try {
      const template = getVisionPromptTemplate();
      const result = await runChat({
        model,
        prompt: isVision ? buildVisionPrompt(template, studentPrompt) : buildTextOnlyPrompt(studentPrompt),
        // The text-only column never gets the image: that is the comparison.
        ...(isVision ? { images: [ctx.image], format: visionOutputSchema(template) } : {}),
        options: { temperature: 0, seed: 42, num_ctx: numCtxFor(expectedTokens ?? 0) },
        signal: ctx.signal,
        timeoutMs: cellTimeoutMs(),
        onText: (_delta, soFar) => writer.write(soFar),
      });
      await writer.close();
      const structured = isVision ? parseVisionOutput(result.text) : null;
      const scoredText = structured?.ok ? structured.value.visible_text.join("\n") : result.text;
      await db.labCell.update({
        where: { id: cell.id },
        data: {
          status: "DONE",
          output: result.text,
          structured: structured?.ok ? JSON.stringify(structured.value) : null,
          metrics: JSON.stringify({ ...result.metrics, expectedImageTokens: expectedTokens, resident: result.resident }),
          stamp: JSON.stringify(result.stamp),
          accuracy: ctx.truth ? JSON.stringify(scoreVisibleText(ctx.truth, scoredText)) : null,
          finishedAt: new Date(),
        },
      });
    } finally {
      release();
    }
  } catch (error) {
    await writer.close();
    const e = error instanceof OllamaError ? error : null;
    const cancelled = ctx.signal.aborted || e?.code === "ABORTED";
    if (!e && !cancelled) console.error("[lab] cell failed", cell.id, error);
    await db.labCell.update({
      where: { id: cell.id },
      data: {
        status: cancelled ? "CANCELLED" : "FAILED",
        // What arrived before the failure is kept.
        ...(e?.partialText ? { output: e.partialText } : {}),
        errorCode: cancelled ? "ABORTED" : (e?.code ?? "INTERNAL"),
        error: cancelled ? "Cancelled." : (e?.message ?? "This cell failed on the server. Retry it."),
        finishedAt: new Date(),
      },
    });
  }
}

export async function cancelLabRun(user: SessionUser, runId: string): Promise<void> {
  const run = await db.labRun.findUnique({ where: { id: runId }, select: { userId: true, status: true } });
  if (!run || run.userId !== user.id) throw new LabRunError("NOT_FOUND", "That run is not yours or no longer exists.");
  activeRuns.get(runId)?.abort();
  await db.labCell.updateMany({
    where: { runId, status: "PENDING" },
    data: { status: "CANCELLED", errorCode: "ABORTED", error: "Cancelled.", finishedAt: new Date() },
  });
  if (!activeRuns.has(runId))
    await db.labRun.updateMany({
      where: { id: runId, status: { in: ["QUEUED", "RUNNING"] } },
      data: { status: "CANCELLED", finishedAt: new Date() },
    });
}

/** Runs a failed, cancelled or interrupted cell again; the earlier attempt's output is kept in `previous`. */
export async function retryLabCell(user: SessionUser, cellId: string): Promise<void> {
  const cell = await db.labCell.findUnique({ where: { id: cellId }, include: { run: { select: { userId: true, id: true } } } });
  if (!cell || cell.run.userId !== user.id) throw new LabRunError("NOT_FOUND", "That result is not yours or no longer exists.");
  if (activeRuns.has(cell.runId))
    throw new LabRunError("NOT_RETRYABLE", "Wait for the run to finish (or cancel it) before retrying a cell.");
  const interrupted = cell.status === "RUNNING" || cell.status === "PENDING";
  if (!["FAILED", "CANCELLED"].includes(cell.status) && !interrupted)
    throw new LabRunError("NOT_RETRYABLE", "Only a failed, cancelled or interrupted cell can be retried.");
  // A retry counts against the runs in flight, not against the hourly allowance.
  const inFlight = await countRunsInFlight(user.id);
  if (inFlight >= env.LAB_RUNS_IN_FLIGHT)
    throw new LabRunError("RATE_LIMITED", `You already have ${inFlight} runs going. Wait for one to finish, then retry.`);
  const previous = [
    ...(cell.previous ? (JSON.parse(cell.previous) as unknown[]) : []),
    { output: cell.output, error: cell.error, errorCode: cell.errorCode, at: new Date().toISOString() },
  ];
  await db.labCell.update({ where: { id: cellId }, data: { status: "PENDING", previous: JSON.stringify(previous) } });
  await db.labRun.update({ where: { id: cell.runId }, data: { status: "QUEUED", finishedAt: null } });
  void executeRun(cell.runId);
}

export type LabCellView = {
  id: string;
  column: "TEXT" | "VISION" | "OCR";
  promptKind: string;
  model: string | null;
  status: "PENDING" | "RUNNING" | "DONE" | "FAILED" | "CANCELLED" | "INTERRUPTED";
  output: string;
  structured: unknown;
  metrics: Record<string, unknown> | null;
  stamp: Record<string, unknown> | null;
  accuracy: { wordRecall: number; wordPrecision: number; charErrorRate: number } | null;
  error: string | null;
  errorCode: string | null;
  attempts: number;
  previous: { output: string; error: string | null }[];
};

export type LabRunView = {
  id: string;
  status: string;
  isActive: boolean;
  createdAt: string;
  finishedAt: string | null;
  textModel: string | null;
  visionModel: string | null;
  measureCold: boolean;
  prompts: Record<PromptKind, string>;
  imageId: string;
  sampleId: string | null;
  cells: LabCellView[];
  version: string;
};

const parseJson = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

/** A run with every cell as stored so far; for its owner and for instructors. */
export async function getLabRunView(viewer: SessionUser, runId: string): Promise<LabRunView | null> {
  const run = await db.labRun.findUnique({ where: { id: runId }, include: { cells: true, image: { select: { sampleId: true } } } });
  if (!run || (run.userId !== viewer.id && !hasRole(viewer, "INSTRUCTOR"))) return null;
  const isActive = activeRuns.has(run.id);
  const order = (c: { column: string; promptKind: string }) =>
    ["TEXT", "VISION", "OCR"].indexOf(c.column) * 10 + [...PROMPT_KINDS, "ocr"].indexOf(c.promptKind as PromptKind);
  const cells = [...run.cells]
    .sort((a, b) => order(a) - order(b))
    .map((c): LabCellView => ({
      id: c.id,
      column: c.column as LabCellView["column"],
      promptKind: c.promptKind,
      model: c.model,
      // A cell left running by a process that is gone was interrupted: it can be retried.
      status:
        (c.status === "RUNNING" || c.status === "PENDING") && !isActive && run.status !== "QUEUED"
          ? "INTERRUPTED"
          : (c.status as LabCellView["status"]),
      output: c.output,
      structured: parseJson(c.structured),
      metrics: parseJson(c.metrics),
      stamp: parseJson(c.stamp),
      accuracy: parseJson(c.accuracy),
      error: c.error,
      errorCode: c.errorCode,
      attempts: c.attempts,
      previous: parseJson(c.previous) ?? [],
    }));
  const version = cells.map((c) => `${c.id}:${c.status}:${c.output.length}:${c.attempts}`).join("|") + run.status;
  return {
    id: run.id,
    status: isActive ? "RUNNING" : run.status === "RUNNING" || run.status === "QUEUED" ? "INTERRUPTED" : run.status,
    isActive,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    textModel: run.textModel,
    visionModel: run.visionModel,
    measureCold: run.measureCold,
    prompts: JSON.parse(run.prompts) as Record<PromptKind, string>,
    imageId: run.imageId,
    sampleId: run.image.sampleId,
    cells,
    version,
  };
}

export async function listLabRuns(user: SessionUser) {
  const runs = await db.labRun.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
    take: 30,
    select: {
      id: true,
      status: true,
      createdAt: true,
      textModel: true,
      visionModel: true,
      image: { select: { fileName: true, sampleId: true } },
    },
  });
  return runs.map((r) => ({ ...r, status: activeRuns.has(r.id) ? "RUNNING" : r.status, createdAt: r.createdAt.toISOString() }));
}

/** For tests and shutdown: resolves when no run of this process is executing. */
export async function waitForIdleRuns(timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (activeRuns.size > 0 && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 50));
}
