import { z } from "zod";
import type { LoadedModel, StartState } from "@/lib/ollama/metrics";

// Whether the run's two models fit in the host's memory together. On a small GPU the parallel
// lanes evict each other on every cell: each answer starts cold, and the eviction wait lands in its
// load time, so the numbers read as "slow model". Decided from /api/ps once both lanes have answered;
// when they do not fit, the rest of the run goes lane by lane (lib/lab/data/lane-fit.ts).
// Pure: the run view shows the note as stored.

/** LabRun.laneNote: why the lanes went one after the other, with the memory figures seen. */
export const laneNoteSchema = z.object({
  /** the models /api/ps no longer listed, or that had to load again, while the other lane ran */
  evicted: z.array(z.string()),
  /**
   * each model's resident size and bytes on the GPU as /api/ps showed them after its answers (null:
   * never seen, because the other model evicted it as soon as its answer ended)
   */
  models: z.array(
    z.object({
      name: z.string(),
      sizeBytes: z.number().nullable(),
      vramBytes: z.number().nullable(),
      /** the model file's size: the least it needs in memory, known even when it was never seen loaded */
      downloadBytes: z.number().nullable().optional(),
    }),
  ),
  /** everything /api/ps listed as loaded when the lanes were checked */
  loadedBytes: z.number(),
  at: z.string(),
});
export type LaneNote = z.infer<typeof laneNoteSchema>;

/** A finished model cell as the check reads it. */
export type LaneCell = { startState: StartState | undefined; resident: LoadedModel | null };

/**
 * Null while the lanes fit (or it is too early to tell: each lane needs an answer first). Evicted:
 * a model /api/ps no longer lists although its lane has answered (keep_alive is 5 minutes by
 * default), or a model that had to load more than once in this run.
 */
export function laneFitVerdict(
  lanes: { model: string; downloadBytes?: number | null; done: readonly LaneCell[] }[],
  loaded: readonly LoadedModel[],
  now: Date = new Date(),
): LaneNote | null {
  if (lanes.length < 2 || lanes.some((lane) => lane.done.length === 0)) return null;
  const evicted = lanes
    .filter((lane) => {
      const listed = loaded.some((m) => m.name === lane.model);
      const loads = lane.done.filter((c) => c.startState === "cold" || c.startState === "reload").length;
      return !listed || loads > 1;
    })
    .map((lane) => lane.model);
  if (evicted.length === 0) return null;
  return {
    evicted,
    models: lanes.map((lane) => {
      const seen = [...lane.done.flatMap((c) => (c.resident ? [c.resident] : [])), ...loaded.filter((m) => m.name === lane.model)];
      const biggest = seen.reduce<LoadedModel | null>((a, b) => (a && a.sizeBytes >= b.sizeBytes ? a : b), null);
      return {
        name: lane.model,
        sizeBytes: biggest?.sizeBytes ?? null,
        vramBytes: biggest?.vramBytes ?? null,
        downloadBytes: lane.downloadBytes ?? null,
      };
    }),
    loadedBytes: loaded.reduce((sum, m) => sum + m.sizeBytes, 0),
    at: now.toISOString(),
  };
}
