import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { CONTENT_DIR, ContentError, parseWith, readYamlFile } from "@/lib/content/files";
import { getLesson } from "@/lib/content/lessons";
import { quizSchema, type Quiz } from "@/lib/quiz/schema";

export function quizFile(lesson: string): string {
  return path.join(CONTENT_DIR, "quizzes", `${lesson}.yaml`);
}

/** Reads and checks a quiz file against its schema and its lesson (concepts and sections exist). */
export function readQuizFile(file: string): Quiz {
  const quiz = parseWith(quizSchema, readYamlFile(file), file);
  const expected = path.basename(file, ".yaml");
  if (quiz.lesson !== expected) throw new ContentError(file, "lesson", `must equal the file name "${expected}"`);
  const lesson = getLesson(quiz.lesson);
  if (!lesson) throw new ContentError(file, "lesson", `no lesson "${quiz.lesson}"`);
  const terms = new Set(lesson.concepts.map((c) => c.term));
  const sections = new Set(lesson.headings.filter((h) => h.depth === 2).map((h) => h.id));
  quiz.questions.forEach((q, i) => {
    if (!terms.has(q.concept)) throw new ContentError(file, `questions.${i}.concept`, `"${q.concept}" is not a key term of the lesson`);
    if (!sections.has(q.section)) throw new ContentError(file, `questions.${i}.section`, `"${q.section}" is not a section of the lesson`);
  });
  return quiz;
}

const cache = new Map<string, Quiz | null>();

/** The lesson's quiz with its answer key: server-only, never sent to a browser before grading. */
export function getQuizWithKey(lesson: string): Quiz | null {
  if (!cache.has(lesson)) {
    const file = quizFile(lesson);
    cache.set(lesson, existsSync(file) ? readQuizFile(file) : null);
  }
  return cache.get(lesson)!;
}
