import "server-only";
import { env } from "@/lib/env";
import { getVisionPromptTemplate } from "@/lib/content/server/lessons";
import { expectedImageTokens, visionFamilyOf } from "@/lib/images/tokens";
import { scoreVisibleText } from "@/lib/lab/accuracy";
import { writeCell, type ClaimedCell, type Fence } from "@/lib/lab/data/cells";
import { measureLaneIfLast } from "@/lib/lab/data/lane-measurement";
import { numCtxFor, numPredictFor } from "@/lib/lab/request-options";
import type { RunContext } from "@/lib/lab/data/run-context";
import { notifyRunChanged } from "@/lib/lab/server/events";
import { PROMPT_KINDS, type PromptKind } from "@/lib/lab/prompt-kinds";
import { buildTextOnlyPrompt, buildVisionPrompt, parseVisionOutput } from "@/lib/lab/prompts";
import { scoreAnswer, toScoredAnswer } from "@/lib/lab/scoring";
import { visionOutputJsonSchema, type ModelMetrics, type OcrMetrics, type VisionOutput } from "@/lib/lab/schemas";
import { findInstalledModel, listLoadedModels } from "@/lib/ollama/server/catalogue";
import { runChat, startStateOf, thinkFor } from "@/lib/ollama/server/chat";
import { loadModel, unloadModel } from "@/lib/ollama/server/loading";
import type { RunMetrics, StartState } from "@/lib/ollama/metrics";
import { recognizeText } from "@/lib/ocr/server/tesseract";

// One claimed cell, run to its answer: the OCR baseline, or one prompt through one model with its
// text streamed into the cell as it arrives, then scored against the sample.

/**
 * Writes arriving text: the first token at once (time to first token is what the student watches),
 * then every 100 ms. A write the fence refuses means the cell is no longer ours (cancelled, or
 * taken over): the chat is stopped.
 */
export function fencedWriter(runId: string, fence: Fence, runSignal: AbortSignal) {
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
    signal: AbortSignal.any([runSignal, lost.signal]),
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

export type Writer = ReturnType<typeof fencedWriter>;

export async function runOcrCell(cell: ClaimedCell, fence: Fence, ctx: RunContext): Promise<void> {
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

/**
 * What an empty answer means, and what to do about it: a budget used up by thinking (Ollama applies
 * num_predict to the thinking pass on its own), thinking that ended without an answer, or a model
 * that thought although it was asked not to (its parser ignores think:false).
 */
export function emptyAnswerMessage(
  model: string,
  thinking: string,
  asked: { think: boolean | undefined; numPredict: number },
  metrics: Pick<RunMetrics, "doneReason" | "thinkingTokens">,
): string {
  if (!thinking.trim()) return `"${model}" returned an empty answer. Retry this cell, or choose another model.`;
  const instruct = /-thinking$/.test(model) ? model.replace(/-thinking$/, "-instruct") : `${model}-instruct`;
  const instructTag = `an instruct tag for the lab (for example ${instruct}, if the library has it)`;
  const useInstruct = `Use ${instructTag}`;
  if (metrics.doneReason === "length") {
    const thought = metrics.thinkingTokens ? ` (about ${metrics.thinkingTokens.toLocaleString("en")} tokens)` : "";
    return (
      `"${model}" ran out of the token budget while thinking: it thought${thought} until it reached the ${asked.numPredict.toLocaleString("en")}-token limit and never started the answer. ` +
      `What it wrote is under "Thinking". ${useInstruct}, which answers without thinking, or ask your instructor to raise LAB_THINKING_NUM_PREDICT.`
    );
  }
  if (asked.think === true) {
    return `"${model}" finished thinking without writing an answer: what it wrote is under "Thinking". Retry, or use ${instructTag}.`;
  }
  return (
    `"${model}" spent its answer thinking: what it wrote is under "Thinking", and the answer itself is empty. ` +
    `It is a thinking variant, which ignores requests not to think. ${useInstruct}, or retry.`
  );
}

/**
 * Makes sure the model is loaded before the cell's clock starts: when /api/ps does not list it with
 * this context, a load request of its own under LAB_LOAD_TIMEOUT_S (a timeout during a load makes
 * Ollama stop the model server, so the cell's shorter limit must not cover it). Returns how the model
 * started and the load's time, for the cell's metrics; null when it was already loaded.
 */
async function ensureLoaded(
  model: string,
  host: string,
  numCtx: number,
  signal: AbortSignal,
): Promise<{ startState: StartState; ms: number } | null> {
  const loaded = await listLoadedModels({ host }).catch(() => null);
  const startState = startStateOf(loaded, model, numCtx);
  if (startState === "warm") return null;
  const ms = await loadModel(model, { host, numCtx, timeoutMs: env.LAB_LOAD_TIMEOUT_S * 1000, signal });
  return { startState, ms };
}

export type ColdStartCheck = { unloaded: boolean; reason?: string };

/**
 * keep_alive 0, then /api/ps until the model is gone: Ollama unloads in the background, and a
 * request that lands first keeps the runner (server/sched.go). What it found goes into the cell's
 * metrics, so the run never claims a cold start it did not see.
 */
async function unloadForColdStart(model: string, host: string, signal: AbortSignal): Promise<ColdStartCheck> {
  const failed = await unloadModel(model, { host }).then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  const deadline = Date.now() + env.LAB_UNLOAD_WAIT_S * 1000;
  let loaded: Awaited<ReturnType<typeof listLoadedModels>> | null = null;
  while (!signal.aborted) {
    loaded = await listLoadedModels({ host }).catch(() => null);
    if (loaded && !loaded.some((m) => m.name === model)) return { unloaded: true };
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (failed) return { unloaded: false, reason: `the unload request failed (${failed.slice(0, 300)})` };
  if (!loaded) return { unloaded: false, reason: "Ollama's list of loaded models (/api/ps) could not be read" };
  return { unloaded: false, reason: `Ollama still listed it as loaded ${env.LAB_UNLOAD_WAIT_S} s after the unload request` };
}

export async function runModelCell(cell: ClaimedCell, fence: Fence, ctx: RunContext, writer: Writer): Promise<void> {
  const model = cell.model!;
  const host = cell.host ?? env.OLLAMA_HOST;
  const studentPrompt = ctx.prompts[cell.promptKind as PromptKind];
  const isVision = cell.column === "VISION";
  const installed = await findInstalledModel(model, { host });
  const family = installed ? visionFamilyOf(installed.family) : null;
  const expectedTokens = isVision && family ? expectedImageTokens(ctx.imageSize.width, ctx.imageSize.height, family, ctx.engine) : null;
  const numCtx = numCtxFor(expectedTokens ?? 0);
  // A thinking variant thinks whatever it is asked, and with a format its thinking pass gets the
  // whole num_predict on its own: it gets the larger budget.
  const think = installed ? thinkFor(installed).think : undefined;
  const numPredict = numPredictFor(think, env);
  // Measuring a cold start: the lane's first prompt starts from an unloaded model.
  const coldStart = ctx.measureCold && cell.promptKind === PROMPT_KINDS[0] ? await unloadForColdStart(model, host, writer.signal) : null;
  const preload = await ensureLoaded(model, host, numCtx, writer.signal);
  const result = await runChat({
    host,
    requestId: `${fence.cellId}:${fence.attempt}`,
    model,
    prompt: isVision
      ? buildVisionPrompt(getVisionPromptTemplate(), studentPrompt, { injectionLine: ctx.defences.injectionLine })
      : buildTextOnlyPrompt(studentPrompt, { note: ctx.defences.textOnlyNote }),
    // The text-only column never gets the image: that is the comparison.
    ...(isVision ? { images: [ctx.image], format: visionOutputJsonSchema() } : {}),
    options: { temperature: 0, seed: 42, num_ctx: numCtx, num_predict: numPredict },
    ...(preload ? { preload } : {}),
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
    numPredict,
    resident: result.resident,
    ...(coldStart ? { coldStart } : {}),
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
    ...(isEmpty ? { errorCode: "EMPTY_ANSWER", error: emptyAnswerMessage(model, result.thinking, { think, numPredict }, result.metrics) } : {}),
    finishedAt: new Date(),
  });
}

