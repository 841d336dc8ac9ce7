import "server-only";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import GithubSlugger from "github-slugger";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import {
  catalogueSchema,
  lessonFrontmatterSchema,
  modelFactsSchema,
  visionPromptTemplateSchema,
  type Catalogue,
  type LessonFrontmatter,
  type ModelFacts,
  type VisionPromptTemplate,
} from "@/lib/content/schema";

export const CONTENT_DIR = path.resolve(process.cwd(), "content");

/** A content file that does not hold what the platform needs; the message names file and field. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`${path.relative(process.cwd(), file)}: ${field ? `${field}: ` : ""}${detail}`);
    this.name = "ContentError";
  }
}

/** Data checked against a schema; the first problem names the file and the field. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, file: string): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ContentError(file, issue.path.join(".") || "(root)", issue.message);
  }
  return result.data;
}

export function readYamlFile(file: string): unknown {
  if (!existsSync(file)) throw new ContentError(file, "", "file is missing");
  try {
    return parseYaml(readFileSync(/* turbopackIgnore: true */ file, "utf8"));
  } catch (error) {
    throw new ContentError(file, "", `is not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
}

export type LessonFile = LessonFrontmatter & {
  body: string;
  file: string;
  /** Every "## " and "### " heading of the body, with the id rehype-slug will give it. */
  headings: { depth: 2 | 3; text: string; id: string }[];
};

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Heading ids exactly as rehype-slug makes them (github-slugger over the heading text). */
export function extractHeadings(body: string): LessonFile["headings"] {
  const slugger = new GithubSlugger();
  const headings: LessonFile["headings"] = [];
  let inFence = false;
  for (const line of body.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const match = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!match) continue;
    const text = match[2]!.replace(/[*_`]/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const id = slugger.slug(text);
    if (match[1]!.length === 2 || match[1]!.length === 3) headings.push({ depth: match[1]!.length as 2 | 3, text, id });
  }
  return headings;
}

export function readLessonFile(file: string): LessonFile {
  if (!existsSync(file)) throw new ContentError(file, "", "file is missing");
  const raw = readFileSync(file, "utf8");
  const match = FRONTMATTER.exec(raw);
  if (!match) throw new ContentError(file, "frontmatter", "must start with a --- YAML block ---");
  let data: unknown;
  try {
    data = parseYaml(match[1]!);
  } catch (error) {
    throw new ContentError(file, "frontmatter", `is not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
  const frontmatter = parseWith(lessonFrontmatterSchema, data, file);
  const expectedSlug = path.basename(file).replace(/\.mdx?$/, "");
  if (frontmatter.slug !== expectedSlug) throw new ContentError(file, "slug", `must equal the file name "${expectedSlug}"`);
  const body = match[2]!;
  const headings = extractHeadings(body);
  if (/^#\s/m.test(body.replace(/```[\s\S]*?```/g, "")))
    throw new ContentError(file, "body", 'must not use "# " headings: the page renders the title');
  const sectionIds = new Set(headings.filter((h) => h.depth === 2).map((h) => h.id));
  frontmatter.path.forEach((step, i) => {
    if (step.kind === "section" && !sectionIds.has(step.anchor))
      throw new ContentError(file, `path.${i}.anchor`, `"${step.anchor}" is not the id of a "## " heading in the body`);
    if ((step.kind === "lab" || step.kind === "write-up") && !frontmatter.lab)
      throw new ContentError(file, `path.${i}.kind`, `"${step.kind}" is only for a lesson with a lab ("lab: true")`);
  });
  // "Done" must mean done: a lesson with a lab has the lab and its write-up on its path.
  if (frontmatter.lab) {
    for (const kind of ["lab", "write-up"] as const) {
      if (!frontmatter.path.some((s) => s.kind === kind))
        throw new ContentError(file, "path", `the lesson has a lab: add a step { title, kind: ${kind} }`);
    }
  }
  if (!frontmatter.lab && /<LabCard\b/.test(body.replace(/```[\s\S]*?```/g, "")))
    throw new ContentError(file, "body", 'uses <LabCard /> but the lesson has no lab ("lab: true")');
  frontmatter.objectives?.forEach((objective, i) => {
    if (frontmatter.objectives!.indexOf(objective) < i) throw new ContentError(file, `objectives.${i}`, "repeats an earlier objective");
  });
  frontmatter.concepts.forEach((concept, i) => {
    if (!sectionIds.has(concept.section))
      throw new ContentError(file, `concepts.${i}.section`, `"${concept.section}" is not the id of a "## " heading in the body`);
  });
  return { ...frontmatter, body, file, headings };
}

export function readCatalogueFile(file = path.join(CONTENT_DIR, "catalogue.yaml")): Catalogue {
  return parseWith(catalogueSchema, readYamlFile(file), file);
}

export function readModelFactsFile(file = path.join(CONTENT_DIR, "models.yaml")): ModelFacts {
  return parseWith(modelFactsSchema, readYamlFile(file), file);
}

export function readVisionPromptTemplateFile(file = path.join(CONTENT_DIR, "lab", "vision-prompt-template.yaml")): VisionPromptTemplate {
  return parseWith(visionPromptTemplateSchema, readYamlFile(file), file).vision_prompt_template;
}

export function lessonFiles(dir = path.join(CONTENT_DIR, "lessons")): string[] {
  return readdirSync(/* turbopackIgnore: true */ dir)
    .filter((f) => /\.mdx?$/.test(f))
    .sort()
    .map((f) => path.join(/* turbopackIgnore: true */ dir, f));
}

export type ContentLibrary = {
  catalogue: Catalogue;
  lessons: Map<string, LessonFile>;
  /** Lessons in catalogue order: tracks in order, lessons in order within each. */
  order: string[];
};

/** Reads every content file and checks the links between them. Throws ContentError on the first problem. */
export function loadContentLibrary(dir = CONTENT_DIR): ContentLibrary {
  const catalogueFile = path.join(dir, "catalogue.yaml");
  const catalogue = readCatalogueFile(catalogueFile);
  const lessons = new Map(
    lessonFiles(path.join(dir, "lessons")).map((file) => {
      const lesson = readLessonFile(file);
      return [lesson.slug, lesson] as const;
    }),
  );
  const order: string[] = [];
  catalogue.tracks.forEach((track, t) => {
    track.lessons.forEach((slug, l) => {
      const lesson = lessons.get(slug);
      if (!lesson) throw new ContentError(catalogueFile, `tracks.${t}.lessons.${l}`, `no lesson file content/lessons/${slug}.mdx`);
      if (lesson.track !== track.slug)
        throw new ContentError(lesson.file, "track", `is "${lesson.track}" but the catalogue lists it under "${track.slug}"`);
      if (order.includes(slug)) throw new ContentError(catalogueFile, `tracks.${t}.lessons.${l}`, `"${slug}" is listed twice`);
      order.push(slug);
    });
  });
  for (const lesson of lessons.values()) {
    const hasQuiz = existsSync(/* turbopackIgnore: true */ path.join(dir, "quizzes", `${lesson.slug}.yaml`));
    const quizStep = lesson.path.findIndex((s) => s.kind === "quiz");
    if (quizStep !== -1 && !hasQuiz)
      throw new ContentError(lesson.file, `path.${quizStep}.kind`, `"quiz" needs a quiz file content/quizzes/${lesson.slug}.yaml`);
    if (quizStep === -1 && hasQuiz)
      throw new ContentError(
        lesson.file,
        "path",
        `the lesson has a quiz (content/quizzes/${lesson.slug}.yaml): add a step { title, kind: quiz }`,
      );
    if (!order.includes(lesson.slug)) throw new ContentError(catalogueFile, "tracks", `does not list the lesson "${lesson.slug}"`);
    lesson.related.forEach((slug, i) => {
      if (!lessons.has(slug)) throw new ContentError(lesson.file, `related.${i}`, `no lesson "${slug}"`);
      if (slug === lesson.slug) throw new ContentError(lesson.file, `related.${i}`, "a lesson cannot be related to itself");
    });
  }
  return { catalogue, lessons, order };
}
