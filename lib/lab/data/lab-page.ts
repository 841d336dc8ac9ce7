import "server-only";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/server/session";
import { getModelFacts, isNonCommercialTag } from "@/lib/content/server/lessons";
import { env } from "@/lib/env";
import { defaultModelPair } from "@/lib/lab/default-pair";
import { getLabImageRow } from "@/lib/lab/data/image-store";
import { getLabRunView, listLabRuns } from "@/lib/lab/data/run-views";
import { toImageView } from "@/lib/lab/image-view";
import { sampleTruthFor } from "@/lib/lab/server/truth";
import { LAB_PAGE_VERSION, type LabOllamaView, type LabPageData, type LabWriteUpData, type ModelOption } from "@/lib/lab/types";
import { getPoolCatalogue, getPoolStatus } from "@/lib/ollama/data/pool";
import { OllamaError } from "@/lib/ollama/errors";
import type { InstalledModel } from "@/lib/ollama/server/catalogue";
import { getWriteUpState } from "@/lib/submissions/data/store";
import { getExemplars } from "@/lib/submissions/server/rubric";

function toOption(m: InstalledModel): ModelOption {
  return {
    name: m.name,
    kind: m.kind,
    parameterSize: m.parameterSize,
    quantization: m.quantization,
    sizeBytes: m.sizeBytes,
    contextLength: m.contextLength,
    licence: { summary: m.licence, isNonCommercial: isNonCommercialTag(m.name) },
    isThinkingVariant: m.isThinkingVariant,
  };
}

/** Every Ollama host of the pool together: a model installed on any answering host is offered. */
async function poolView(): Promise<{ ollama: LabOllamaView; models: InstalledModel[] }> {
  const status = await getPoolStatus();
  let models: InstalledModel[] = [];
  let message = status.reachable ? null : status.error;
  if (status.reachable) {
    try {
      models = (await getPoolCatalogue()).models;
    } catch (error) {
      if (!(error instanceof OllamaError)) throw error;
      message = error.message;
    }
  }
  return {
    ollama: {
      reachable: status.reachable && !message,
      host: status.host,
      message,
      version: status.reachable ? status.version : null,
      engine: status.reachable ? status.engine : null,
    },
    models,
  };
}

/**
 * A signed-in reader's own lab (docs/shared-pages-design.md §4): their runs, the run `runId` names
 * when they may see it, its screenshot and the sample's truth, the pair the form starts with, the
 * Ollama pool as it is now, and their write-up. Reads only.
 */
export async function labPageFor(user: SessionUser, lesson: string, runId: string | null): Promise<LabPageData> {
  const [pool, runs, run, writeUp] = await Promise.all([
    poolView(),
    listLabRuns(user),
    runId ? getLabRunView(user, runId, { ownerOnly: true }) : null,
    getWriteUpState(user, lesson),
  ]);
  const recommended = getModelFacts().recommendedPairs;
  const textModels = pool.models.filter((m) => m.kind === "text").map(toOption);
  const visionModels = pool.models.filter((m) => m.kind === "vision").map(toOption);
  const runImageRow = run ? await getLabImageRow(run.imageId) : null;
  const { submissionId, state, draft, revision, savedAt, review, evidenceRuns, classes, submittedTo } = writeUp;
  const writeUpData: LabWriteUpData = {
    submissionId,
    state,
    draft,
    revision,
    savedAt,
    review,
    // The exemplars reach the browser only once there is a submission: before that they would be a model answer.
    exemplars: state === "DRAFT" ? null : getExemplars(),
    evidenceRuns,
    classes,
    submittedTo,
  };
  return {
    v: LAB_PAGE_VERSION,
    user: { id: user.id },
    workbench: {
      textModels,
      visionModels,
      // The runs come newest first: a returning student starts from the pair they ran last.
      defaultModels: defaultModelPair({ recommended, textModels, visionModels, lastRun: runs[0] ?? null }),
      ollama: pool.ollama,
      run,
      runImage: runImageRow ? toImageView(runImageRow) : null,
      truth: run ? sampleTruthFor(run.sampleId) : null,
      runs,
      showOperatorHelp: hasRole(user, "INSTRUCTOR") || env.LAB_STUDENTS_RUN_OLLAMA,
    },
    writeUp: writeUpData,
  };
}
