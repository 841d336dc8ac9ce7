import "server-only";
import path from "node:path";
import { z } from "zod";
import { CONTENT_DIR, ContentError, parseWith, readYamlFile } from "@/lib/content/server/files";
import { RECOMMENDATIONS } from "@/lib/submissions/schemas";
import { scoreRubric, type Rubric } from "@/lib/submissions/scoring";

// The lab's rubric and exemplar write-up are content, validated like the quiz.

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
});

const exemplarSchema = z.strictObject({
  title: z.string().min(1),
  note: z.string().min(1),
  evidence: z.string().min(1),
  ratings: z.array(z.strictObject({ cell: z.string().min(1), rating: z.number().int().min(1).max(5), note: z.string().min(1) })).min(1),
  cannotKnow: z.array(z.string().min(1)).min(1),
  failure: z.strictObject({ text: z.string().min(1), where: z.string().min(1) }),
  recommendation: z.strictObject({ choice: z.enum(RECOMMENDATIONS), narrowJob: z.string(), paragraph: z.string().min(1) }),
});
export type Exemplar = z.infer<typeof exemplarSchema>;

const RUBRIC_FILE = path.join(CONTENT_DIR, "lab", "rubric.yaml");
const EXEMPLAR_FILE = path.join(CONTENT_DIR, "lab", "exemplar.yaml");

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
  if (scoreRubric(rubric, {}).max === 0) throw new ContentError(file, "criteria", "no level gives any points");
  return rubric;
}

export function readExemplarFile(file = EXEMPLAR_FILE): Exemplar {
  return parseWith(exemplarSchema, readYamlFile(file), file);
}

let rubric: Rubric | undefined;
export function getRubric(): Rubric {
  rubric ??= readRubricFile();
  return rubric;
}

let exemplar: Exemplar | undefined;
export function getExemplar(): Exemplar {
  exemplar ??= readExemplarFile();
  return exemplar;
}
