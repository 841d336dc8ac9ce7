import "server-only";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/server/session";
import { getLabRunView } from "@/lib/lab/data/run-views";
import type { LabRunView } from "@/lib/lab/types";
import { isEligibleEvidence } from "@/lib/submissions/completeness";
import type { Evidence } from "@/lib/submissions/schemas";
import type { EvidenceRunOption } from "@/lib/submissions/types";

// A run as evidence for a write-up: the cells keyed "COLUMN:kind", what the write-up form shows,
// and the frozen copy a submission keeps.

const OUTPUT_EXCERPT = 600;

export function toEvidence(run: LabRunView): Evidence | null {
  if (!run.textModel || !run.visionModel) return null;
  return {
    runId: run.id,
    imageId: run.imageId,
    sampleId: run.sampleId,
    textModel: run.textModel,
    visionModel: run.visionModel,
    measureCold: run.measureCold,
    prompts: run.prompts,
    createdAt: run.createdAt,
    cells: run.cells.map((c) => ({
      key: `${c.column}:${c.promptKind}`,
      column: c.column,
      promptKind: c.promptKind,
      model: c.model,
      status: c.status,
      output: c.output,
      thinking: c.thinking,
      structured: c.structured,
      metrics: c.metrics,
      ocrMetrics: c.ocrMetrics,
      stamp: c.stamp,
      accuracy: c.accuracy,
      scores: c.scores,
    })),
  };
}

/** The user's own run as evidence, or null when it is not theirs, not finished or not complete. */
export async function getOwnEvidence(user: SessionUser, runId: string): Promise<Evidence | null> {
  const run = await getLabRunView(user, runId, { ownerOnly: true });
  if (!run || run.isActive) return null;
  const owner = await db.labRun.findUnique({ where: { id: runId }, select: { userId: true } });
  if (owner?.userId !== user.id) return null;
  const evidence = toEvidence(run);
  return evidence && isEligibleEvidence(evidence.cells) ? evidence : null;
}

/** The user's runs that can be evidence (both models answered every prompt), newest first. */
export async function listEvidenceRuns(user: SessionUser, limit = 10): Promise<EvidenceRunOption[]> {
  const candidates = await db.labRun.findMany({
    where: { userId: user.id, textModel: { not: null }, visionModel: { not: null }, status: { in: ["DONE", "CANCELLED"] } },
    orderBy: { createdAt: "desc" },
    take: 30,
    select: { id: true },
  });
  const options: EvidenceRunOption[] = [];
  for (const { id } of candidates) {
    if (options.length >= limit) break;
    const evidence = await getOwnEvidence(user, id);
    if (!evidence) continue;
    options.push({
      runId: evidence.runId,
      createdAt: evidence.createdAt,
      textModel: evidence.textModel,
      visionModel: evidence.visionModel,
      sampleId: evidence.sampleId,
      // The form shows neither the scores nor more than an excerpt: no need to send them to the browser.
      cells: evidence.cells.map((c) => ({ ...c, output: c.output.slice(0, OUTPUT_EXCERPT), scores: undefined })),
    });
  }
  return options;
}
