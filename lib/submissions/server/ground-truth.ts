import "server-only";
import { getSample } from "@/lib/lab/server/samples";
import { sampleTruthFor } from "@/lib/lab/server/truth";
import { scoreAnswer, toScoredAnswer } from "@/lib/lab/scoring";
import type { CellScores } from "@/lib/lab/scoring/types";
import type { SampleTruth } from "@/lib/lab/types";
import type { Evidence } from "@/lib/submissions/schemas";

// The ground truth a reviewer needs beside the frozen answers: the scores the student's lab showed
// for each answer, and the sample's truth and trap. Versions frozen before the scores were kept are
// scored again from their frozen text with the lab's own scorers (for a sample only: an upload has
// no ground truth).

export type EvidenceTruth = { scores: Record<string, CellScores | null>; truth: SampleTruth | null };

export function evidenceTruth(evidence: Evidence): EvidenceTruth {
  const sample = evidence.sampleId ? getSample(evidence.sampleId) : null;
  const scores = Object.fromEntries(
    evidence.cells.map((cell) => [
      cell.key,
      cell.scores !== undefined
        ? cell.scores
        : sample && cell.status === "DONE"
          ? scoreAnswer(sample, toScoredAnswer(cell.output, cell.structured))
          : null,
    ]),
  );
  return { scores, truth: sampleTruthFor(evidence.sampleId) };
}
