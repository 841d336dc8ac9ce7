import "server-only";
import { laneNoteSchema } from "@/lib/lab/lane-fit";
import { env } from "@/lib/env";
import { db } from "@/lib/db";
import { teachesStudent } from "@/lib/classes/data/scope";
import { hasRole } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/server/session";
import { PROMPT_KINDS, type PromptKind } from "@/lib/lab/prompt-kinds";
import { isLiveRunStatus, runOutcome, shownCellStatus, tallyCells } from "@/lib/lab/run-status";
import { cellScoresSchema } from "@/lib/lab/scoring/schema";
import { ALL_DEFENCES, NO_PREDICTIONS, accuracySchema, defencesSchema, predictionsSchema, modelMetricsSchema, ocrMetricsSchema, previousAttemptsSchema, runPromptsSchema, stampSchema, storedVisionOutputSchema } from "@/lib/lab/schemas";
import { readJsonColumn } from "@/lib/json-column";
import type { CellStatus, LabCellView, LabRunView, LabRunSummary } from "@/lib/lab/types";

// What the lab page and the run's event stream show: runs and cells as stored, JSON columns read
// back through their schemas.

const COLUMN_ORDER = ["TEXT", "VISION", "OCR"];
const KIND_ORDER: string[] = [...PROMPT_KINDS, "ocr"];
const cellOrder = (c: { column: string; promptKind: string }) =>
  COLUMN_ORDER.indexOf(c.column) * 10 + KIND_ORDER.indexOf(c.promptKind as PromptKind);

type CellRow = Awaited<ReturnType<typeof db.labCell.findMany>>[number];

function toCellView(c: CellRow): LabCellView {
  const where = `cell ${c.id}`;
  const isOcr = c.column === "OCR";
  return {
    id: c.id,
    column: c.column as LabCellView["column"],
    promptKind: c.promptKind,
    model: c.model,
    status: shownCellStatus(c) as CellStatus,
    output: c.output,
    thinking: c.thinking,
    structured: readJsonColumn(storedVisionOutputSchema, c.structured, `${where} structured`),
    metrics: isOcr ? null : readJsonColumn(modelMetricsSchema, c.metrics, `${where} metrics`),
    ocrMetrics: isOcr ? readJsonColumn(ocrMetricsSchema, c.metrics, `${where} metrics`) : null,
    stamp: readJsonColumn(stampSchema, c.stamp, `${where} stamp`),
    accuracy: readJsonColumn(accuracySchema, c.accuracy, `${where} accuracy`),
    scores: readJsonColumn(cellScoresSchema, c.scores, `${where} scores`),
    error: c.error,
    errorCode: c.errorCode,
    attempts: c.attempts,
    previous: readJsonColumn(previousAttemptsSchema, c.previous, `${where} previous`) ?? [],
    hostLabel: hostLabel(c.host),
  };
}

/** "host 2 of 3" (an address is for instructors, on the Models page); null with a pool of one. */
function hostLabel(host: string | null): string | null {
  const hosts = env.OLLAMA_HOSTS;
  if (!host || hosts.length < 2) return null;
  const index = hosts.indexOf(host);
  return index < 0 ? "a host no longer configured" : `host ${index + 1} of ${hosts.length}`;
}

/**
 * A run with every cell as stored so far; for its owner and for an instructor of a class its owner
 * is in (`ownerOnly`: for its owner alone, as the reader's own lab page opens it).
 */
export async function getLabRunView(viewer: SessionUser, runId: string, { ownerOnly = false } = {}): Promise<LabRunView | null> {
  const run = await db.labRun.findUnique({ where: { id: runId }, include: { cells: true, image: { select: { sampleId: true } } } });
  if (!run) return null;
  if (run.userId !== viewer.id && (ownerOnly || !hasRole(viewer, "INSTRUCTOR") || !(await teachesStudent(viewer.id, run.userId)))) return null;
  const isActive = isLiveRunStatus(run.status);
  const cells = [...run.cells].sort((a, b) => cellOrder(a) - cellOrder(b)).map((c) => toCellView(c));
  const version =
    cells
      .map((c) => `${c.id}:${c.status}:${c.output.length}:${c.thinking.length}:${c.attempts}:${c.metrics?.measuredImageTokens ?? ""}`)
      .join("|") +
    run.status +
    (run.laneNote ? ":lanes" : "");
  const status = run.status;
  return {
    id: run.id,
    status,
    outcome: runOutcome(status, cells),
    tally: tallyCells(cells),
    isActive,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    textModel: run.textModel,
    visionModel: run.visionModel,
    measureCold: run.measureCold,
    laneNote: readJsonColumn(laneNoteSchema, run.laneNote, `run ${run.id} lane note`),
    prompts: readJsonColumn(runPromptsSchema, run.prompts, `run ${run.id} prompts`) ?? { easy: "", task: "", failure: "" },
    defences: readJsonColumn(defencesSchema, run.defences, `run ${run.id} defences`) ?? ALL_DEFENCES,
    predictions: readJsonColumn(predictionsSchema, run.predictions, `run ${run.id} predictions`) ?? NO_PREDICTIONS,
    imageId: run.imageId,
    sampleId: run.image.sampleId,
    cells,
    version,
  };
}

export async function listLabRuns(user: SessionUser): Promise<LabRunSummary[]> {
  const runs = await db.labRun.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
    take: 30,
    select: {
      id: true,
      status: true,
      createdAt: true,
      textModel: true,
      visionModel: true,
      image: { select: { fileName: true, sampleId: true } },
      cells: { select: { status: true, errorCode: true } },
    },
  });
  return runs.map(({ cells, ...r }) => {
    const shown = cells.map((c) => ({ status: shownCellStatus(c) }));
    return { ...r, outcome: runOutcome(r.status, shown), tally: tallyCells(shown), createdAt: r.createdAt.toISOString() };
  });
}
