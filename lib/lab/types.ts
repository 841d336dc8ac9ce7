import type { LaneNote } from "@/lib/lab/lane-fit";
import type { CellTally, RunOutcome } from "@/lib/lab/run-status";
import type { CellScores } from "@/lib/lab/scoring/types";
import type {
  Defences,
  ModelMetrics,
  OcrMetrics,
  Predictions,
  PreviousAttempt,
  RunPrompts,
  TextAccuracy,
  VisionOutput,
} from "@/lib/lab/schemas";
import type { ReproStamp } from "@/lib/ollama/metrics";
import type { SubmissionState } from "@/lib/submissions/schemas";
import type { VisionFamily } from "@/lib/images/tokens";
import type { OllamaEngine } from "@/lib/ollama/engine";

/** EMPTY: the model finished but its answer is empty (often all of it went into thinking). */
export type CellStatus = "PENDING" | "RUNNING" | "DONE" | "EMPTY" | "FAILED" | "CANCELLED" | "INTERRUPTED";

export type LabCellView = {
  id: string;
  column: "TEXT" | "VISION" | "OCR";
  promptKind: string;
  model: string | null;
  status: CellStatus;
  output: string;
  /** what a thinking model put in message.thinking */
  thinking: string;
  structured: VisionOutput | null;
  /** model cells */
  metrics: ModelMetrics | null;
  /** the OCR cell */
  ocrMetrics: OcrMetrics | null;
  stamp: ReproStamp | null;
  accuracy: TextAccuracy | null;
  /** controls, pairs, inventions, injection against the sample's ground truth */
  scores: CellScores | null;
  error: string | null;
  errorCode: string | null;
  attempts: number;
  previous: PreviousAttempt[];
  /** which Ollama host the cell's lane went to, as people may read it ("host 2 of 3"; null with one host or for OCR) */
  hostLabel: string | null;
};

export type LabRunView = {
  id: string;
  status: string;
  /** how the run reads: done, finished with failures, running, … */
  outcome: RunOutcome;
  tally: CellTally;
  isActive: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  textModel: string | null;
  visionModel: string | null;
  measureCold: boolean;
  /** set when the two models did not fit in memory together and the rest of the run went lane by lane */
  laneNote: LaneNote | null;
  prompts: RunPrompts;
  defences: Defences;
  predictions: Predictions;
  imageId: string;
  sampleId: string | null;
  cells: LabCellView[];
  /** changes whenever anything shown changes: the event stream sends a new view only then */
  version: string;
};

export type LabRunSummary = {
  id: string;
  status: string;
  outcome: RunOutcome;
  tally: CellTally;
  createdAt: string;
  textModel: string | null;
  visionModel: string | null;
  image: { fileName: string | null; sampleId: string | null };
};

export type LabRunState = {
  id: string;
  outcome: RunOutcome;
  cells: CellTally;
  createdAt: string;
  models: { text: string | null; vision: string | null };
};

export type LabProgress = {
  latestRun: LabRunState | null;
  /** runs that finished (done, or done with failures): one is enough for the lab step */
  finishedRuns: number;
  writeUp: { submissionId: string; state: SubmissionState; submittedAt: string | null } | null;
};

/** What the page knows about a sample screenshot, to show after the run. */
export type SampleTruth = {
  title: string;
  likelyTask: string;
  trap: string | null;
  controls: { type: string; label: string; state: string }[];
  pairs: { label: string; value: string }[];
};

export type LabImageView = {
  id: string;
  url: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  original: { format: string; width: number; height: number; bytes: number };
  sampleId: string | null;
  fileName: string | null;
  /** estimates (image grid + 2 markers) per model family and Ollama engine; the lab shows them as "about" */
  expectedTokens: { family: VisionFamily; label: string; engine: OllamaEngine; tokens: number; tokensBeforeResize: number }[];
};
