import "server-only";
import { db } from "@/lib/db";
import { submittedTo, type InstructorScope } from "@/lib/classes/data/scope";
import { readJsonColumn } from "@/lib/json-column";
import { spreadOf, type Spread } from "@/lib/stats";
import {
  evidenceSchema,
  writeUpSchema,
  type Evidence,
  type EvidenceCell,
  type Recommendation,
  type SubmissionState,
  type WriteUp,
} from "@/lib/submissions/schemas";
import { LAB_LESSON } from "@/lib/submissions/data/store";

// What the class found: the latest submitted version of every write-up, reduced to a few numbers
// per write-up (from its frozen evidence, never the live run), then summarised per model pair.
// summariseWriteUp and aggregateClassEvidence are pure; loadClassEvidence reads the database in
// pages and keeps only the reduced findings, so a large class never sits in memory as JSON.

/** Work that has been handed in: a draft is not evidence yet. */
export const SUBMITTED_STATES = ["SUBMITTED", "IN_REVIEW", "RETURNED", "COMPLETED"] as const satisfies readonly SubmissionState[];

export const ACCURACY_COLUMNS = ["TEXT", "VISION", "OCR"] as const;
export type AccuracyColumn = (typeof ACCURACY_COLUMNS)[number];

/** One model in one write-up: each figure is the median of its answers, except the load. */
export type ModelFinding = {
  model: string;
  /** the longest load among answers that started cold; null when the model was already loaded */
  loadMs: number | null;
  firstTokenMs: number | null;
  tokensPerSecond: number | null;
  residentBytes: number | null;
  /** 0 to 100 */
  percentOnGpu: number | null;
};

export type WriteUpFinding = {
  submissionId: string;
  studentName: string;
  version: number;
  textModel: string;
  visionModel: string;
  sampleId: string | null;
  text: ModelFinding;
  vision: ModelFinding;
  /** word recall (0 to 1) per column, null without ground truth */
  recall: Record<AccuracyColumn, number | null>;
  recommendation: Recommendation | null;
  narrowJob: string | null;
};

export type ModelSummary = {
  model: string;
  loadMs: Spread | null;
  firstTokenMs: Spread | null;
  tokensPerSecond: Spread | null;
  residentBytes: Spread | null;
  percentOnGpu: Spread | null;
};

export type RecommendationCounts = Record<Recommendation | "none", number>;

export type PairSummary = {
  key: string;
  textModel: string;
  visionModel: string;
  writeUps: number;
  text: ModelSummary;
  vision: ModelSummary;
  /** write-ups whose screenshot had ground truth (a sample) */
  withGroundTruth: number;
  recall: Record<AccuracyColumn, Spread | null>;
  recommendations: RecommendationCounts;
  findings: WriteUpFinding[];
};

export type ClassEvidence = { writeUps: number; pairs: PairSummary[] };

const medianOf = (values: readonly (number | null | undefined)[]) => spreadOf(values)?.median ?? null;

function modelFinding(cells: readonly EvidenceCell[], column: "TEXT" | "VISION", model: string): ModelFinding {
  const metrics = cells.filter((c) => c.column === column && c.metrics).map((c) => c.metrics!);
  // Warm answers report a load of a few milliseconds: the model's load time is the cold start's.
  const loads = metrics.filter((m) => m.isCold).map((m) => m.loadMs);
  return {
    model,
    loadMs: loads.length ? Math.max(...loads) : null,
    firstTokenMs: medianOf(metrics.map((m) => m.timeToFirstTokenMs)),
    tokensPerSecond: medianOf(metrics.map((m) => m.tokensPerSecond)),
    residentBytes: medianOf(metrics.map((m) => m.resident?.sizeBytes)),
    percentOnGpu: medianOf(metrics.map((m) => m.resident?.percentOnGpu)),
  };
}

/** One write-up's findings from its frozen evidence and its write-up. */
export function summariseWriteUp(input: {
  submissionId: string;
  studentName: string;
  version: number;
  evidence: Evidence;
  writeUp: WriteUp;
}): WriteUpFinding {
  const { evidence, writeUp } = input;
  const recall = Object.fromEntries(
    ACCURACY_COLUMNS.map((column) => [
      column,
      medianOf(evidence.cells.filter((c) => c.column === column).map((c) => c.accuracy?.wordRecall)),
    ]),
  ) as Record<AccuracyColumn, number | null>;
  const choice = writeUp.recommendation.choice;
  return {
    submissionId: input.submissionId,
    studentName: input.studentName,
    version: input.version,
    textModel: evidence.textModel,
    visionModel: evidence.visionModel,
    sampleId: evidence.sampleId,
    text: modelFinding(evidence.cells, "TEXT", evidence.textModel),
    vision: modelFinding(evidence.cells, "VISION", evidence.visionModel),
    recall,
    recommendation: choice,
    narrowJob: choice === "narrow" && writeUp.recommendation.narrowJob.trim() ? writeUp.recommendation.narrowJob.trim() : null,
  };
}

function modelSummary(findings: readonly ModelFinding[], model: string): ModelSummary {
  return {
    model,
    loadMs: spreadOf(findings.map((f) => f.loadMs)),
    firstTokenMs: spreadOf(findings.map((f) => f.firstTokenMs)),
    tokensPerSecond: spreadOf(findings.map((f) => f.tokensPerSecond)),
    residentBytes: spreadOf(findings.map((f) => f.residentBytes)),
    percentOnGpu: spreadOf(findings.map((f) => f.percentOnGpu)),
  };
}

/** Per model pair (most write-ups first): counts, medians with spread, accuracy and recommendations. */
export function aggregateClassEvidence(findings: readonly WriteUpFinding[]): ClassEvidence {
  const groups = new Map<string, WriteUpFinding[]>();
  for (const finding of findings) {
    const key = JSON.stringify([finding.textModel, finding.visionModel]);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  const pairs = [...groups.entries()].map(([key, group]): PairSummary => {
    const { textModel, visionModel } = group[0]!;
    const recommendations: RecommendationCounts = { use: 0, "do-not-use": 0, narrow: 0, none: 0 };
    for (const f of group) recommendations[f.recommendation ?? "none"]++;
    return {
      key,
      textModel,
      visionModel,
      writeUps: group.length,
      text: modelSummary(
        group.map((f) => f.text),
        textModel,
      ),
      vision: modelSummary(
        group.map((f) => f.vision),
        visionModel,
      ),
      withGroundTruth: group.filter((f) => ACCURACY_COLUMNS.some((c) => f.recall[c] !== null)).length,
      recall: Object.fromEntries(ACCURACY_COLUMNS.map((c) => [c, spreadOf(group.map((f) => f.recall[c]))])) as Record<
        AccuracyColumn,
        Spread | null
      >,
      recommendations,
      findings: group,
    };
  });
  pairs.sort((a, b) => b.writeUps - a.writeUps || a.textModel.localeCompare(b.textModel) || a.visionModel.localeCompare(b.visionModel));
  return { writeUps: findings.length, pairs };
}

const PAGE_SIZE = 100;

/**
 * The class's findings for instructors: the latest version of every submitted write-up, read 100
 * submissions at a time (keyset on id); each version's evidence is reduced and let go.
 */
export async function loadClassEvidence(
  scope: InstructorScope,
  options: { lesson?: string; pageSize?: number } = {},
): Promise<ClassEvidence> {
  const lesson = options.lesson ?? LAB_LESSON;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const findings: WriteUpFinding[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { id: string; currentVersion: number; user: { name: string | null; email: string } }[] = await db.labSubmission.findMany({
      where: {
        lessonSlug: lesson,
        state: { in: [...SUBMITTED_STATES] },
        currentVersion: { gt: 0 },
        ...submittedTo(scope.classIds),
        ...(after ? { id: { gt: after } } : {}),
      },
      orderBy: { id: "asc" },
      take: pageSize,
      select: { id: true, currentVersion: true, user: { select: { name: true, email: true } } },
    });
    if (page.length === 0) break;
    const versions = await db.submissionVersion.findMany({
      where: { OR: page.map((s) => ({ submissionId: s.id, number: s.currentVersion })) },
      select: { submissionId: true, number: true, evidence: true, writeUp: true },
    });
    const byId = new Map(versions.map((v) => [v.submissionId, v]));
    for (const submission of page) {
      const version = byId.get(submission.id);
      if (!version) continue;
      const where = `submission ${submission.id} v${version.number}`;
      const evidence = readJsonColumn(evidenceSchema, version.evidence, `${where} evidence`);
      const writeUp = readJsonColumn(writeUpSchema, version.writeUp, `${where} write-up`);
      if (!evidence || !writeUp) continue;
      findings.push(
        summariseWriteUp({
          submissionId: submission.id,
          studentName: submission.user.name ?? submission.user.email,
          version: version.number,
          evidence,
          writeUp,
        }),
      );
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.id;
  }
  return aggregateClassEvidence(findings);
}
