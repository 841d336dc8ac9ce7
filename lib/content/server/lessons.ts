import "server-only";
import { compileMdx, type MdxContent } from "@/lib/content/server/mdx";
import { publishStaticProse, readStaticProse } from "@/lib/content/static-prose-registry";
import {
  loadContentLibrary,
  readModelFactsFile,
  readVisionPromptTemplateFile,
  type ContentLibrary,
  type LessonFile,
} from "@/lib/content/server/files";
import type { ModelFacts, VisionPromptTemplate } from "@/lib/content/schema";
import type { PathStep } from "@/lib/content/path";

// Content is read, validated and compiled once per server process; requests only render it.
let library: ContentLibrary | undefined;
const compiled = new Map<string, Promise<MdxContent>>();

function getLibrary(): ContentLibrary {
  library ??= loadContentLibrary();
  return library;
}

export type LessonSummary = Pick<LessonFile, "slug" | "title" | "summary" | "track" | "minutes" | "lab"> & {
  trackTitle: string;
  steps: PathStep[];
};

export type TrackSummary = { slug: string; title: string; description: string; lessons: LessonSummary[] };

function summarise(lesson: LessonFile): LessonSummary {
  const track = getLibrary().catalogue.tracks.find((t) => t.slug === lesson.track)!;
  return {
    slug: lesson.slug,
    title: lesson.title,
    summary: lesson.summary,
    track: lesson.track,
    minutes: lesson.minutes,
    lab: lesson.lab,
    trackTitle: track.title,
    steps: lesson.path,
  };
}

export function listLessonSlugs(): string[] {
  return [...getLibrary().order];
}

export function getLesson(slug: string): LessonFile | null {
  return getLibrary().lessons.get(slug) ?? null;
}

export function getLessonSummary(slug: string): LessonSummary | null {
  const lesson = getLesson(slug);
  return lesson ? summarise(lesson) : null;
}

/** "Lesson N of M", from the catalogue order. */
export function getLessonPosition(slug: string): { number: number; total: number } | null {
  const order = getLibrary().order;
  const index = order.indexOf(slug);
  return index === -1 ? null : { number: index + 1, total: order.length };
}

export function listTracks(): TrackSummary[] {
  const { catalogue, lessons } = getLibrary();
  return catalogue.tracks.map((track) => ({
    slug: track.slug,
    title: track.title,
    description: track.description,
    lessons: track.lessons.map((slug) => summarise(lessons.get(slug)!)),
  }));
}

export function getRelatedLessons(slug: string): LessonSummary[] {
  const lesson = getLesson(slug);
  return lesson ? lesson.related.map((s) => summarise(getLesson(s)!)) : [];
}

/**
 * The lesson body, compiled once. Its plain prose runs are HTML kept outside React's tree (see
 * lib/content/server/static-prose.ts), published for the server render of
 * components/lesson/static-prose.tsx and for `GET /lessons/<slug>/prose`.
 */
export function getLessonContent(slug: string): Promise<MdxContent> {
  const lesson = getLesson(slug);
  if (!lesson) throw new Error(`Unknown lesson ${slug}`);
  let content = compiled.get(slug);
  if (!content) {
    const runs: string[] = [];
    content = compileMdx(lesson.body, lesson.file, { staticProse: runs }).then((c) => {
      publishStaticProse(slug, runs);
      return c;
    });
    compiled.set(slug, content);
  }
  return content;
}

/** The lesson's prose runs, in order (compiling the lesson first if needed). */
export async function getLessonProse(slug: string): Promise<readonly string[]> {
  await getLessonContent(slug);
  return readStaticProse(slug) ?? [];
}

let modelFacts: ModelFacts | undefined;
export function getModelFacts(): ModelFacts {
  modelFacts ??= readModelFactsFile();
  return modelFacts;
}

/** Whether the lesson's model facts list this tag's weights as non-commercial. */
export function isNonCommercialTag(tag: string): boolean {
  return getModelFacts().models.find((m) => m.tag === tag)?.nonCommercial ?? false;
}

let template: VisionPromptTemplate | undefined;
export function getVisionPromptTemplate(): VisionPromptTemplate {
  template ??= readVisionPromptTemplateFile();
  return template;
}
