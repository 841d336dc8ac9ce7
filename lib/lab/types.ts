import type { ClassOption } from "@/lib/classes/types";
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
import type { SubmissionState, WriteUp } from "@/lib/submissions/schemas";
import type { DecidedReview, EvidenceRunOption } from "@/lib/submissions/types";
import type { Exemplar } from "@/lib/submissions/exemplars";
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

export type ModelOption = {
  name: string;
  kind: "vision" | "text";
  parameterSize: string;
  quantization: string;
  sizeBytes: number;
  contextLength: number | null;
  licence: { summary: string; isNonCommercial: boolean };
  /** ignores think:false: its answer may land in its thinking */
  isThinkingVariant: boolean;
};

export type SampleOption = {
  id: string;
  title: string;
  kind: string;
  description: string;
  width: number;
  height: number;
  /** a crop of another sample at full resolution, offered under it ("send a crop instead") */
  cropOf: string | null;
  cropNote: string | null;
  /** the gallery's small WebP, with its size so nothing shifts as it loads */
  thumbnail: { url: string; width: number; height: number };
};

/** Ollama as the lab shows it: the pool answering or not, and what it said. */
export type LabOllamaView = {
  reachable: boolean;
  host: string;
  message: string | null;
  version: string | null;
  engine: OllamaEngine | null;
};

/** The workbench's parts that belong to one reader or to the live Ollama pool (the rest is in the shared page). */
export type LabWorkbenchData = {
  textModels: ModelOption[];
  visionModels: ModelOption[];
  /** the pair the form starts with: the student's last, else the first recommended pair installed */
  defaultModels: { text: string; vision: string };
  ollama: LabOllamaView;
  run: LabRunView | null;
  /** the open run's screenshot, so "Run again" can put it back in the form */
  runImage: LabImageView | null;
  /** the open run's sample ground truth, shown once it has finished */
  truth: SampleTruth | null;
  runs: LabRunSummary[];
  /** instructors, or students who run Ollama themselves (LAB_STUDENTS_RUN_OLLAMA): show commands, not "ask your instructor" */
  showOperatorHelp: boolean;
};

/** The reader's write-up as the editor starts from it. */
export type LabWriteUpData = {
  submissionId: string | null;
  state: SubmissionState;
  draft: WriteUp;
  revision: number;
  savedAt: string | null;
  review: DecidedReview | null;
  /** the exemplar write-ups: sent only once the student has submitted (before that they would be a model answer) */
  exemplars: Exemplar[] | null;
  evidenceRuns: EvidenceRunOption[];
  /** the reader's classes: where a first submit may go */
  classes: ClassOption[];
  /** the class the write-up was submitted for (kept by resubmissions) */
  submittedTo: ClassOption | null;
};

/** Bumped when the shape changes: a page from an older build then loads again rather than misread it. */
export const LAB_PAGE_VERSION = 1;

/** `GET /api/me/lab`: a reader's lab (the page's HTML is the same for everyone, docs/shared-pages-design.md §4). */
export type LabPageData =
  | { v: typeof LAB_PAGE_VERSION; user: null }
  | { v: typeof LAB_PAGE_VERSION; user: { id: string }; workbench: LabWorkbenchData; writeUp: LabWriteUpData };

export function labPageUrl(lesson: string, run: string | null): string {
  const query = new URLSearchParams({ lesson });
  if (run) query.set("run", run);
  return `/api/me/lab?${query}`;
}
