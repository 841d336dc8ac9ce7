import "server-only";
import type { SampleTruth } from "@/lib/lab/types";
import { getSample } from "@/lib/lab/server/samples";

/** A sample's ground truth and trap as the results show them after a run (null for an upload). */
export function sampleTruthFor(sampleId: string | null): SampleTruth | null {
  const sample = sampleId ? getSample(sampleId) : null;
  if (!sample) return null;
  return {
    title: sample.title,
    likelyTask: sample.likelyTask,
    trap: sample.trap ?? null,
    controls: sample.controls,
    pairs: (sample.pairs ?? []).map((p) => ({ label: p.label, value: p.value })),
  };
}
