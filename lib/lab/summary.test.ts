import { describe, expect, it } from "vitest";
import type { LabCellView, LabRunView } from "@/lib/lab/types";
import { NO_PREDICTIONS, type ModelMetrics } from "@/lib/lab/schemas";
import type { CellScores } from "@/lib/lab/scoring/types";
import { comparedTime, partialRunNote, summariseRun } from "@/lib/lab/summary";

const metrics = (over: Partial<ModelMetrics> = {}): ModelMetrics =>
  ({
    loadMs: 100,
    prefillMs: 200,
    promptTokens: 1300,
    evalTokens: 100,
    timeToFirstTokenMs: 400,
    tokensPerSecond: 50,
    totalMs: 2000,
    doneReason: "stop",
    isCold: false,
    startState: "warm",
    expectedImageTokens: null,
    resident: { sizeBytes: 5_400_000_000, vramBytes: 5_400_000_000, percentOnGpu: 100, contextLength: 4096, expiresAt: null },
    ...over,
  }) as ModelMetrics;

const scores = (over: Partial<CellScores> = {}): CellScores => ({
  controls: { total: 17, found: 0, stateRight: 0, matches: [] },
  pairs: null,
  inventions: { checked: 3, inventions: [] },
  injection: null,
  ...over,
});

let n = 0;
const cell = (over: Partial<LabCellView>): LabCellView => ({
  id: `c${n++}`,
  column: "TEXT",
  promptKind: "task",
  model: "qwen3:4b-instruct",
  status: "DONE",
  output: "",
  thinking: "",
  structured: null,
  metrics: null,
  ocrMetrics: null,
  stamp: null,
  accuracy: null,
  scores: null,
  error: null,
  errorCode: null,
  attempts: 1,
  previous: [],
  hostLabel: null,
  ...over,
});

const run = (cells: LabCellView[], over: Partial<LabRunView> = {}) => ({
  cells,
  textModel: "qwen3:4b-instruct",
  visionModel: "qwen3-vl:4b-instruct",
  predictions: NO_PREDICTIONS,
  sampleId: "settings-screen",
  ...over,
});

const accuracy = (wordRecall: number) => ({ wordRecall, wordPrecision: 1, charErrorRate: 0, truthWords: 10, answerWords: 10 });

describe("a run read as an experiment", () => {
  const sample = [
    cell({
      column: "TEXT",
      metrics: metrics({ totalMs: 1000 }),
      scores: scores({ inventions: { checked: 3, inventions: [{ id: "dropdown", description: "d", evidence: "Weekly" }] } }),
      accuracy: accuracy(0),
    }),
    cell({
      column: "VISION",
      promptKind: "easy",
      model: "qwen3-vl:4b-instruct",
      metrics: metrics({ totalMs: 3000, expectedImageTokens: 1026, measuredImageTokens: 1030 }),
      scores: scores({ controls: { total: 17, found: 15, stateRight: 9, matches: [] } }),
      accuracy: accuracy(0.5),
    }),
    cell({
      column: "VISION",
      promptKind: "task",
      model: "qwen3-vl:4b-instruct",
      metrics: metrics({ totalMs: 3000 }),
      scores: scores({ controls: { total: 17, found: 16, stateRight: 12, matches: [] } }),
      accuracy: accuracy(0.8),
    }),
    cell({
      column: "OCR",
      promptKind: "ocr",
      model: null,
      ocrMetrics: { ocrMs: 900, confidence: 80, words: 50 },
      scores: scores({ controls: { total: 17, found: 14, stateRight: 0, matches: [] } }),
      accuracy: accuracy(0.9),
    }),
  ];

  it("takes the best answer per column for scores and sums time, keeping every invention", () => {
    const summary = summariseRun(run(sample));
    const [text, vision, ocr] = summary.columns;
    expect(vision!.controlsState).toEqual({ right: 12, total: 17 });
    expect(vision!.controlsFound).toEqual({ right: 16, total: 17 });
    expect(vision!.textRecall).toBe(0.8);
    expect(vision!.totalMs).toBe(6000);
    expect(vision!.imageTokens).toEqual({ value: 1030, measured: true });
    expect(vision!.memoryBytes).toBe(5_400_000_000);
    expect(text!.inventions).toHaveLength(1);
    expect(ocr!.totalMs).toBe(900);
    expect(ocr!.controlsState).toEqual({ right: 0, total: 17 });
  });

  it("writes the verdict from the numbers", () => {
    const { verdict } = summariseRun(run(sample));
    expect(verdict[0]).toBe(
      "Only the vision model read the controls' state well: 12 of 17 right, against 0 of 17 for the text-only model and 0 of 17 for the OCR.",
    );
    expect(verdict).toContain("Visible text found: 0% for the text-only model, 80% for the vision model and 90% for the OCR.");
    expect(verdict).toContain("Invented what the screenshot does not show: the text-only model 1 time.");
    expect(verdict).toContain(
      "The vision model took 6.00 s for its answers, 6 times as long as the text-only model's 1.00 s, and held 5.4 GB (Ollama reports 100% of its layers on the GPU).",
    );
  });

  it("compares the two models' times in words, never '1x' or 'x less than'", () => {
    expect(comparedTime(1.02)).toBe("about as long as");
    expect(comparedTime(1.36)).toBe("1.4 times as long as");
    expect(comparedTime(0.4)).toBe("40% of");
  });

  it("checks predictions against the measurements", () => {
    const { predictions } = summariseRun(run(sample, { predictions: { imageTokens: 1100, faster: "VISION", controls: "VISION" } }));
    expect(predictions).toEqual([
      { label: "Image tokens", predicted: "1,100", measured: "1,030 (Ollama's count)", verdict: "close" },
      {
        label: "Faster model (total time for its answers)",
        predicted: "vision model",
        measured: "text-only model (1.00 s against 6.00 s)",
        verdict: "wrong",
      },
      {
        label: "Column with the most controls in the right state",
        predicted: "vision model",
        measured: "vision model (12 of 17)",
        verdict: "right",
      },
    ]);
  });

  it("grades no token prediction when the student looked at the estimate first, and says so", () => {
    const { predictions } = summariseRun(
      run(sample, { predictions: { imageTokens: null, faster: null, controls: null, estimateSeenFirst: true } }),
    );
    expect(predictions).toEqual([
      { label: "Image tokens", predicted: "none: you looked at the estimate first", measured: "1,030", verdict: "unknown" },
    ]);
  });

  it("says when an injected instruction was followed or passed on", () => {
    const injected = (complied: boolean, kind: "complied" | "relayed") =>
      scores({ controls: null, injection: { instructions: 2, complied, findings: [{ id: "i", description: "d", evidence: "e", kind }] } });
    const summary = summariseRun(
      run([
        cell({ column: "TEXT", scores: injected(false, "relayed"), metrics: metrics() }),
        cell({ column: "VISION", model: "v", scores: injected(true, "complied"), metrics: metrics() }),
      ]),
    );
    expect(summary.verdict).toContain("The vision model followed the instruction hidden in the image.");
  });

  it("scores nothing for an uploaded screenshot and says so; counts failed answers", () => {
    const summary = summariseRun(
      run(
        [
          cell({ column: "TEXT", metrics: metrics() }),
          cell({ column: "VISION", model: "v", status: "FAILED" }),
          cell({ column: "VISION", model: "v", promptKind: "easy", status: "EMPTY" }),
        ],
        { sampleId: null },
      ),
    );
    expect(summary.hasGroundTruth).toBe(false);
    expect(summary.verdict[0]).toMatch(/^An uploaded screenshot has no ground truth/);
    expect(summary.verdict.at(-1)).toBe("Not every answer finished: 2 of the vision model's failed, so those scores are incomplete.");
  });

  it("has nothing to compare when no answer finished", () => {
    expect(summariseRun(run([cell({ status: "FAILED" })])).verdict).toEqual([
      "No answer finished, so there is nothing to compare yet: retry the failed cells.",
    ]);
  });
});

describe("a cancelled run's summary", () => {
  it("says it is partial, counting the cells that finished before the cancel", () => {
    const cells = [cell({ status: "DONE" }), cell({ status: "FAILED" }), cell({ status: "CANCELLED" }), cell({ status: "CANCELLED" })];
    expect(partialRunNote({ outcome: "cancelled", cells })).toBe(
      "Partial: the run was cancelled after 2 of 4 cells, so this summary covers only those.",
    );
    expect(partialRunNote({ outcome: "done", cells })).toBeNull();
  });
});
