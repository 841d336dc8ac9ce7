import type { SessionUser } from "@/lib/auth/server/session";
import { getVisionPromptTemplate } from "@/lib/content/server/lessons";
import { storeLabImage } from "@/lib/lab/data/image-store";
import { startLabRun } from "@/lib/lab/data/runs";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { defaultPrompts } from "@/lib/lab/prompts";

// A lab run as database tests need one: the settings screenshot sample through the small pair,
// with the lesson's default prompts, no cold-start measurement.

/** Starts the run and returns its id at once (the workers carry on). */
export async function startSampleRun(user: SessionUser): Promise<string> {
  const image = await storeLabImage(user, { sampleId: "settings-screen" });
  const { runId } = await startLabRun(user, {
    imageId: image.id,
    textModel: "llama3.2:3b",
    visionModel: "qwen2.5vl:3b",
    prompts: defaultPrompts(getVisionPromptTemplate()),
    measureCold: false,
  });
  return runId;
}

/** Starts the run and waits until every cell of every run is done. */
export async function finishedSampleRun(user: SessionUser): Promise<string> {
  const runId = await startSampleRun(user);
  await waitForIdleRuns();
  return runId;
}
