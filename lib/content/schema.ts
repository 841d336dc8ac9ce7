import { z } from "zod";
import { ACTIVITY_KINDS, type PathStep } from "@/lib/content/path";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be kebab-case (a-z, 0-9, hyphens)" });
const isoDate = z
  .string({ error: "must be a date written YYYY-MM-DD" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date written YYYY-MM-DD" })
  .refine((v) => !Number.isNaN(Date.parse(v)), { error: "is not a real date" });

export const sourceSchema = z.strictObject({
  title: z.string().min(1),
  publisher: z.string().min(1),
  url: z.url().optional(),
  date: isoDate,
  note: z.string().min(1).optional(),
});

/**
 * A learning-path step: a section of the page `{ title, anchor }` or an activity `{ title, kind }`
 * (lab, write-up, quiz), read into one shape with a stable id for progress.
 */
export const pathStepSchema = z
  .strictObject({
    title: z.string().min(1),
    anchor: slug.optional(),
    kind: z.enum(ACTIVITY_KINDS, { error: 'must be "lab", "write-up" or "quiz"' }).optional(),
  })
  .superRefine((step, ctx) => {
    if (step.anchor === undefined && step.kind === undefined)
      ctx.addIssue({ code: "custom", message: "needs an anchor (a section of the lesson) or a kind (lab, write-up or quiz)" });
    if (step.anchor !== undefined && step.kind !== undefined)
      ctx.addIssue({ code: "custom", message: "has both an anchor and a kind: a step is either a section or an activity" });
  })
  .transform(({ title, anchor, kind }): PathStep =>
    kind ? { kind, id: kind, title } : { kind: "section", id: anchor!, title, anchor: anchor! },
  );

const pathSchema = z
  .array(pathStepSchema)
  .min(1, { error: "needs at least one learning path step" })
  .superRefine((steps, ctx) => {
    steps.forEach((step, i) => {
      const first = steps.findIndex((s) => s.id === step.id);
      if (first < i)
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `"${step.id}" is already step ${first + 1}: each section and each activity is on the path once`,
        });
    });
  });

/**
 * Verbs a learning objective may start with: each names something a reader can be seen doing, so
 * the objective can be checked. "Understand" or "Know" cannot; add a verb here when a lesson needs one.
 */
export const OBJECTIVE_VERBS = [
  "Apply",
  "Build",
  "Calculate",
  "Check",
  "Choose",
  "Compare",
  "Count",
  "Decide",
  "Describe",
  "Design",
  "Distinguish",
  "Estimate",
  "Explain",
  "Find",
  "Identify",
  "Interpret",
  "Judge",
  "List",
  "Measure",
  "Name",
  "Plan",
  "Predict",
  "Price",
  "Read",
  "Recognise",
  "Recommend",
  "Record",
  "Run",
  "Spot",
  "Tell",
  "Use",
  "Write",
] as const;

const objectiveSchema = z
  .string()
  .min(1)
  .max(200, { error: "must be at most 200 characters: one thing the reader can do" })
  .superRefine((text, ctx) => {
    const verb = /^\S+/.exec(text)?.[0] ?? "";
    if (!(OBJECTIVE_VERBS as readonly string[]).includes(verb))
      ctx.addIssue({
        code: "custom",
        message: `must start with a verb the reader can be seen doing, one of OBJECTIVE_VERBS in lib/content/schema.ts (such as Explain, Estimate, Compare), not "${verb}"`,
      });
  });

export const lessonFrontmatterSchema = z.strictObject({
  slug,
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(400),
  description: z.string().min(1).max(160, { error: "must be at most 160 characters (it is the meta description)" }),
  track: slug,
  minutes: z.number().int().min(1).max(600),
  updated: isoDate,
  /** The lesson has a lab (and its write-up); only such a lesson may put them on its path. */
  lab: z.boolean().default(false),
  path: pathSchema,
  concepts: z
    .array(z.strictObject({ term: z.string().min(1), definition: z.string().min(1), section: slug }))
    .min(1, { error: "needs at least one key term" }),
  related: z.array(slug).default([]),
  bigIdea: z.string().min(1),
  /** "You will be able to …": what a reader can do after the lesson, each starting with a verb. */
  objectives: z
    .array(objectiveSchema)
    .min(2, { error: "needs at least 2 objectives, or none at all" })
    .max(6, { error: "has more than 6 objectives: keep the ones the lesson really teaches" })
    .optional(),
  sources: z.array(sourceSchema).min(1, { error: "needs at least one dated source" }),
});

export const catalogueSchema = z.strictObject({
  tracks: z
    .array(
      z.strictObject({
        slug,
        title: z.string().min(1),
        description: z.string().min(1),
        lessons: z.array(slug).min(1),
      }),
    )
    .min(1),
});

export const modelFactsSchema = z.strictObject({
  checked: isoDate,
  source: sourceSchema,
  models: z.array(
    z.strictObject({
      tag: z.string().regex(/^[a-z0-9._-]+:[a-z0-9._-]+$/, { error: "must be an Ollama tag like qwen2.5vl:3b" }),
      family: z.string().min(1),
      kind: z.enum(["vision", "text"]),
      download: z.string().min(1),
      downloadBytes: z.number().int().positive(),
      context: z.string().min(1),
      contextTokens: z.number().int().positive(),
      licence: z.string().min(1),
      nonCommercial: z.boolean(),
      minOllama: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
  recommendedPairs: z.array(z.strictObject({ text: z.string(), vision: z.string(), why: z.string().min(1) })).min(1),
});

export const visionPromptTemplateSchema = z.strictObject({
  vision_prompt_template: z.strictObject({
    task: z.string().min(1),
    image: z.string().min(1),
    output: z.array(z.string().min(1)).min(1),
    rule: z.string().min(1),
  }),
});

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type Catalogue = z.infer<typeof catalogueSchema>;
export type ModelFacts = z.infer<typeof modelFactsSchema>;
export type VisionPromptTemplate = z.infer<typeof visionPromptTemplateSchema>["vision_prompt_template"];
export type Source = z.infer<typeof sourceSchema>;
