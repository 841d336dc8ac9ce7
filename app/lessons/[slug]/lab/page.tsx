import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { requireUser, type SessionUser } from "@/lib/auth/server/session";
import { getLesson, getModelFacts, getVisionPromptTemplate, isNonCommercialTag } from "@/lib/content/server/lessons";
import { env } from "@/lib/env";
import { defaultPrompts } from "@/lib/lab/prompts";
import { defaultModelPair } from "@/lib/lab/default-pair";
import { getLabRunView, listLabRuns } from "@/lib/lab/data/run-views";
import { getLabImageRow } from "@/lib/lab/data/image-store";
import { toImageView } from "@/lib/lab/image-view";
import { listSamples } from "@/lib/lab/server/samples";
import { sampleThumbnailView } from "@/lib/lab/server/sample-thumbnails";
import { sampleTruthFor } from "@/lib/lab/server/truth";
import { hasRole } from "@/lib/auth/roles";
import type { InstalledModel } from "@/lib/ollama/server/catalogue";
import { getPoolCatalogue, getPoolStatus } from "@/lib/ollama/data/pool";
import { OllamaError } from "@/lib/ollama/errors";
import { LabWorkbench } from "@/components/lab/lab-workbench";
import { LabLoading } from "@/components/lab/lab-loading";
import type { ModelOption } from "@/components/lab/types";
import { WriteUpEditor } from "@/components/submissions/write-up-editor";
import { getExemplars, getRubric } from "@/lib/submissions/server/rubric";
import { getWriteUpState } from "@/lib/submissions/data/store";

const LAB_LESSON = "local-qwen-vl";

export const metadata: Metadata = {
  title: "Lab: text-only vs Qwen-VL",
  description: "Run one screenshot through a local text-only model and a local Qwen-VL model side by side, with an OCR baseline.",
};

export default async function LabPage({ params, searchParams }: PageProps<"/lessons/[slug]/lab">) {
  const { slug } = await params;
  const lesson = getLesson(slug);
  if (slug !== LAB_LESSON || !lesson) notFound();
  const user = await requireUser(`/lessons/${slug}/lab`);
  const runParam = (await searchParams).run;
  const runId = typeof runParam === "string" ? runParam : null;

  return (
    <div className="py-8 sm:py-12">
      <p className="text-sm">
        <Link href={`/lessons/${slug}#build-the-small-version`}>← {lesson.title}</Link>
      </p>
      <p className="mt-4 text-sm font-semibold text-accent">Lab · Build the small version</p>
      <h1 className="text-3xl font-semibold tracking-tight">One screenshot, a text-only model and Qwen-VL, side by side</h1>
      {/* Opening a run, the run comes first: on a phone its results start on the first screen. */}
      {runId ? null : (
        <p className="mt-2 max-w-3xl text-ink-muted">
          Predict, then run three prompts through a local text-only model (without the image) and a local vision model (with it), next to an
          OCR baseline. Speed and memory are recorded for every answer; on the sample screenshots each column is also scored on what
          separates them: controls and their state, values on the right label, invented hidden state and injected instructions.
        </p>
      )}
      <div className={runId ? "mt-6" : "mt-10"}>
        {/* The shell goes out at once; asking Ollama what it has can take a moment. */}
        <Suspense fallback={<LabLoading />}>
          <LabWorkbenchWithModels slug={slug} user={user} runId={runId} />
        </Suspense>
      </div>
      <div className="mt-16 border-t border-line pt-10">
        <Suspense fallback={<p className="text-ink-muted">Loading your write-up…</p>}>
          <WriteUp slug={slug} user={user} openRunId={runId} />
        </Suspense>
      </div>
    </div>
  );
}

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

async function LabWorkbenchWithModels({ slug, user, runId }: { slug: string; user: SessionUser; runId: string | null }) {
  // Every Ollama host of the pool together: a model installed on any answering host is offered.
  const [status, runs, run] = await Promise.all([getPoolStatus(), listLabRuns(user), runId ? getLabRunView(user, runId) : null]);
  let models: InstalledModel[] = [];
  let ollamaMessage = status.reachable ? null : status.error;
  if (status.reachable) {
    try {
      models = (await getPoolCatalogue()).models;
    } catch (error) {
      if (!(error instanceof OllamaError)) throw error;
      ollamaMessage = error.message;
    }
  }
  const recommended = getModelFacts().recommendedPairs;
  const pairs = recommended.slice(0, 2);
  const textModels = models.filter((m) => m.kind === "text").map(toOption);
  const visionModels = models.filter((m) => m.kind === "vision").map(toOption);
  // The runs come newest first: a returning student starts from the pair they ran last.
  const defaultModels = defaultModelPair({ recommended, textModels, visionModels, lastRun: runs[0] ?? null });
  const runImageRow = run ? await getLabImageRow(run.imageId) : null;
  const truth = run ? sampleTruthFor(run.sampleId) : null;
  return (
    <LabWorkbench
      lesson={slug}
      samples={listSamples().map((s) => ({
        id: s.id,
        title: s.title,
        kind: s.kind,
        description: s.description,
        width: s.width,
        height: s.height,
        cropOf: s.cropOf ?? null,
        cropNote: s.cropNote ?? null,
        thumbnail: sampleThumbnailView(s),
      }))}
      textModels={textModels}
      visionModels={visionModels}
      defaultModels={defaultModels}
      userId={user.id}
      ollama={{
        reachable: status.reachable && !ollamaMessage,
        host: status.host,
        message: ollamaMessage,
        version: status.reachable ? status.version : null,
        engine: status.reachable ? status.engine : null,
      }}
      pullCommands={pairs.flatMap((p) => [`ollama pull ${p.text}`, `ollama pull ${p.vision}`])}
      defaultPrompts={defaultPrompts(getVisionPromptTemplate())}
      run={run}
      runImage={runImageRow ? toImageView(runImageRow) : null}
      truth={truth}
      showOperatorHelp={hasRole(user, "INSTRUCTOR") || env.LAB_STUDENTS_RUN_OLLAMA}
      runs={runs}
      timeZone={env.TIME_ZONE}
      maxUploadMb={env.LAB_MAX_UPLOAD_MB}
    />
  );
}

async function WriteUp({ slug, user, openRunId }: { slug: string; user: SessionUser; openRunId: string | null }) {
  const state = await getWriteUpState(user, slug);
  const rubric = getRubric();
  return (
    <WriteUpEditor
      lesson={slug}
      userId={user.id}
      submissionId={state.submissionId}
      state={state.state}
      draft={state.draft}
      revision={state.revision}
      savedAt={state.savedAt}
      review={state.review}
      rubric={rubric.criteria}
      gradeBands={rubric.gradeBands}
      // The exemplars reach the browser only once there is a submission: before that they would be a model answer.
      exemplars={state.state === "DRAFT" ? null : getExemplars()}
      evidenceRuns={state.evidenceRuns}
      openRunId={openRunId}
      timeZone={env.TIME_ZONE}
    />
  );
}
