import type { EvidenceCell } from "@/lib/submissions/schemas";
import type { RubricLevels } from "@/lib/submissions/schemas";
export type BankEntry = { id: string; text: string; uses: number };

/** What the write-up form shows of a run it may be about. */
export type EvidenceRunOption = {
  runId: string;
  createdAt: string;
  textModel: string;
  visionModel: string;
  sampleId: string | null;
  cells: EvidenceCell[];
};

export type DecidedReview = {
  decision: "RETURNED" | "COMPLETED";
  decidedAt: string;
  levels: RubricLevels;
  feedback: string;
  grade: number | null;
  reviewerName: string | null;
};
