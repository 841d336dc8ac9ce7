import { z } from "zod";

export const QUIZ_LENGTH = 15;

const optionSchema = z.strictObject({
  id: z.string().regex(/^[a-h]$/, { error: "must be a single letter a-h" }),
  text: z.string().min(1).max(300),
  correct: z.boolean(),
  explanation: z.string().min(1, { error: "every option needs its own explanation" }),
});

export const questionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be kebab-case" }),
    kind: z.enum(["single", "multiple"]),
    prompt: z.string().min(1).max(600),
    concept: z.string().min(1),
    section: z.string().min(1),
    options: z.array(optionSchema).min(2).max(8),
  })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (correct === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "needs at least one correct option" });
    if (q.kind === "single" && correct !== 1)
      ctx.addIssue({ code: "custom", path: ["options"], message: "a single-choice question needs exactly one correct option" });
    const ids = q.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["options"], message: "option ids must be unique" });
  });

export const quizSchema = z
  .strictObject({
    lesson: z.string().min(1),
    title: z.string().min(1),
    questions: z.array(questionSchema).length(QUIZ_LENGTH, { error: `must have exactly ${QUIZ_LENGTH} questions` }),
  })
  .superRefine((quiz, ctx) => {
    const ids = quiz.questions.map((q) => q.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `"${id}" is used twice` });
    });
  });

export type Quiz = z.infer<typeof quizSchema>;
export type QuizQuestion = z.infer<typeof questionSchema>;

/** QuizAnswer.optionIds: the canonical option ids chosen. */
export const chosenOptionIdsSchema = z.array(z.string());

/** QuizAttempt.concepts: concept -> right answers out of questions. */
export const conceptScoresSchema = z.record(z.string(), z.object({ correct: z.number(), total: z.number() }));
