import { z } from "zod";

export const QUIZ_LENGTH = 15;

const optionSchema = z.strictObject({
  id: z.string().regex(/^[a-h]$/, { error: "must be a single letter a-h" }),
  text: z.string().min(1).max(300),
  correct: z.boolean(),
  explanation: z.string().min(1, { error: "every option needs its own explanation" }),
});

type OptionLike = { id: string; correct: boolean };

/** Options' rules for one question or variant: a key, one for single choice, unique ids. */
function checkOptions(kind: "single" | "multiple", options: OptionLike[], ctx: z.RefinementCtx, path: (string | number)[] = ["options"]) {
  const correct = options.filter((o) => o.correct).length;
  if (correct === 0) ctx.addIssue({ code: "custom", path, message: "needs at least one correct option" });
  if (kind === "single" && correct !== 1)
    ctx.addIssue({ code: "custom", path, message: "a single-choice question needs exactly one correct option" });
  const ids = options.map((o) => o.id);
  if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path, message: "option ids must be unique" });
}

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be kebab-case" });

/** One concrete question, as an attempt shows it (a slot's variant, or a generated one). */
export const questionSchema = z
  .strictObject({
    id: kebab,
    /** which variant of the slot this is (the slot id for its first one) */
    variantId: kebab.optional(),
    kind: z.enum(["single", "multiple"]),
    prompt: z.string().min(1).max(600),
    concept: z.string().min(1),
    section: z.string().min(1),
    options: z.array(optionSchema).min(2).max(8),
  })
  .superRefine((q, ctx) => checkOptions(q.kind, q.options, ctx));

/** Another question for a slot: same concept and section, a different stem. */
export const alternativeSchema = z.strictObject({
  id: kebab,
  kind: z.enum(["single", "multiple"]).optional(),
  prompt: z.string().min(1).max(600),
  options: z.array(optionSchema).min(2).max(8),
  /** the attempt format that first asked it: attempts written before rotated over the variants before it */
  since: z.number().int().min(1).optional(),
});

/**
 * A slot of the quiz file: its first variant (the fields of a question), optional alternatives,
 * and optionally a generator that draws the slot's numbers per attempt (lib/quiz/generators.ts;
 * the file's own prompt and options are then the worked example).
 */
export const slotSchema = z
  .strictObject({
    id: kebab,
    kind: z.enum(["single", "multiple"]),
    prompt: z.string().min(1).max(600),
    concept: z.string().min(1),
    section: z.string().min(1),
    options: z.array(optionSchema).min(2).max(8),
    alternatives: z.array(alternativeSchema).default([]),
    generator: z
      .string()
      .regex(/^[a-z-]+$/)
      .optional(),
  })
  .superRefine((slot, ctx) => {
    checkOptions(slot.kind, slot.options, ctx);
    slot.alternatives.forEach((alt, i) => checkOptions(alt.kind ?? slot.kind, alt.options, ctx, ["alternatives", i, "options"]));
    const ids = [slot.id, ...slot.alternatives.map((a) => a.id)];
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: ["alternatives"], message: `variant id "${id}" is used twice` });
    });
  });

/** A quiz file: its slots. */
export const quizFileSchema = z
  .strictObject({
    lesson: z.string().min(1),
    title: z.string().min(1),
    questions: z.array(slotSchema).length(QUIZ_LENGTH, { error: `must have exactly ${QUIZ_LENGTH} questions` }),
  })
  .superRefine((quiz, ctx) => {
    const ids = quiz.questions.map((q) => q.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `"${id}" is used twice` });
    });
  });

export type QuizTemplate = z.infer<typeof quizFileSchema>;
export type QuizSlot = z.infer<typeof slotSchema>;

/** A concrete quiz: the questions one attempt shows (or a review set's few). */
export const quizSchema = z.strictObject({
  lesson: z.string().min(1),
  title: z.string().min(1),
  questions: z.array(questionSchema).min(1),
});

export type Quiz = z.infer<typeof quizSchema>;
export type QuizQuestion = z.infer<typeof questionSchema>;

/** QuizAnswer.optionIds: the canonical option ids chosen. */
export const chosenOptionIdsSchema = z.array(z.string());

/** QuizAttempt.concepts: concept -> right answers out of questions. */
export const conceptScoresSchema = z.record(z.string(), z.object({ correct: z.number(), total: z.number() }));
