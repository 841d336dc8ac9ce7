import { compileMdx } from "@/lib/content/server/mdx";
import { loadContentLibrary, readModelFactsFile, readVisionPromptTemplateFile } from "@/lib/content/server/files";
import { getQuizWithKey } from "@/lib/quiz/server/content";
import { getLessonChecks, placedChecks } from "@/lib/checks/server/content";
import { pathProblems } from "@/lib/content/path";
import { fieldName } from "@/lib/lab/prompts";
import { readSamplesFile } from "@/lib/lab/server/samples";
import { visionOutputSchema } from "@/lib/lab/schemas";
import { readExemplarsFile, readRubricFile } from "@/lib/submissions/server/rubric";

/** Every content file parsed, cross-checked and compiled. Throws on the first problem. */
export async function checkAllContent(): Promise<string> {
  const library = loadContentLibrary();
  for (const lesson of library.lessons.values()) {
    await compileMdx(lesson.body, lesson.file);
    // The path is the lesson's sections by their headings, none that teaches left out (lib/content/path.ts).
    const teaching = [
      ...lesson.concepts.map((c) => c.section),
      ...placedChecks(lesson.body).flatMap((c) => (c.section ? [c.section] : [])),
    ];
    const [problem] = pathProblems(
      lesson.path,
      lesson.headings.filter((h) => h.depth === 2),
      teaching,
    );
    if (problem) throw new Error(`${lesson.file}: path: ${problem}`);
  }
  const models = readModelFactsFile();
  const template = readVisionPromptTemplateFile();
  const fields = template.output.map(fieldName);
  const expected = Object.keys(visionOutputSchema.shape);
  if (fields.join() !== expected.join()) {
    throw new Error(
      `content/lab/vision-prompt-template.yaml: output must name ${expected.join(", ")} (the lab's structured output), found ${fields.join(", ")}`,
    );
  }
  const quizzes = [...library.lessons.keys()].filter((slug) => getQuizWithKey(slug));
  const checks = [...library.lessons.keys()].reduce((n, slug) => n + getLessonChecks(slug).length, 0);
  const samples = readSamplesFile();
  const rubric = readRubricFile();
  const exemplars = readExemplarsFile(undefined, rubric);
  return `${library.lessons.size} lessons in ${library.catalogue.tracks.length} tracks, ${quizzes.length} quiz(zes), ${checks} section checks, ${models.models.length} model facts, ${samples.length} lab samples, a rubric of ${rubric.criteria.length} criteria and its ${exemplars.length} exemplars`;
}
