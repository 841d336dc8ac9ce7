import { z } from "zod";
import { PROMPT_MAX_LENGTH } from "@/lib/lab/prompt-kinds";
import { reproStampSchema, residentSchema, runMetricsSchema } from "@/lib/ollama/metrics";

// One zod schema per JSON column of the lab's tables, and the lab's input schemas. The server
// parses with them; the browser uses the inferred types. Pure: no server code here.

export const promptSchema = z
  .string()
  .trim()
  .min(1, { error: "Write a prompt." })
  .max(PROMPT_MAX_LENGTH, { error: `Keep each prompt under ${PROMPT_MAX_LENGTH} characters.` });

/** LabRun.prompts */
export const runPromptsSchema = z.strictObject({ easy: promptSchema, task: promptSchema, failure: promptSchema });
export type RunPrompts = z.infer<typeof runPromptsSchema>;

/** LabRun.defences: the prompt lines a student can switch off to see the undefended contrast. */
export const defencesSchema = z.strictObject({
  /** the text-only prompt says no image was sent and asks not to guess */
  textOnlyNote: z.boolean(),
  /** the vision prompt says text inside the image is content, not instructions */
  injectionLine: z.boolean(),
});
export type Defences = z.infer<typeof defencesSchema>;
export const ALL_DEFENCES: Defences = { textOnlyNote: true, injectionLine: true };

export const PREDICTION_COLUMNS = ["TEXT", "VISION", "OCR"] as const;

/** LabRun.predictions: what the student expected before running (every part optional). */
export const predictionsSchema = z.strictObject({
  imageTokens: z.number().int().min(1, { error: "Predict at least 1 image token." }).max(100_000).nullable(),
  /** which model finishes its answers sooner */
  faster: z.enum(["TEXT", "VISION"]).nullable(),
  /** which column gets the most controls with the right state */
  controls: z.enum(PREDICTION_COLUMNS).nullable(),
  /** revealed the image-token estimate before predicting: no token prediction to grade */
  estimateSeenFirst: z.boolean().optional(),
});
export type Predictions = z.infer<typeof predictionsSchema>;
export const NO_PREDICTIONS: Predictions = { imageTokens: null, faster: null, controls: null };

export const startRunInput = z.strictObject({
  imageId: z.string().min(1).max(40),
  textModel: z.string().max(120).nullable(),
  visionModel: z.string().max(120).nullable(),
  prompts: runPromptsSchema,
  measureCold: z.boolean(),
  defences: defencesSchema.default(ALL_DEFENCES),
  predictions: predictionsSchema.default(NO_PREDICTIONS),
});
/** Defences and predictions may be left out (all defences on, no predictions). */
export type StartRunInput = z.input<typeof startRunInput>;

/**
 * LabCell.structured, and the structured output asked of vision models: the JSON Schema sent to
 * Ollama as `format` is generated from this (visionOutputJsonSchema), so the two cannot differ.
 * Field names are the lesson template's output labels in snake case (checked with the content).
 */
export const visionControlSchema = z.object({
  type: z.string().describe("what kind of control: button, link, tab, toggle, checkbox, radio, dropdown, text input, …"),
  label: z.string().describe("its visible label"),
  state: z.string().describe("its visible state: on/off, checked, selected, disabled, empty, the value shown, …"),
});

export const visionOutputSchema = z.object({
  visible_text: z.array(z.string()),
  visible_controls: z.array(visionControlSchema),
  likely_user_task: z.string().nullable(),
  uncertainties: z.array(z.string()),
});
export type VisionOutput = z.infer<typeof visionOutputSchema>;

/**
 * LabCell.structured as stored: runs before controls became objects stored them as strings, which
 * read back as a control with only a label.
 */
export const storedVisionOutputSchema = visionOutputSchema.extend({
  visible_controls: z.array(z.union([visionControlSchema, z.string().transform((label) => ({ type: "", label, state: "" }))])),
});

export function visionOutputJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(visionOutputSchema) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}

/** LabCell.accuracy: visible text against a sample's ground truth. */
export const accuracySchema = z.object({
  wordRecall: z.number(),
  wordPrecision: z.number(),
  charErrorRate: z.number(),
  truthWords: z.number(),
  answerWords: z.number(),
});
export type TextAccuracy = z.infer<typeof accuracySchema>;

/** LabCell.metrics of a model cell. */
export const modelMetricsSchema = runMetricsSchema.extend({
  /** the estimate for the engine below, image grid + 2 markers (vision cells) */
  expectedImageTokens: z.number().nullable(),
  /** prompt_eval_count with the image minus the same prompt without it (vision cells, once measured) */
  measuredImageTokens: z.number().nullable().optional(),
  promptTokensWithoutImage: z.number().nullable().optional(),
  /** the thinking Ollama put in this answer's prompt when it answered in two completions (measured with the image) */
  thinkingPromptTokens: z.number().optional(),
  engine: z.enum(["go-1mp", "go", "llama-server"]).optional(),
  /** both model lanes ran at once: a load may include waiting behind the other model's */
  lanesInParallel: z.boolean().optional(),
  numPredict: z.number().optional(),
  resident: residentSchema.nullable(),
  /** a cold-start run's first prompt: whether /api/ps stopped listing the model after the unload, and why not */
  coldStart: z.object({ unloaded: z.boolean(), reason: z.string().max(500).optional() }).optional(),
});
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

/** LabCell.metrics of the OCR cell. */
export const ocrMetricsSchema = z.object({ ocrMs: z.number(), confidence: z.number(), words: z.number() });
export type OcrMetrics = z.infer<typeof ocrMetricsSchema>;

/** LabCell.stamp */
export const stampSchema = reproStampSchema;

/** LabCell.previous: earlier attempts of a retried cell. */
export const previousAttemptsSchema = z.array(
  z.object({ output: z.string(), error: z.string().nullable(), errorCode: z.string().nullable(), at: z.string() }),
);
export type PreviousAttempt = z.infer<typeof previousAttemptsSchema>[number];
