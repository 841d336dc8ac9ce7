import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getVisionPromptTemplate } from "@/lib/content/lessons";
import { expectedImageTokens, visionFamilyOf } from "@/lib/images/tokens";
import { scoreVisibleText } from "@/lib/lab/accuracy";
import { scoreAnswer, toScoredAnswer } from "@/lib/lab/scoring";
import { notifyRunChanged } from "@/lib/lab/events";
import { readStoredImageBytes } from "@/lib/lab/image-store";
import { PROMPT_KINDS, type PromptKind } from "@/lib/lab/prompt-kinds";
import { buildTextOnlyPrompt, buildVisionPrompt, parseVisionOutput } from "@/lib/lab/prompts";
import { getSample, type LabSample } from "@/lib/lab/samples";
import {
  ALL_DEFENCES,
  defencesSchema,
  modelMetricsSchema,
  runPromptsSchema,
  visionOutputJsonSchema,
  type Defences,
  type ModelMetrics,
  type OcrMetrics,
  type RunPrompts,
  type VisionOutput,
} from "@/lib/lab/schemas";
import { readJsonColumn } from "@/lib/json-column";
import { semaphoreFor } from "@/lib/lab/semaphore";
import { findInstalledModel } from "@/lib/ollama/catalogue";
import { runChat, unloadModel } from "@/lib/ollama/chat";
import { getOllamaVersion } from "@/lib/ollama/client";
import { engineOf, type OllamaEngine } from "@/lib/ollama/engine";
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
  /** the engine of the Ollama running the models, which decides the image-token rule */
  engine: OllamaEngine;
  /** both model lanes run at once (a load may wait behind the other model's) */
  lanesInParallel: boolean;
  image: Buffer;
  imageSize: { width: number; height: number };
  prompts: RunPrompts;
  /** which prompt defences are on (both for runs made before they could be switched off) */
  defences: Defences;
  /** the sample's ground truth, when the screenshot is a shipped sample */
  sample: LabSample | null;
  signal: AbortSignal;
};

async function loadContext(runId: string, signal: AbortSignal) {
  const run = await db.labRun.findUniqueOrThrow({ where: { id: runId }, include: { image: true } });
  const sample = run.image.sampleId ? getSample(run.image.sampleId) : null;
  // Unknown (Ollama down, or a source build reporting 0.0.0): what people install today.
  const engine = engineOf(await getOllamaVersion()) ?? "llama-server";
  const context: RunContext = {
    runId,
    engine,
    lanesInParallel: !run.measureCold,
    image: readStoredImageBytes(run.image),
    imageSize: { width: run.image.width, height: run.image.height },
    prompts: runPromptsSchema.parse(JSON.parse(run.prompts)),
    defences: readJsonColumn(defencesSchema, run.defences, `run ${runId} defences`) ?? ALL_DEFENCES,
    sample,
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
      const laneCells = byColumn(column);
      for (const cell of laneCells) await runCell(cell, context);
      if (column === "VISION") await measureImageTokens(laneCells, context);
    };
    const ocr = cells.find((c) => c.column === "OCR");
    // Ollama loads models one at a time, so two cold models asked at once would put one's load
    // into the other's load_duration: measuring a cold start runs the lanes one after the other.
    const models = run.measureCold
      ? (async () => {
          await lane("TEXT", run.textModel);
          await lane("VISION", run.visionModel);
        })()
      : Promise.allSettled([lane("TEXT", run.textModel), lane("VISION", run.visionModel)]);
    await Promise.allSettled([models, ocr ? runCell(ocr, context) : Promise.resolve()]);
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
  let pending: { output: string; thinking: string } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let hasWritten = false;
  let chain = Promise.resolve();
  const flush = () => {
    timer = null;
    if (pending === null) return chain;
    const data = pending;
    pending = null;
    chain = chain
      .then(() => db.labCell.update({ where: { id: cellId }, data }))
      .then(() => notifyRunChanged(runId))
      .catch(() => undefined);
    return chain;
  };
  return {
    write(output: string, thinking: string) {
      pending = { output, thinking };
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
      data: {
        status: "RUNNING",
        startedAt: new Date(),
        attempts: { increment: 1 },
        output: "",
        thinking: "",
        error: null,
        errorCode: null,
      },
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
      ...scoresFor(ctx, result.text, null),
      finishedAt: new Date(),
    },
  });
}

/**
 * A finished answer against the sample's ground truth: visible text (the structured answer's
 * visible_text, else the whole text), and controls, label-value pairs, inventions and injection.
 */
function scoresFor(ctx: RunContext, text: string, structured: VisionOutput | null): { accuracy: string | null; scores: string | null } {
  if (!ctx.sample) return { accuracy: null, scores: null };
  const scoredText = structured ? structured.visible_text.join("\n") : text;
  return {
    accuracy: JSON.stringify(scoreVisibleText(ctx.sample.visibleText, scoredText)),
    scores: JSON.stringify(scoreAnswer(ctx.sample, toScoredAnswer(text, structured))),
  };
}

/** What an empty answer means, and what to do about it. */
function emptyAnswerMessage(model: string, thinking: string): string {
  if (!thinking.trim()) return `"${model}" returned an empty answer. Retry this cell, or choose another model.`;
  const instruct = /-thinking$/.test(model) ? model.replace(/-thinking$/, "-instruct") : `${model}-instruct`;
  return (
    `"${model}" spent its answer thinking: what it wrote is under "Thinking", and the answer itself is empty. ` +
    `It is a thinking variant, which ignores requests not to think. Use an instruct tag for the lab (for example ${instruct}, if the library has it), or retry.`
  );
}

async function runModelCell(cell: CellRow, ctx: RunContext, writer: Writer): Promise<void> {
  const model = cell.model!;
  const studentPrompt = ctx.prompts[cell.promptKind as PromptKind];
  const isVision = cell.column === "VISION";
  const installed = await findInstalledModel(model);
  const family = installed ? visionFamilyOf(installed.family) : null;
  const expectedTokens = isVision && family ? expectedImageTokens(ctx.imageSize.width, ctx.imageSize.height, family, ctx.engine) : null;
  const release = await semaphoreFor(`${env.OLLAMA_HOST}|${model}`, env.LAB_MODEL_CONCURRENCY).acquire(ctx.signal);
  try {
    const result = await runChat({
      model,
      prompt: isVision
        ? buildVisionPrompt(getVisionPromptTemplate(), studentPrompt, { injectionLine: ctx.defences.injectionLine })
        : buildTextOnlyPrompt(studentPrompt, { note: ctx.defences.textOnlyNote }),
      // The text-only column never gets the image: that is the comparison.
      ...(isVision ? { images: [ctx.image], format: visionOutputJsonSchema() } : {}),
      options: { temperature: 0, seed: 42, num_ctx: numCtxFor(expectedTokens ?? 0), num_predict: env.LAB_NUM_PREDICT },
      signal: ctx.signal,
      // Read per cell, so a changed setting applies to the next cell.
      timeoutMs: env.LAB_CELL_TIMEOUT_S * 1000,
      onText: (_delta, soFar, thinking) => writer.write(soFar, thinking),
    });
    await writer.close();
    const structured = isVision ? parseVisionOutput(result.text) : null;
    const metrics: ModelMetrics = {
      ...result.metrics,
      expectedImageTokens: expectedTokens,
      engine: ctx.engine,
      lanesInParallel: ctx.lanesInParallel,
      numPredict: env.LAB_NUM_PREDICT,
      resident: result.resident,
    };
    const isEmpty = !result.text.trim();
    await db.labCell.update({
      where: { id: cell.id },
      data: {
        status: "DONE",
        output: result.text,
        thinking: result.thinking,
        structured: structured?.ok ? JSON.stringify(structured.value) : null,
        metrics: JSON.stringify(metrics),
        stamp: JSON.stringify(result.stamp),
        ...(isEmpty ? { accuracy: null, scores: null } : scoresFor(ctx, result.text, structured?.ok ? structured.value : null)),
        // An empty answer is never a plain "Done": it says why and what to do.
        ...(isEmpty ? { errorCode: "EMPTY_ANSWER", error: emptyAnswerMessage(model, result.thinking) } : {}),
        finishedAt: new Date(),
      },
    });
  } finally {
    release();
  }
}

/**
 * The image's measured cost: each answered vision prompt again without the image, asking for one
 * token, and the difference in prompt_eval_count (which counts cached tokens too). Run after the
 * lane, so it does not disturb the prompt cache the lane's own prompts share.
 */
async function measureImageTokens(cells: CellRow[], ctx: RunContext): Promise<void> {
  for (const cell of cells) {
    if (ctx.signal.aborted) return;
    const row = await db.labCell.findUnique({ where: { id: cell.id }, select: { status: true, metrics: true, errorCode: true } });
    const metrics = readJsonColumn(modelMetricsSchema, row?.metrics ?? null, `cell ${cell.id} metrics`);
    if (row?.status !== "DONE" || !metrics) continue;
    const release = await semaphoreFor(`${env.OLLAMA_HOST}|${cell.model}`, env.LAB_MODEL_CONCURRENCY).acquire(ctx.signal);
    try {
      const withoutImage = await runChat({
        model: cell.model!,
        prompt: buildVisionPrompt(getVisionPromptTemplate(), ctx.prompts[cell.promptKind as PromptKind], {
          injectionLine: ctx.defences.injectionLine,
        }),
        options: {
          temperature: 0,
          seed: 42,
          num_ctx: metrics.expectedImageTokens ? numCtxFor(metrics.expectedImageTokens) : 4096,
          num_predict: 1,
        },
        signal: ctx.signal,
        timeoutMs: env.LAB_CELL_TIMEOUT_S * 1000,
      });
      const measured = metrics.promptTokens - withoutImage.metrics.promptTokens;
      const next: ModelMetrics = {
        ...metrics,
        promptTokensWithoutImage: withoutImage.metrics.promptTokens,
        measuredImageTokens: measured > 0 ? measured : null,
      };
      await db.labCell.update({ where: { id: cell.id }, data: { metrics: JSON.stringify(next) } });
      notifyRunChanged(ctx.runId);
    } catch (error) {
      // The estimate stays; the measurement is a bonus, not a result.
      if (!(error instanceof OllamaError)) console.error("[lab] image token measurement", cell.id, error);
    } finally {
      release();
    }
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
      ...(e?.partialThinking ? { thinking: e.partialThinking } : {}),
      errorCode: cancelled ? "ABORTED" : (e?.code ?? "INTERNAL"),
      error: cancelled ? "Cancelled." : (e?.message ?? "This cell failed on the server. Retry it."),
      finishedAt: new Date(),
    },
  });
}
