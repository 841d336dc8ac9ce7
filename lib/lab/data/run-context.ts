import "server-only";
import { db } from "@/lib/db";
import { readStoredImageBytes } from "@/lib/lab/data/image-bytes";
import type { LabSample } from "@/lib/lab/sample-schema";
import { ALL_DEFENCES, defencesSchema, runPromptsSchema, type Defences, type RunPrompts } from "@/lib/lab/schemas";
import { getSample } from "@/lib/lab/server/samples";
import { readJsonColumn } from "@/lib/json-column";
import { getOllamaVersion } from "@/lib/ollama/server/client";
import { engineOf, type OllamaEngine } from "@/lib/ollama/engine";

// What every cell of a run needs to run: its image, prompts, defences, sample and the engine of
// the host it runs on, read once per cell.

export type RunContext = {
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

export async function loadContext(runId: string, host: string | null, signal: AbortSignal): Promise<RunContext> {
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

