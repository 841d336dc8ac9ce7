import { z } from "zod";

// In-lesson checks ("Check yourself" at the end of a section): content/checks/<lesson>.yaml.
// One or two per section, with immediate feedback and a hint. Numeric answers are either a fixed
// value or computed by the same functions the lab uses, so a key cannot drift from the lab's maths.

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be kebab-case" });

const optionSchema = z.strictObject({
  id: z.string().regex(/^[a-h]$/, { error: "must be a single letter a-h" }),
  text: z.string().min(1).max(300),
  correct: z.boolean(),
  explanation: z.string().min(1, { error: "every option needs its own explanation" }).max(600),
});

const positive = z.number().positive();

export const COMPUTE_FNS = ["image-tokens", "gpu-share", "tokens-per-second"] as const;

/** A numeric key computed by the lab's own functions (lib/images/tokens.ts, lib/ollama/metrics.ts). */
export const computeSchema = z.discriminatedUnion(
  "fn",
  [
    z.strictObject({
      fn: z.literal("image-tokens"),
      width: positive.int(),
      height: positive.int(),
      family: z.enum(["qwen2.5-vl", "qwen3-vl"]),
      engine: z.enum(["go-1mp", "go", "llama-server"]),
    }),
    z.strictObject({ fn: z.literal("gpu-share"), size: positive.int(), size_vram: z.number().int().min(0) }),
    z.strictObject({ fn: z.literal("tokens-per-second"), eval_count: positive.int(), eval_duration: positive.int() }),
  ],
  { error: `must be one of ${COMPUTE_FNS.join(", ")}` },
);
export type ComputeSpec = z.infer<typeof computeSchema>;

const toleranceSchema = z.union([z.strictObject({ absolute: z.number().min(0) }), z.strictObject({ percent: z.number().min(0).max(50) })]);
export type Tolerance = z.infer<typeof toleranceSchema>;

export const numericAnswerSchema = z
  .strictObject({
    value: z.number().optional(),
    compute: computeSchema.optional(),
    tolerance: toleranceSchema,
    /** shown after the input ("tokens", "%", "tokens/s") */
    unit: z.string().min(1).max(20),
    /** the input's label; "Your answer" when absent */
    label: z.string().min(1).max(80).optional(),
    /** how the number is reached, for a fixed value (a computed one explains itself) */
    working: z.string().min(1).max(600).optional(),
    /** likely wrong numbers and what each one means */
    misconceptions: z
      .array(z.strictObject({ value: z.number(), feedback: z.string().min(1).max(300) }))
      .max(5)
      .default([]),
  })
  .superRefine((a, ctx) => {
    if ((a.value === undefined) === (a.compute === undefined))
      ctx.addIssue({ code: "custom", path: ["value"], message: "give exactly one of value or compute" });
    if (a.value !== undefined && !a.working)
      ctx.addIssue({ code: "custom", path: ["working"], message: "a fixed value needs its working" });
  });
export type NumericAnswer = z.infer<typeof numericAnswerSchema>;

export const checkSchema = z
  .strictObject({
    id: kebab,
    /** the "## " heading (its anchor) the check closes */
    section: kebab,
    /** a key term of the lesson: the answer counts toward its mastery */
    concept: z.string().min(1).max(200),
    kind: z.enum(["single", "multiple", "numeric"]),
    prompt: z.string().min(1).max(600),
    /** shown under the prompt as a code block: a metrics reply, an /api/ps line */
    code: z.string().min(1).max(800).optional(),
    hint: z.string().min(1).max(400),
    explanation: z.string().min(1).max(800),
    options: z.array(optionSchema).min(2).max(8).optional(),
    answer: numericAnswerSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.kind === "numeric") {
      if (!c.answer) ctx.addIssue({ code: "custom", path: ["answer"], message: "a numeric check needs an answer" });
      if (c.options) ctx.addIssue({ code: "custom", path: ["options"], message: "a numeric check has no options" });
      return;
    }
    if (c.answer) ctx.addIssue({ code: "custom", path: ["answer"], message: `a ${c.kind} check has options, not an answer` });
    if (!c.options) return ctx.addIssue({ code: "custom", path: ["options"], message: `a ${c.kind} check needs options` });
    const correct = c.options.filter((o) => o.correct).length;
    if (correct === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "needs at least one correct option" });
    if (c.kind === "single" && correct !== 1)
      ctx.addIssue({ code: "custom", path: ["options"], message: "a single-choice check needs exactly one correct option" });
    const ids = c.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["options"], message: "option ids must be unique" });
  });
export type Check = z.infer<typeof checkSchema>;

export const checksFileSchema = z.strictObject({ lesson: kebab, checks: z.array(checkSchema).min(1) }).superRefine((file, ctx) => {
  const ids = file.checks.map((c) => c.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: ["checks", i, "id"], message: `"${id}" is used twice` });
  });
});
export type ChecksFile = z.infer<typeof checksFileSchema>;
