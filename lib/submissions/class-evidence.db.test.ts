import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { newClass, scopeOf } from "@/test/classes";
import type { ModelMetrics } from "@/lib/lab/schemas";
import { aggregateClassEvidence, loadClassEvidence, summariseWriteUp, type WriteUpFinding } from "@/lib/submissions/data/class-evidence";
import {
  emptyWriteUp,
  evidenceSchema,
  type Evidence,
  type EvidenceCell,
  type Recommendation,
  type WriteUp,
} from "@/lib/submissions/schemas";

// A small class with known numbers: every median, quartile and count below is worked out by hand.

const KINDS = ["easy", "task", "failure"] as const;

type CellSpec = { tps: number; ttft: number; load?: number; cold?: boolean; bytes?: number; gpu?: number; recall?: number };

function metrics(spec: CellSpec): ModelMetrics {
  return {
    isCold: spec.cold ?? false,
    loadMs: spec.load ?? 2,
    timeToFirstTokenMs: spec.ttft,
    promptTokens: 900,
    prefillMs: 120,
    evalTokens: 200,
    tokensPerSecond: spec.tps,
    totalMs: 5000,
    wallMs: 5100,
    doneReason: "stop",
    expectedImageTokens: null,
    resident:
      spec.bytes === undefined
        ? null
        : { name: "m", sizeBytes: spec.bytes, vramBytes: 0, percentOnGpu: spec.gpu ?? 0, expiresAt: null, contextLength: 8192 },
  };
}

function modelCells(column: "TEXT" | "VISION", model: string, specs: CellSpec[]): EvidenceCell[] {
  return specs.map((spec, i) => ({
    key: `${column}:${KINDS[i]!}`,
    column,
    promptKind: KINDS[i]!,
    model,
    status: "DONE",
    output: "answer",
    structured: null,
    metrics: metrics(spec),
    ocrMetrics: null,
    stamp: null,
    accuracy:
      spec.recall === undefined
        ? null
        : { wordRecall: spec.recall, wordPrecision: 0.9, charErrorRate: 0.2, truthWords: 40, answerWords: 38 },
  }));
}

function evidence(pair: [string, string], text: CellSpec[], vision: CellSpec[], ocrRecall?: number): Evidence {
  return evidenceSchema.parse({
    runId: `run-${randomUUID().slice(0, 8)}`,
    imageId: "img",
    sampleId: ocrRecall === undefined ? null : "settings-screen",
    textModel: pair[0],
    visionModel: pair[1],
    measureCold: false,
    prompts: { easy: "e", task: "t", failure: "f" },
    createdAt: "2026-01-01T00:00:00.000Z",
    cells: [
      ...modelCells("TEXT", pair[0], text),
      ...modelCells("VISION", pair[1], vision),
      {
        key: "OCR:ocr",
        column: "OCR",
        promptKind: "ocr",
        model: null,
        status: "DONE",
        output: "text",
        structured: null,
        metrics: null,
        ocrMetrics: { ocrMs: 800, confidence: 88, words: 40 },
        stamp: null,
        accuracy:
          ocrRecall === undefined
            ? null
            : { wordRecall: ocrRecall, wordPrecision: 0.9, charErrorRate: 0.1, truthWords: 40, answerWords: 40 },
      },
    ],
  });
}

function writeUp(choice: Recommendation | null, narrowJob = ""): WriteUp {
  return { ...emptyWriteUp("run"), recommendation: { choice, narrowJob, paragraph: "" } };
}

const A: [string, string] = ["llama3.2:3b", "qwen2.5vl:3b"];
const B: [string, string] = ["qwen3:4b-instruct", "qwen3-vl:4b-instruct"];
const same = (spec: CellSpec): CellSpec[] => [spec, spec, spec];

function classFindings(): WriteUpFinding[] {
  const w1 = summariseWriteUp({
    submissionId: "s1",
    studentName: "Ada",
    version: 1,
    evidence: evidence(
      A,
      [
        { tps: 60, ttft: 200, recall: 0.1 },
        { tps: 62, ttft: 210, recall: 0 },
        { tps: 64, ttft: 220, recall: 0.2 },
      ],
      [
        { tps: 40, ttft: 1200, load: 900, cold: true, bytes: 3.2e9, gpu: 100, recall: 0.8 },
        { tps: 42, ttft: 300, bytes: 3.2e9, gpu: 100, recall: 0.9 },
        { tps: 44, ttft: 320, bytes: 3.2e9, gpu: 100, recall: 0.7 },
      ],
      0.95,
    ),
    writeUp: writeUp("use"),
  });
  const w2 = summariseWriteUp({
    submissionId: "s2",
    studentName: "Bo",
    version: 2,
    evidence: evidence(A, same({ tps: 58, ttft: 250 }), same({ tps: 30, ttft: 500, bytes: 3.0e9, gpu: 50 })),
    writeUp: writeUp("narrow", "  reading labels "),
  });
  const w3 = summariseWriteUp({
    submissionId: "s3",
    studentName: "Cy",
    version: 1,
    evidence: evidence(A, same({ tps: 70, ttft: 180 }), same({ tps: 50, ttft: 400, bytes: 3.4e9, gpu: 100 })),
    writeUp: writeUp("do-not-use", "ignored unless narrow"),
  });
  const w4 = summariseWriteUp({
    submissionId: "s4",
    studentName: "Di",
    version: 1,
    evidence: evidence(B, same({ tps: 80, ttft: 150 }), same({ tps: 20, ttft: 900, load: 4000, cold: true })),
    writeUp: writeUp("use"),
  });
  return [w4, w1, w2, w3];
}

describe("one write-up's findings", () => {
  it("takes the median of each model's three answers, and the load of its cold start only", () => {
    const [, w1, w2, w3] = classFindings();
    expect(w1!.vision).toEqual({
      model: "qwen2.5vl:3b",
      loadMs: 900,
      firstTokenMs: 320,
      tokensPerSecond: 42,
      residentBytes: 3.2e9,
      percentOnGpu: 100,
    });
    // Already loaded: no load measured, and no /api/ps reading means no memory either.
    expect(w1!.text).toMatchObject({ loadMs: null, tokensPerSecond: 62, residentBytes: null, percentOnGpu: null });
    expect(w1!.recall).toEqual({ TEXT: 0.1, VISION: 0.8, OCR: 0.95 });
    expect(w2!.recall).toEqual({ TEXT: null, VISION: null, OCR: null });
    expect(w2!.recommendation).toBe("narrow");
    expect(w2!.narrowJob).toBe("reading labels");
    expect(w3!.narrowJob).toBeNull();
  });

  it("leaves out answers without metrics (a failed cell)", () => {
    const e = evidence(A, same({ tps: 60, ttft: 200 }), [
      { tps: 10, ttft: 100 },
      { tps: 30, ttft: 300 },
      { tps: 99, ttft: 999 },
    ]);
    e.cells[5] = { ...e.cells[5]!, status: "FAILED", metrics: null };
    const finding = summariseWriteUp({ submissionId: "x", studentName: "X", version: 1, evidence: e, writeUp: writeUp(null) });
    expect(finding.vision.tokensPerSecond).toBe(20);
    expect(finding.vision.firstTokenMs).toBe(200);
    expect(finding.recommendation).toBeNull();
  });
});

describe("the class's evidence per model pair", () => {
  it("groups by pair, most write-ups first, with medians, quartiles and ranges", () => {
    const result = aggregateClassEvidence(classFindings());
    expect(result.writeUps).toBe(4);
    expect(result.pairs.map((p) => [p.textModel, p.visionModel, p.writeUps])).toEqual([
      [...A, 3],
      [...B, 1],
    ]);
    const a = result.pairs[0]!;
    // Vision tokens/s per write-up: 42, 30, 50.
    expect(a.vision.tokensPerSecond).toEqual({ n: 3, min: 30, q1: 36, median: 42, q3: 46, max: 50 });
    // First token per write-up: 320, 500, 400.
    expect(a.vision.firstTokenMs).toEqual({ n: 3, min: 320, q1: 360, median: 400, q3: 450, max: 500 });
    expect(a.vision.residentBytes?.median).toBe(3.2e9);
    expect(a.vision.percentOnGpu).toMatchObject({ n: 3, min: 50, median: 100, max: 100 });
    // Only one write-up caught its model cold.
    expect(a.vision.loadMs).toEqual({ n: 1, min: 900, q1: 900, median: 900, q3: 900, max: 900 });
    expect(a.text.tokensPerSecond).toMatchObject({ n: 3, min: 58, median: 62, max: 70 });
    expect(a.text.loadMs).toBeNull();
    expect(a.withGroundTruth).toBe(1);
    expect(a.recall.VISION).toMatchObject({ n: 1, median: 0.8 });
    expect(a.recall.OCR).toMatchObject({ n: 1, median: 0.95 });
    expect(a.recommendations).toEqual({ use: 1, "do-not-use": 1, narrow: 1, none: 0 });
    expect(a.findings.map((f) => f.submissionId)).toEqual(["s1", "s2", "s3"]);
    const b = result.pairs[1]!;
    expect(b.vision.loadMs?.median).toBe(4000);
    expect(b.vision.residentBytes).toBeNull();
    expect(b.recall).toEqual({ TEXT: null, VISION: null, OCR: null });
  });

  it("is empty, not broken, when nothing is submitted", () => {
    expect(aggregateClassEvidence([])).toEqual({ writeUps: 0, pairs: [] });
  });
});

describe("loading the class's evidence", () => {
  it("reads the latest version of submitted work only, and only for instructors", async () => {
    const id = randomUUID().slice(0, 8);
    const student = await createUser({ name: "Evidence Student", email: `ev-${id}@example.test`, password: "correct horse battery" });
    const other = await createUser({ name: "Drafting Student", email: `ev-draft-${id}@example.test`, password: "correct horse battery" });
    const teacher = await createUser({
      name: "Evidence Teacher",
      email: `ev-t-${id}@example.test`,
      password: "correct horse battery",
    }).then((u) => ({ ...u, role: "INSTRUCTOR" as const }));
    const classId = await newClass([teacher, student, other]);
    const pair: [string, string] = [`text-${id}`, `vision-${id}`];
    const returned = await db.labSubmission.create({
      data: { userId: student.id, lessonSlug: "local-qwen-vl", state: "SUBMITTED", draft: "{}", currentVersion: 2, classId },
    });
    for (const [number, tps] of [
      [1, 11],
      [2, 22],
    ] as const) {
      await db.submissionVersion.create({
        data: {
          submissionId: returned.id,
          number,
          runId: "r",
          imageId: "i",
          writeUp: JSON.stringify(writeUp("use")),
          evidence: JSON.stringify(evidence(pair, same({ tps: 5, ttft: 1 }), same({ tps, ttft: 1 }))),
        },
      });
    }
    await db.labSubmission.create({ data: { userId: other.id, lessonSlug: "local-qwen-vl", state: "DRAFT", draft: "{}" } });

    // A page size of 1 walks every page.
    const result = await loadClassEvidence(await scopeOf(teacher), { pageSize: 1 });
    const mine = result.pairs.filter((p) => p.textModel === pair[0]);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.writeUps).toBe(1);
    expect(mine[0]!.findings[0]).toMatchObject({ studentName: "Evidence Student", version: 2 });
    expect(mine[0]!.vision.tokensPerSecond?.median).toBe(22);

    await expect(scopeOf(student)).rejects.toMatchObject({ status: 403 });
  });
});
