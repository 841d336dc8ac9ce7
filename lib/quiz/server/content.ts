import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { CONTENT_DIR, ContentError, parseWith, readYamlFile } from "@/lib/content/server/files";
import { getLesson } from "@/lib/content/server/lessons";
import { cueProblems, cueVariants } from "@/lib/quiz/cues";
import { GENERATOR_NAMES, type GeneratorName } from "@/lib/quiz/generators";
import { instantiateQuiz, type InstanceOptions } from "@/lib/quiz/instance";
import { quizFileSchema, type Quiz, type QuizTemplate } from "@/lib/quiz/schema";

export function quizFile(lesson: string): string {
  return path.join(CONTENT_DIR, "quizzes", `${lesson}.yaml`);
}

/** Reads and checks a quiz file against its schema and its lesson (concepts, sections and generators exist). */
export function readQuizFile(file: string): QuizTemplate {
  const quiz = parseWith(quizFileSchema, readYamlFile(file), file);
  const expected = path.basename(file, ".yaml");
  if (quiz.lesson !== expected) throw new ContentError(file, "lesson", `must equal the file name "${expected}"`);
  const lesson = getLesson(quiz.lesson);
  if (!lesson) throw new ContentError(file, "lesson", `no lesson "${quiz.lesson}"`);
  const terms = new Set(lesson.concepts.map((c) => c.term));
  const sections = new Set(lesson.headings.filter((h) => h.depth === 2).map((h) => h.id));
  quiz.questions.forEach((q, i) => {
    if (!terms.has(q.concept)) throw new ContentError(file, `questions.${i}.concept`, `"${q.concept}" is not a key term of the lesson`);
    if (!sections.has(q.section)) throw new ContentError(file, `questions.${i}.section`, `"${q.section}" is not a section of the lesson`);
    if (q.generator && !GENERATOR_NAMES.includes(q.generator as GeneratorName))
      throw new ContentError(file, `questions.${i}.generator`, `"${q.generator}" is not one of ${GENERATOR_NAMES.join(", ")}`);
  });
  // Variant ids name a question across the whole quiz (reports, item analysis).
  const variantIds = quiz.questions.flatMap((q) => [q.id, ...q.alternatives.map((a) => a.id)]);
  const repeated = variantIds.find((id, i) => variantIds.indexOf(id) !== i);
  if (repeated) throw new ContentError(file, "questions", `the variant id "${repeated}" is used twice`);
  // Surface cues: a key must not be findable by its length or by the absence of absolute words.
  const cues = cueProblems(cueVariants(quiz.questions));
  if (cues.length) throw new ContentError(file, "questions", `has answer cues: ${cues.join("; ")}`);
  return quiz;
}

const cache = new Map<string, QuizTemplate | null>();

/** The lesson's quiz file (every slot with its variants and answer keys): server-only. */
export function getQuizTemplate(lesson: string): QuizTemplate | null {
  if (!cache.has(lesson)) {
    const file = quizFile(lesson);
    cache.set(lesson, existsSync(file) ? readQuizFile(file) : null);
  }
  return cache.get(lesson)!;
}

/**
 * The quiz as its file writes it (each slot's first variant, generated slots' worked examples),
 * with its answer key: server-only, never sent to a browser before grading. For the tutor, the
 * lesson page and anything else that needs "the questions", not one attempt's.
 */
export function getQuizWithKey(lesson: string): Quiz | null {
  const template = getQuizTemplate(lesson);
  return template ? instantiateQuiz(template, { seed: "example", rotation: 0, examples: true }) : null;
}

/** The questions one attempt (or review set) shows, with its key. */
export function getQuizInstance(lesson: string, options: InstanceOptions): Quiz | null {
  const template = getQuizTemplate(lesson);
  return template ? instantiateQuiz(template, options) : null;
}
