import "server-only";
import path from "node:path";
import { z } from "zod";
import { CONTENT_DIR, ContentError, parseWith, readYamlFile } from "@/lib/content/server/files";
import { getModelFacts } from "@/lib/content/server/lessons";
import { getSample } from "@/lib/lab/server/samples";
import { exemplarProblems, exemplarsFileSchema, recommendationCoverageProblem, type Exemplar } from "@/lib/submissions/exemplars";
import { gradeBandProblem, scoreRubric, type Rubric } from "@/lib/submissions/scoring";

// The lab's rubric (with its grade bands) and exemplar write-ups are content, validated like the
// quiz; each exemplar's facts are proved against its sample's ground truth when it is read.

const id = z.string().regex(/^[a-z0-9-]{1,60}$/);

const rubricSchema = z.strictObject({
  lab: z.string().min(1),
  criteria: z
    .array(
      z.strictObject({
        id,
        title: z.string().min(1),
        description: z.string().min(1),
        levels: z
          .array(z.strictObject({ id, title: z.string().min(1), points: z.number().int().min(0).max(100), description: z.string().min(1) }))
          .min(2),
      }),
    )
    .min(1),
  gradeBands: z
    .array(
      z.strictObject({
        id,
        title: z.string().min(1),
        min: z.number().int().min(0),
        max: z.number().int().min(0),
        description: z.string().min(1),
      }),
    )
    .min(1),
});

const RUBRIC_FILE = path.join(CONTENT_DIR, "lab", "rubric.yaml");
const EXEMPLARS_FILE = path.join(CONTENT_DIR, "lab", "exemplars.yaml");

export function readRubricFile(file = RUBRIC_FILE): Rubric {
  const rubric = parseWith(rubricSchema, readYamlFile(file), file);
  const seen = new Set<string>();
  rubric.criteria.forEach((criterion, i) => {
    if (seen.has(criterion.id)) throw new ContentError(file, `criteria.${i}.id`, `"${criterion.id}" is used twice`);
    seen.add(criterion.id);
    const levels = new Set(criterion.levels.map((l) => l.id));
    if (levels.size !== criterion.levels.length) throw new ContentError(file, `criteria.${i}.levels`, "level ids must be unique");
  });
  // A rubric with no way to score zero or full marks is a typo, not a design.
  const { max } = scoreRubric(rubric, {});
  if (max === 0) throw new ContentError(file, "criteria", "no level gives any points");
  const bands = gradeBandProblem(rubric.gradeBands, max);
  if (bands) throw new ContentError(file, "gradeBands", bands);
  return rubric;
}

/** The exemplars, each proved against its sample and the rubric, one per recommendation kind, on the lesson's recommended pair. */
export function readExemplarsFile(file = EXEMPLARS_FILE, rubric: Rubric = getRubric()): Exemplar[] {
  const { exemplars } = parseWith(exemplarsFileSchema, readYamlFile(file), file);
  const coverage = recommendationCoverageProblem(exemplars);
  if (coverage) throw new ContentError(file, "exemplars", coverage);
  const pair = getModelFacts().recommendedPairs[0];
  exemplars.forEach((exemplar, i) => {
    const sample = getSample(exemplar.sample);
    if (!sample) throw new ContentError(file, `exemplars.${i}.sample`, `"${exemplar.sample}" is not a sample`);
    if (pair && (exemplar.textModel !== pair.text || exemplar.visionModel !== pair.vision))
      throw new ContentError(file, `exemplars.${i}`, `should compare the lesson's recommended pair, ${pair.text} and ${pair.vision}`);
    const problems = exemplarProblems(exemplar, sample, rubric);
    if (problems.length) throw new ContentError(file, `exemplars.${i}`, problems.join("; "));
  });
  return exemplars;
}

let rubric: Rubric | undefined;
export function getRubric(): Rubric {
  rubric ??= readRubricFile();
  return rubric;
}

let exemplars: Exemplar[] | undefined;
export function getExemplars(): Exemplar[] {
  exemplars ??= readExemplarsFile();
  return exemplars;
}
