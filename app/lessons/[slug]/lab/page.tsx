import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLesson, getModelFacts, getVisionPromptTemplate } from "@/lib/content/server/lessons";
import { env } from "@/lib/env";
import { defaultPrompts } from "@/lib/lab/prompts";
import { listSamples } from "@/lib/lab/server/samples";
import { sampleThumbnailView } from "@/lib/lab/server/sample-thumbnails";
import { LabPage as ReaderLab } from "@/components/lab/lab-page";
import { getRubric } from "@/lib/submissions/server/rubric";

export const metadata: Metadata = {
  title: "Lab: text-only vs Qwen-VL",
  description: "Run one screenshot through a local text-only model and a local Qwen-VL model side by side, with an OCR baseline.",
};

/**
 * The lab page's HTML is the same for every reader (the front door keeps one render of it for
 * requests with a session cookie, and sends those without one to sign in; see
 * docs/shared-pages-design.md §4): the heading, the samples, the prompts, the rubric. The reader's
 * runs, the Ollama pool and the write-up are loaded by the page itself from `GET /api/me/lab`,
 * which checks the session.
 */
export default async function LabPage({ params, searchParams }: PageProps<"/lessons/[slug]/lab">) {
  const { slug } = await params;
  const lesson = getLesson(slug);
  if (!lesson?.lab) notFound();
  // Opening a run, the run comes first: on a phone its results start on the first screen. (Only the
  // address, never the reader: the front door caches the page without a query.)
  const hasRun = typeof (await searchParams).run === "string";
  const pairs = getModelFacts().recommendedPairs.slice(0, 2);
  const rubric = getRubric();

  return (
    <div className="py-8 sm:py-12">
      <p className="text-sm">
        <Link href={`/lessons/${slug}#build-the-small-version`}>← {lesson.title}</Link>
      </p>
      <p className="mt-4 text-sm font-semibold text-accent">Lab · Build the small version</p>
      <h1 className="text-3xl font-semibold tracking-tight">One screenshot, a text-only model and Qwen-VL, side by side</h1>
      {hasRun ? null : (
        <p className="mt-2 max-w-3xl text-ink-muted">
          Predict, then run three prompts through a local text-only model (without the image) and a local vision model (with it), next to an
          OCR baseline. Speed and memory are recorded for every answer; on the sample screenshots each column is also scored on what
          separates them: controls and their state, values on the right label, invented hidden state and injected instructions.
        </p>
      )}
      <ReaderLab
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
        pullCommands={pairs.flatMap((p) => [`ollama pull ${p.text}`, `ollama pull ${p.vision}`])}
        defaultPrompts={defaultPrompts(getVisionPromptTemplate())}
        maxUploadMb={env.LAB_MAX_UPLOAD_MB}
        timeZone={env.TIME_ZONE}
        rubric={rubric.criteria}
        gradeBands={rubric.gradeBands}
      />
    </div>
  );
}
