import { z } from "zod";
import { accuracySchema, modelMetricsSchema, ocrMetricsSchema, runPromptsSchema, storedVisionOutputSchema } from "@/lib/lab/schemas";
import { cellScoresSchema } from "@/lib/lab/scoring/schema";
import { reproStampSchema } from "@/lib/ollama/metrics";

// The lab write-up, its frozen evidence, and the review: one zod schema per JSON column, and the
// limits of each field. Pure: the browser uses the inferred types and the limits.

export const SUBMISSION_STATES = ["DRAFT", "SUBMITTED", "IN_REVIEW", "RETURNED", "COMPLETED"] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export const STATE_LABELS: Record<SubmissionState, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted",
  IN_REVIEW: "In review",
  RETURNED: "Returned for revision",
  COMPLETED: "Completed",
};

export const RECOMMENDATIONS = ["use", "do-not-use", "narrow"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  use: "Use it",
  "do-not-use": "Do not use it",
  narrow: "Use it only for a narrow job",
};

export const WRITE_UP_LIMITS = { note: 500, cannotKnow: 2000, failure: 1500, narrowJob: 200, paragraph: 2500, minWords: 60, maxWords: 250 };

/** "VISION:task": one model cell of a run, stable across retries. */
export const cellKeySchema = z.string().regex(/^(TEXT|VISION|OCR):(easy|task|failure|ocr)$/);

const rating = z.strictObject({
  rating: z.number().int().min(1).max(5).nullable(),
  note: z.string().max(WRITE_UP_LIMITS.note),
  /** vision cells only */
  guessedHiddenState: z.boolean().optional(),
});
export type CellRating = z.infer<typeof rating>;

/** LabSubmission.draft and SubmissionVersion.writeUp. A draft may be incomplete; submitting checks it. */
export const writeUpSchema = z.strictObject({
  runId: z.string().max(40).nullable(),
  ratings: z.record(cellKeySchema, rating),
  cannotKnow: z.string().max(WRITE_UP_LIMITS.cannotKnow),
  failure: z.strictObject({ text: z.string().max(WRITE_UP_LIMITS.failure), cell: cellKeySchema.nullable() }),
  recommendation: z.strictObject({
    choice: z.enum(RECOMMENDATIONS).nullable(),
    narrowJob: z.string().max(WRITE_UP_LIMITS.narrowJob),
    paragraph: z.string().max(WRITE_UP_LIMITS.paragraph),
  }),
});
export type WriteUp = z.infer<typeof writeUpSchema>;

export function emptyWriteUp(runId: string | null = null): WriteUp {
  return {
    runId,
    ratings: {},
    cannotKnow: "",
    failure: { text: "", cell: null },
    recommendation: { choice: null, narrowJob: "", paragraph: "" },
  };
}

/** One cell of the evidence as it was when submitted. */
export const evidenceCellSchema = z.object({
  key: cellKeySchema,
  column: z.enum(["TEXT", "VISION", "OCR"]),
  promptKind: z.string(),
  model: z.string().nullable(),
  status: z.string(),
  output: z.string(),
  thinking: z.string().optional(),
  structured: storedVisionOutputSchema.nullable(),
  metrics: modelMetricsSchema.nullable(),
  ocrMetrics: ocrMetricsSchema.nullable(),
  stamp: reproStampSchema.nullable(),
  accuracy: accuracySchema.nullable(),
  /** the ground-truth scores the student's lab showed; absent in versions frozen before they were kept */
  scores: cellScoresSchema.nullable().optional(),
});
export type EvidenceCell = z.infer<typeof evidenceCellSchema>;

/** SubmissionVersion.evidence: the run frozen at submission, so a later retry changes nothing submitted. */
export const evidenceSchema = z.object({
  runId: z.string(),
  imageId: z.string(),
  sampleId: z.string().nullable(),
  textModel: z.string(),
  visionModel: z.string(),
  measureCold: z.boolean(),
  prompts: runPromptsSchema,
  createdAt: z.string(),
  cells: z.array(evidenceCellSchema),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const REVIEW_LIMITS = { feedback: 5000, comment: 1000 };

/** SubmissionReview.levels: rubric criterion id -> chosen level id. */
export const rubricLevelsSchema = z.record(z.string().max(60), z.string().max(60));
export type RubricLevels = z.infer<typeof rubricLevelsSchema>;
