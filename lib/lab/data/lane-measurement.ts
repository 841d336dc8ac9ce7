import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getVisionPromptTemplate } from "@/lib/content/server/lessons";
import { amendFinishedCell, type ClaimedCell } from "@/lib/lab/data/cells";
import type { RunContext } from "@/lib/lab/data/run-context";
import { notifyRunChanged } from "@/lib/lab/server/events";
import type { PromptKind } from "@/lib/lab/prompt-kinds";
import { buildVisionPrompt } from "@/lib/lab/prompts";
import { modelMetricsSchema, type ModelMetrics } from "@/lib/lab/schemas";
import { readJsonColumn } from "@/lib/json-column";
import { runChat } from "@/lib/ollama/server/chat";
import { OllamaError } from "@/lib/ollama/errors";
import { numCtxFor } from "@/lib/lab/request-options";


/**
 * The image's measured cost: each answered vision prompt again without the image, asking for one
 * token, and the difference in prompt_eval_count (which counts cached tokens too). Done by the
 * lane's last cell, after its own answer, so it does not disturb the prompt cache the lane's
 * prompts share; the other cells are amended only if they still hold the attempt that was measured.
 * Returns this cell's measured fields.
 */
export async function measureLaneIfLast(cell: ClaimedCell, host: string, ctx: RunContext, own: ModelMetrics): Promise<Partial<ModelMetrics>> {
  const others = await db.labCell.findMany({
    where: { runId: cell.runId, column: "VISION", id: { not: cell.id } },
    orderBy: { id: "asc" },
  });
  if (others.some((c) => c.status === "PENDING" || c.status === "RUNNING")) return {};
  const measure = async (promptKind: string, metrics: ModelMetrics, requestId: string): Promise<Partial<ModelMetrics> | null> => {
    const promptTokensOf = async (images: Uint8Array[] | undefined, suffix: string) =>
      (
        await runChat({
          host,
          requestId: `${requestId}${suffix}`,
          model: cell.model!,
          prompt: buildVisionPrompt(getVisionPromptTemplate(), ctx.prompts[promptKind as PromptKind], {
            injectionLine: ctx.defences.injectionLine,
          }),
          ...(images ? { images } : {}),
          options: {
            temperature: 0,
            seed: 42,
            num_ctx: metrics.expectedImageTokens ? numCtxFor(metrics.expectedImageTokens) : 4096,
            num_predict: 1,
          },
          signal: ctx.signal,
          timeoutMs: env.LAB_CELL_TIMEOUT_S * 1000,
        })
      ).metrics.promptTokens;
    try {
      const withoutImage = await promptTokensOf(undefined, "");
      // A thinking variant answered in two completions, the second prompted with its thinking: its
      // prompt count holds the thinking too. The image is then measured on one completion without a
      // format (one token asked: no thinking can reach the prompt), and the difference is the thinking.
      const withImage = metrics.thinkingInPrompt ? await promptTokensOf([ctx.image], ":image") : metrics.promptTokens;
      const measured = withImage - withoutImage;
      return {
        promptTokensWithoutImage: withoutImage,
        measuredImageTokens: measured > 0 ? measured : null,
        ...(metrics.thinkingInPrompt ? { thinkingPromptTokens: Math.max(0, metrics.promptTokens - withImage) } : {}),
      };
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

