import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getVisionPromptTemplate } from "@/lib/content/lessons";
import { expectedImageTokens, tokenFamilyOf } from "@/lib/images/tokens";
import { scoreVisibleText } from "@/lib/lab/accuracy";
import { notifyRunChanged } from "@/lib/lab/events";
import { readStoredImageBytes } from "@/lib/lab/image-store";
import { PROMPT_KINDS, type PromptKind } from "@/lib/lab/prompt-kinds";
import { buildTextOnlyPrompt, buildVisionPrompt, parseVisionOutput } from "@/lib/lab/prompts";
import { getSample } from "@/lib/lab/samples";
import { runPromptsSchema, visionOutputJsonSchema, type ModelMetrics, type OcrMetrics, type RunPrompts } from "@/lib/lab/schemas";
import { semaphoreFor } from "@/lib/lab/semaphore";
import { findInstalledModel } from "@/lib/ollama/catalogue";
import { runChat, unloadModel } from "@/lib/ollama/chat";
import { OllamaError } from "@/lib/ollama/errors";
import { recognizeText } from "@/lib/ocr/tesseract";

// The background runner: one executor per run drives every cell (both model lanes side by side,
// each model's prompts in turn, and the OCR baseline) and writes what arrives as it arrives.

type CellRow = Awaited<ReturnType<typeof db.labCell.findUniqueOrThrow>>;

// Runs being executed by this process, so they can be cancelled and told apart from runs a
// restart interrupted. On globalThis: each route is its own bundle.
const shared = globalThis as unknown as { lessonLabActiveRuns?: Map<string, AbortController> };
const activeRuns = (shared.lessonLabActiveRuns ??= new Map());

export function isRunActive(runId: string): boolean {
  return activeRuns.has(runId);
}

export function abortRun(runId: string): void {
  activeRuns.get(runId)?.abort();
}

/** For tests and shutdown: resolves when no run of this process is executing. */
export async function waitForIdleRuns(timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (activeRuns.size > 0 && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 50));
}

type RunContext = {
  runId: string;
  image: Buffer;
  imageSize: { width: number; height: number };
  prompts: RunPrompts;
  truth: string[] | null;
  signal: AbortSignal;
};

async function loadContext(runId: string, signal: AbortSignal) {
  const run = await db.labRun.findUniqueOrThrow({ where: { id: runId }, include: { image: true } });
  const sample = run.image.sampleId ? getSample(run.image.sampleId) : null;
  const context: RunContext = {
    runId,
    image: readStoredImageBytes(run.image),
    imageSize: { width: run.image.width, height: run.image.height },
    prompts: runPromptsSchema.parse(JSON.parse(run.prompts)),
    truth: sample?.visibleText ?? null,
    signal,
  };
  return { context, run };
}

/** Executes the run's pending cells. Started without awaiting: closing the page does not stop it. */
export async function executeRun(runId: string): Promise<void> {
  const controller = new AbortController();
  activeRuns.set(runId, controller);
  try {
    await db.labRun.update({ where: { id: runId }, data: { status: "RUNNING", startedAt: new Date() } });
    const { context, run } = await loadContext(runId, controller.signal);
    const cells = await db.labCell.findMany({ where: { runId, status: "PENDING" }, orderBy: { id: "asc" } });
    const byColumn = (column: string) =>
      PROMPT_KINDS.map((k) => cells.find((c) => c.column === column && c.promptKind === k)).filter((c): c is CellRow => Boolean(c));
    const lane = async (column: "TEXT" | "VISION", model: string | null) => {
      if (!model) return;
      if (run.measureCold) await unloadModel(model).catch(() => undefined);
      for (const cell of byColumn(column)) await runCell(cell, context);
    };
    const ocr = cells.find((c) => c.column === "OCR");
    await Promise.allSettled([
      lane("TEXT", run.textModel),
      lane("VISION", run.visionModel),
      ocr ? runCell(ocr, context) : Promise.resolve(),
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

function numCtxFor(imageTokens: number): number {
  return Math.max(4096, Math.ceil((imageTokens + 2048) / 1024) * 1024);
}

type Writer = ReturnType<typeof batchedWriter>;

async function runCell(cell: CellRow, ctx: RunContext): Promise<void> {
  try {
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
      if (cell.column === "OCR") await runOcrCell(cell, ctx);
      else await runModelCell(cell, ctx, writer);
    } catch (error) {
      await writer.close();
      await recordCellFailure(cell, ctx, error);
    }
  } finally {
    notifyRunChanged(ctx.runId);
  }
}

async function runOcrCell(cell: CellRow, ctx: RunContext): Promise<void> {
  const result = await recognizeText(ctx.image);
  const metrics: OcrMetrics = { ocrMs: result.ms, confidence: result.confidence, words: result.words };
  await db.labCell.update({
    where: { id: cell.id },
    data: {
      status: "DONE",
      output: result.text,
      metrics: JSON.stringify(metrics),
      accuracy: ctx.truth ? JSON.stringify(scoreVisibleText(ctx.truth, result.text)) : null,
      finishedAt: new Date(),
    },
  });
}

async function runModelCell(cell: CellRow, ctx: RunContext, writer: Writer): Promise<void> {
  const model = cell.model!;
  const studentPrompt = ctx.prompts[cell.promptKind as PromptKind];
  const isVision = cell.column === "VISION";
  const installed = await findInstalledModel(model);
  const family = installed ? tokenFamilyOf(installed.family) : null;
  const expectedTokens = isVision && family ? expectedImageTokens(ctx.imageSize.width, ctx.imageSize.height, family) : null;
  const release = await semaphoreFor(`${env.OLLAMA_HOST}|${model}`, env.LAB_MODEL_CONCURRENCY).acquire(ctx.signal);
  try {
    const result = await runChat({
      model,
      prompt: isVision ? buildVisionPrompt(getVisionPromptTemplate(), studentPrompt) : buildTextOnlyPrompt(studentPrompt),
      // The text-only column never gets the image: that is the comparison.
      ...(isVision ? { images: [ctx.image], format: visionOutputJsonSchema() } : {}),
      options: { temperature: 0, seed: 42, num_ctx: numCtxFor(expectedTokens ?? 0) },
      signal: ctx.signal,
      // Read per cell, so a changed setting applies to the next cell.
      timeoutMs: env.LAB_CELL_TIMEOUT_S * 1000,
      onText: (_delta, soFar) => writer.write(soFar),
    });
    await writer.close();
    const structured = isVision ? parseVisionOutput(result.text) : null;
    const scoredText = structured?.ok ? structured.value.visible_text.join("\n") : result.text;
    const metrics: ModelMetrics = { ...result.metrics, expectedImageTokens: expectedTokens, resident: result.resident };
    await db.labCell.update({
      where: { id: cell.id },
      data: {
        status: "DONE",
        output: result.text,
        structured: structured?.ok ? JSON.stringify(structured.value) : null,
        metrics: JSON.stringify(metrics),
        stamp: JSON.stringify(result.stamp),
        accuracy: ctx.truth ? JSON.stringify(scoreVisibleText(ctx.truth, scoredText)) : null,
        finishedAt: new Date(),
      },
    });
  } finally {
    release();
  }
}

async function recordCellFailure(cell: CellRow, ctx: RunContext, error: unknown): Promise<void> {
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
