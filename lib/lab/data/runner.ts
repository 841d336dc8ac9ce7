import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getVisionPromptTemplate } from "@/lib/content/server/lessons";
import { expectedImageTokens, visionFamilyOf } from "@/lib/images/tokens";
import { scoreVisibleText } from "@/lib/lab/accuracy";
import { amendFinishedCell, claimCell, finishRunIfDone, releaseCell, writeCell, type ClaimedCell, type Fence } from "@/lib/lab/data/cells";
import { notifyRunChanged } from "@/lib/lab/server/events";
import { readStoredImageBytes } from "@/lib/lab/data/image-store";
import type { LabJob, QueuedJob } from "@/lib/lab/jobs/types";
import { queueFor } from "@/lib/lab/jobs/types";
import { PROMPT_KINDS, type PromptKind } from "@/lib/lab/prompt-kinds";
import { buildTextOnlyPrompt, buildVisionPrompt, parseVisionOutput } from "@/lib/lab/prompts";
import { getSample } from "@/lib/lab/server/samples";
import type { LabSample } from "@/lib/lab/sample-schema";
import { scoreAnswer, toScoredAnswer } from "@/lib/lab/scoring";
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
import { findInstalledModel } from "@/lib/ollama/server/catalogue";
import { runChat, unloadModel } from "@/lib/ollama/server/chat";
import { getOllamaStatus, getOllamaVersion } from "@/lib/ollama/server/client";
import { engineOf, type OllamaEngine } from "@/lib/ollama/engine";
import { OllamaError } from "@/lib/ollama/errors";
import { isHostUp, recordHostFailure } from "@/lib/ollama/data/hosts";
import { chooseHostFor } from "@/lib/ollama/data/pool";
import { recognizeText } from "@/lib/ocr/server/tesseract";

// Executes one lab job: a cell, one prompt through one model on the host its lane was sent to (the
// vision lane's last cell also measures the image's token cost of the whole lane), or the OCR
// baseline. Whatever instance runs it, every write is fenced (lib/lab/data/cells.ts), so a cell's result
// is written once as far as anyone can see.

/** What the worker layer gives a job: who runs it, how to stop it, how to send follow-up jobs. */
export type JobRun = {
  workerId: string;
  jobId: string;
  /** aborted when the run is cancelled or the instance hands its jobs back */
  signal: AbortSignal;
  /** true once the abort means "hand the cell back" (the instance is stopping), not "cancelled" */
  isHandingBack: () => boolean;
  send: (jobs: QueuedJob[]) => Promise<void>;
};

export type JobResult = "done" | "handback";

type RunContext = {
  runId: string;
  engine: OllamaEngine;
  lanesInParallel: boolean;
  measureCold: boolean;
  image: Buffer;
  imageSize: { width: number; height: number };
  prompts: RunPrompts;
  defences: Defences;
  sample: LabSample | null;
  signal: AbortSignal;
};

async function loadContext(runId: string, host: string | null, signal: AbortSignal): Promise<RunContext> {
  const run = await db.labRun.findUniqueOrThrow({ where: { id: runId }, include: { image: true } });
  // Unknown (Ollama down, or a source build reporting 0.0.0): what people install today.
  const engine = (host ? engineOf(await getOllamaVersion(host)) : null) ?? "llama-server";
  return {
    runId,
    engine,
    lanesInParallel: !run.measureCold,
    measureCold: run.measureCold,
    image: await readStoredImageBytes(run.image),
    imageSize: { width: run.image.width, height: run.image.height },
    prompts: runPromptsSchema.parse(JSON.parse(run.prompts)),
    defences: readJsonColumn(defencesSchema, run.defences, `run ${runId} defences`) ?? ALL_DEFENCES,
    sample: run.image.sampleId ? getSample(run.image.sampleId) : null,
    signal,
  };
}

export async function executeJob(job: LabJob, run: JobRun): Promise<JobResult> {
  return executeCell(job, run);
}

async function executeCell(job: Extract<LabJob, { kind: "cell" }>, run: JobRun): Promise<JobResult> {
  // A lane sent to a host that has since stopped answering goes to another host before it starts.
  if (job.host && job.model && !(await isHostUp(job.host))) {
    if (await moveToAnotherHost(job, job.host, run, null)) return "done";
  }
  const claim = await claimCell(job.cellId, { workerId: run.workerId, jobId: run.jobId, host: job.host });
  if (!claim) {
    // Nothing to run (finished, cancelled, or taken over); a job retried after its cell ended still
    // settles the run, in case its worker died between the two.
    await finishRunIfDone(job.runId).catch(() => undefined);
    return "done";
  }
  const { cell, fence } = claim;
  notifyRunChanged(cell.runId);
  const writer = fencedWriter(cell.runId, fence, run);
  try {
    const ctx = await loadContext(cell.runId, cell.host, run.signal);
    if (cell.column === "OCR") await runOcrCell(cell, fence, ctx);
    else await runModelCell(cell, fence, ctx, writer);
    return "done";
  } catch (error) {
    await writer.close();
    if (run.isHandingBack()) {
      // The instance is stopping: the cell waits again for the next worker, its output reset then.
      await releaseCell(fence);
      return "handback";
    }
    if (cell.host && cell.model && (await hostStoppedAnswering(cell.host, error))) {
      if (cell.failovers < 1 && (await moveToAnotherHost({ ...job, host: cell.host, model: cell.model }, cell.host, run, fence)))
        return "done";
    }
    await recordCellFailure(fence, run.signal, error);
    return "done";
  } finally {
    await afterCell(cell, run);
  }
}

/** After any end of a cell: the run may be over; a cold-start measurement's vision lane may start. */
async function afterCell(cell: ClaimedCell, run: JobRun): Promise<void> {
  await finishRunIfDone(cell.runId).catch((error: unknown) => console.error("[lab] finishing run", cell.runId, error));
  notifyRunChanged(cell.runId);
  if (cell.column === "TEXT") await startVisionLaneAfterText(cell.runId, run);
}

/**
 * Measuring a cold start runs the lanes one after the other (two cold models loaded at once would
 * put one's load into the other's load_duration): the vision lane's jobs go out when the text lane
 * is over. Sent at most once: only while the vision cells have never been claimed.
 */
async function startVisionLaneAfterText(runId: string, run: JobRun): Promise<void> {
  const runRow = await db.labRun.findUnique({ where: { id: runId }, select: { measureCold: true, status: true } });
  if (!runRow?.measureCold || runRow.status === "CANCELLED") return;
  const textLeft = await db.labCell.count({ where: { runId, column: "TEXT", status: { in: ["PENDING", "RUNNING"] } } });
  if (textLeft > 0) return;
  const vision = await db.labCell.findMany({ where: { runId, column: "VISION", status: "PENDING", attempts: 0, jobId: null } });
  // Mark them sent (a job id of their own), so a second text cell ending at the same moment sends nothing.
  const jobs: QueuedJob[] = [];
  for (const cell of vision) {
    const marked = await db.labCell.updateMany({ where: { id: cell.id, jobId: null, status: "PENDING" }, data: { jobId: "sent" } });
    if (marked.count !== 1) continue;
    const job: LabJob = { kind: "cell", cellId: cell.id, runId, host: cell.host, model: cell.model };
    jobs.push({ queue: queueFor(job, env.LAB_MODEL_CONCURRENCY), job });
  }
  if (jobs.length) await run.send(jobs);
}

/** Whether the host stopped answering (not merely this request failing): asked again before failing over. */
async function hostStoppedAnswering(host: string, error: unknown): Promise<boolean> {
  if (!(error instanceof OllamaError) || !["UNREACHABLE", "STREAM_FAILED", "TIMEOUT"].includes(error.code)) return false;
  const status = await getOllamaStatus({ host, timeoutMs: 1500 });
  if (status.reachable) return false;
  await recordHostFailure(host, status.error);
  return true;
}

/**
 * Sends the cell to another host that has the model (its lane's host stopped answering). With a
 * fence, the claimed cell is handed over (once: `failovers`); without, it was never started here.
 */
async function moveToAnotherHost(job: Extract<LabJob, { kind: "cell" }>, from: string, run: JobRun, fence: Fence | null): Promise<boolean> {
  const model = job.model!;
  const to = await chooseHostFor(model, { exclude: [from] });
  if (!to) return false;
  const moved = fence
    ? await releaseCell(fence, { host: to, failovers: { increment: 1 } })
    : (await db.labCell.updateMany({ where: { id: job.cellId, status: "PENDING", host: from }, data: { host: to } })).count === 1;
  if (!moved) return false;
  const next: LabJob = { ...job, host: to };
  await run.send([{ queue: queueFor(next, env.LAB_MODEL_CONCURRENCY), job: next }]);
  notifyRunChanged(job.runId);
  return true;
}

/**
 * Writes arriving text: the first token at once (time to first token is what the student watches),
 * then every 100 ms. A write the fence refuses means the cell is no longer ours (cancelled, or
 * taken over): the chat is stopped.
 */
function fencedWriter(runId: string, fence: Fence, run: JobRun) {
  let pending: { output: string; thinking: string } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let hasWritten = false;
  let chain = Promise.resolve();
  const lost = new AbortController();
  const flush = () => {
    timer = null;
    if (pending === null) return chain;
    const data = pending;
    pending = null;
    chain = chain
      .then(() => writeCell(fence, data))
      .then((ok) => {
        if (!ok) lost.abort();
        notifyRunChanged(runId);
      })
      .catch(() => undefined);
    return chain;
  };
  return {
    /** the run's signal and the fence's: either stops the chat */
    signal: AbortSignal.any([run.signal, lost.signal]),
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

type Writer = ReturnType<typeof fencedWriter>;

function numCtxFor(imageTokens: number): number {
  return Math.max(4096, Math.ceil((imageTokens + 2048) / 1024) * 1024);
}

async function runOcrCell(cell: ClaimedCell, fence: Fence, ctx: RunContext): Promise<void> {
  const result = await recognizeText(ctx.image);
  const metrics: OcrMetrics = { ocrMs: result.ms, confidence: result.confidence, words: result.words };
  await writeCell(fence, {
    status: "DONE",
    output: result.text,
    metrics: JSON.stringify(metrics),
    ...scoresFor(ctx, result.text, null),
    finishedAt: new Date(),
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

async function runModelCell(cell: ClaimedCell, fence: Fence, ctx: RunContext, writer: Writer): Promise<void> {
  const model = cell.model!;
  const host = cell.host ?? env.OLLAMA_HOST;
  const studentPrompt = ctx.prompts[cell.promptKind as PromptKind];
  const isVision = cell.column === "VISION";
  const installed = await findInstalledModel(model, { host });
  const family = installed ? visionFamilyOf(installed.family) : null;
  const expectedTokens = isVision && family ? expectedImageTokens(ctx.imageSize.width, ctx.imageSize.height, family, ctx.engine) : null;
  // Measuring a cold start: the lane's first prompt starts from an unloaded model.
  if (ctx.measureCold && cell.promptKind === PROMPT_KINDS[0]) await unloadModel(model, { host }).catch(() => undefined);
  const result = await runChat({
    host,
    requestId: `${fence.cellId}:${fence.attempt}`,
    model,
    prompt: isVision
      ? buildVisionPrompt(getVisionPromptTemplate(), studentPrompt, { injectionLine: ctx.defences.injectionLine })
      : buildTextOnlyPrompt(studentPrompt, { note: ctx.defences.textOnlyNote }),
    // The text-only column never gets the image: that is the comparison.
    ...(isVision ? { images: [ctx.image], format: visionOutputJsonSchema() } : {}),
    options: { temperature: 0, seed: 42, num_ctx: numCtxFor(expectedTokens ?? 0), num_predict: env.LAB_NUM_PREDICT },
    signal: writer.signal,
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
  // The lane's last vision cell measures the image's cost for the whole lane, before it ends: the
  // run is not over until its measurements are in.
  if (isVision && !isEmpty) Object.assign(metrics, await measureLaneIfLast(cell, host, ctx, metrics));
  await writeCell(fence, {
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
  });
}

/**
 * The image's measured cost: each answered vision prompt again without the image, asking for one
 * token, and the difference in prompt_eval_count (which counts cached tokens too). Done by the
 * lane's last cell, after its own answer, so it does not disturb the prompt cache the lane's
 * prompts share; the other cells are amended only if they still hold the attempt that was measured.
 * Returns this cell's measured fields.
 */
async function measureLaneIfLast(cell: ClaimedCell, host: string, ctx: RunContext, own: ModelMetrics): Promise<Partial<ModelMetrics>> {
  const others = await db.labCell.findMany({
    where: { runId: cell.runId, column: "VISION", id: { not: cell.id } },
    orderBy: { id: "asc" },
  });
  if (others.some((c) => c.status === "PENDING" || c.status === "RUNNING")) return {};
  const measure = async (promptKind: string, metrics: ModelMetrics, requestId: string): Promise<Partial<ModelMetrics> | null> => {
    try {
      const withoutImage = await runChat({
        host,
        requestId,
        model: cell.model!,
        prompt: buildVisionPrompt(getVisionPromptTemplate(), ctx.prompts[promptKind as PromptKind], {
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
      return { promptTokensWithoutImage: withoutImage.metrics.promptTokens, measuredImageTokens: measured > 0 ? measured : null };
    } catch (error) {
      // The estimate stays; the measurement is a bonus, not a result.
      if (!(error instanceof OllamaError)) console.error("[lab] image token measurement", cell.id, error);
      return null;
    }
  };
  for (const other of others) {
    if (ctx.signal.aborted || other.status !== "DONE" || other.errorCode) continue;
    const metrics = readJsonColumn(modelMetricsSchema, other.metrics, `cell ${other.id} metrics`);
    if (!metrics || metrics.promptTokensWithoutImage !== undefined) continue;
    const measured = await measure(other.promptKind, metrics, `measure:${other.id}:${other.attempts}`);
    if (measured) {
      await amendFinishedCell({ cellId: other.id, attempt: other.attempts }, { metrics: JSON.stringify({ ...metrics, ...measured }) });
      notifyRunChanged(cell.runId);
    }
  }
  return (await measure(cell.promptKind, own, `measure:${cell.id}:${cell.attempts}`)) ?? {};
}

async function recordCellFailure(fence: Fence, signal: AbortSignal, error: unknown): Promise<void> {
  const e = error instanceof OllamaError ? error : null;
  const cancelled = signal.aborted || e?.code === "ABORTED";
  if (!e && !cancelled) console.error("[lab] cell failed", fence.cellId, error);
  await writeCell(fence, {
    status: cancelled ? "CANCELLED" : "FAILED",
    // What arrived before the failure is kept.
    ...(e?.partialText ? { output: e.partialText } : {}),
    ...(e?.partialThinking ? { thinking: e.partialThinking } : {}),
    errorCode: cancelled ? "ABORTED" : (e?.code ?? "INTERNAL"),
    error: cancelled ? "Cancelled." : (e?.message ?? "This cell failed on the server. Retry it."),
    finishedAt: new Date(),
  });
}
