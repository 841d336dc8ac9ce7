import "server-only";
import { db } from "@/lib/db";
import { LIVE_CELL_STATUSES, LIVE_RUN_STATUSES } from "@/lib/lab/data/cells";
import { laneFitVerdict, type LaneCell } from "@/lib/lab/lane-fit";
import { modelMetricsSchema } from "@/lib/lab/schemas";
import { readJsonColumn } from "@/lib/json-column";
import { findInstalledModel, listLoadedModels } from "@/lib/ollama/server/catalogue";

// The lanes' memory check after a model cell (see lib/lab/lane-fit.ts), and what a vision cell does
// once the run goes lane by lane: it waits for the text lane, which sends it when it is over.

const isLive = (status: string) => (LIVE_CELL_STATUSES as readonly string[]).includes(status);

/**
 * After a model cell of a run whose lanes run at once on one host: reads /api/ps and, if one model
 * evicted the other, records why (once: the first instance to write it wins). True when this call
 * switched the run to lane by lane.
 */
export async function checkLanesFit(runId: string): Promise<boolean> {
  const run = await db.labRun.findUnique({
    where: { id: runId },
    select: {
      status: true,
      measureCold: true,
      laneNote: true,
      textModel: true,
      visionModel: true,
      cells: { select: { id: true, column: true, status: true, host: true, metrics: true, errorCode: true } },
    },
  });
  if (!run || run.measureCold || run.laneNote !== null || !run.textModel || !run.visionModel) return false;
  if (!(LIVE_RUN_STATUSES as readonly string[]).includes(run.status)) return false;
  const text = run.cells.filter((c) => c.column === "TEXT");
  const vision = run.cells.filter((c) => c.column === "VISION");
  const host = text[0]?.host;
  // Different hosts are different GPUs; and with one lane over there is nothing left to separate.
  if (!host || vision[0]?.host !== host) return false;
  if (!text.some((c) => isLive(c.status)) || !vision.some((c) => isLive(c.status))) return false;
  const done = (cells: typeof text): LaneCell[] =>
    cells.flatMap((c) => {
      if (c.status !== "DONE") return [];
      const metrics = readJsonColumn(modelMetricsSchema, c.metrics, `cell ${c.id} metrics`);
      return metrics ? [{ startState: metrics.startState, resident: metrics.resident }] : [];
    });
  const loaded = await listLoadedModels({ host }).catch(() => null);
  if (!loaded) return false;
  const downloadBytes = async (name: string) => (await findInstalledModel(name, { host }).catch(() => null))?.sizeBytes ?? null;
  const note = laneFitVerdict(
    [
      { model: run.textModel, downloadBytes: await downloadBytes(run.textModel), done: done(text) },
      { model: run.visionModel, downloadBytes: await downloadBytes(run.visionModel), done: done(vision) },
    ],
    loaded,
  );
  if (!note) return false;
  const written = await db.labRun.updateMany({ where: { id: runId, laneNote: null }, data: { laneNote: JSON.stringify(note) } });
  return written.count === 1;
}

/**
 * A vision cell of a run that goes lane by lane (a cold-start measurement, or lanes that did not
 * fit) while its text lane still runs: its job ends without running it, and the text lane's last
 * cell sends it again (startVisionLaneAfterText). A retried cell (attempts > 0) is not held back:
 * nothing would send it again.
 */
export async function waitsForTextLane(cellId: string): Promise<boolean> {
  const cell = await db.labCell.findUnique({
    where: { id: cellId },
    select: { column: true, status: true, attempts: true, runId: true, run: { select: { measureCold: true, laneNote: true } } },
  });
  if (!cell || cell.column !== "VISION" || cell.status !== "PENDING" || cell.attempts > 0) return false;
  if (!cell.run.laneNote && !cell.run.measureCold) return false;
  const textLeft = await db.labCell.count({ where: { runId: cell.runId, column: "TEXT", status: { in: [...LIVE_CELL_STATUSES] } } });
  if (textLeft === 0) return false;
  // Free to be sent again (a job id of "sent" means a job is out for it).
  await db.labCell.updateMany({ where: { id: cellId, status: "PENDING" }, data: { jobId: null } });
  return true;
}
