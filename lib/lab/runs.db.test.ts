import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { db } from "@/lib/db";
import { newClass } from "@/test/classes";
import { getVisionPromptTemplate } from "@/lib/content/server/lessons";
import { storeLabImage } from "@/lib/lab/data/image-store";
import { defaultPrompts } from "@/lib/lab/prompts";
import { LabRunError } from "@/lib/lab/errors";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { getLabRunView, listLabRuns } from "@/lib/lab/data/run-views";
import { summariseRun } from "@/lib/lab/summary";
import { cancelLabRun, retryLabCell, startLabRun } from "@/lib/lab/data/runs";
import type { StartRunInput } from "@/lib/lab/schemas";
import { forgetCatalogue } from "@/lib/ollama/server/catalogue";
import { forgetOllamaVersions } from "@/lib/ollama/server/client";
import { makePng } from "@/test/ollama-double/png";

// The lab runner end to end in-process: real lib/ollama against the Ollama test double (started by
// the global setup at OLLAMA_HOST), real OCR, real database.

const ollama = process.env.E2E_OLLAMA_URL!;
const control = (path: string, body?: unknown) =>
  fetch(`${ollama}/__test/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
type LogEntry = {
  path: string;
  model?: string;
  images: { count: number; bytes: number[]; sizes: ({ width: number; height: number } | null)[] };
  format?: unknown;
  options?: Record<string, unknown>;
  messages?: number;
};

const student = async () => ({
  ...(await createUser({ name: "Lab Student", email: `lab-${randomUUID().slice(0, 8)}@example.test`, password: "correct horse battery" })),
});

async function setup(overrides: Partial<StartRunInput> = {}) {
  const user = await student();
  const image = await storeLabImage(user, { sampleId: "settings-screen" });
  const input: StartRunInput = {
    imageId: image.id,
    textModel: "llama3.2:3b",
    visionModel: "qwen2.5vl:3b",
    prompts: defaultPrompts(getVisionPromptTemplate()),
    measureCold: false,
    ...overrides,
  };
  return { user, image, input };
}

beforeEach(async () => {
  await control("reset", {});
  forgetCatalogue();
});
afterEach(() => waitForIdleRuns());

describe("lab runs", () => {
  it("runs every cell side by side, stores metrics and accuracy, and never shows the text-only model the image", async () => {
    const { user, image, input } = await setup();
    const { runId } = await startLabRun(user, input);
    await waitForIdleRuns();
    const view = (await getLabRunView(user, runId))!;
    expect(view.status).toBe("DONE");
    expect(view.cells.map((c) => `${c.column}:${c.promptKind}:${c.status}`)).toEqual([
      "TEXT:easy:DONE",
      "TEXT:task:DONE",
      "TEXT:failure:DONE",
      "VISION:easy:DONE",
      "VISION:task:DONE",
      "VISION:failure:DONE",
      "OCR:ocr:DONE",
    ]);
    const vision = view.cells.find((c) => c.column === "VISION" && c.promptKind === "task")!;
    expect(vision.structured).toMatchObject({ visible_text: expect.any(Array) });
    expect(vision.metrics).toMatchObject({
      promptTokens: expect.any(Number),
      tokensPerSecond: expect.any(Number),
      // 0.30+ (the double's default): the grid plus 2 markers; the measurement is what Ollama counted.
      expectedImageTokens: 1336,
      measuredImageTokens: 1336,
      engine: "llama-server",
      lanesInParallel: true,
      startState: expect.stringMatching(/^(cold|warm)$/),
      resident: { name: "qwen2.5vl:3b" },
    });
    expect(vision.stamp).toMatchObject({ model: "qwen2.5vl:3b", quantization: "Q4_K_M", ollamaVersion: "0.32.15", engine: "llama-server" });
    for (const c of view.cells) expect(c.accuracy).toMatchObject({ wordRecall: expect.any(Number), charErrorRate: expect.any(Number) });
    const ocr = view.cells.find((c) => c.column === "OCR")!;
    expect(ocr.accuracy!.wordRecall).toBeGreaterThan(0.6);

    const log = (await (await control("log")).json()) as LogEntry[];
    const all = log.filter((e) => e.path === "/api/chat");
    // Each model is loaded once by a request of its own (no messages) before its cells are timed.
    expect(
      all
        .filter((e) => e.messages === 0)
        .map((e) => e.model)
        .sort(),
    ).toEqual(["llama3.2:3b", "qwen2.5vl:3b"]);
    const chats = all.filter((e) => e.messages !== 0);
    const textChats = chats.filter((e) => e.model === "llama3.2:3b");
    expect(textChats).toHaveLength(3);
    expect(textChats.every((e) => e.images.count === 0)).toBe(true);
    // Three answers with the image, then the same three prompts without it and one token each:
    // the measured image cost is the difference in prompt_eval_count.
    const visionChats = chats.filter((e) => e.model === "qwen2.5vl:3b" && e.images.count > 0);
    expect(visionChats).toHaveLength(3);
    const calibrations = chats.filter((e) => e.model === "qwen2.5vl:3b" && e.images.count === 0);
    expect(calibrations.map((e) => e.options?.num_predict)).toEqual([1, 1, 1]);
    expect(chats.indexOf(calibrations[0]!)).toBeGreaterThan(chats.indexOf(visionChats[2]!));
    for (const e of visionChats) {
      expect(e.images.count).toBe(1);
      expect(e.images.bytes[0]).toBe(image.bytes);
      expect(e.images.sizes[0]).toEqual({ width: 1280, height: 800 });
      expect(e.format).toMatchObject({
        type: "object",
        required: ["visible_text", "visible_controls", "likely_user_task", "uncertainties"],
      });
    }
    // The first full run of the file: it starts the OCR worker too (seconds of CPU on a busy machine).
  }, 60_000);

  it("a model crashing mid-stream fails its cells, keeps what arrived, and the others finish", async () => {
    await control("failure", { model: "qwen2.5vl:3b", mode: "mid-stream-error", afterChunks: 2 });
    const { user, input } = await setup();
    const { runId } = await startLabRun(user, input);
    await waitForIdleRuns();
    const view = (await getLabRunView(user, runId))!;
    const vision = view.cells.filter((c) => c.column === "VISION");
    expect(vision.every((c) => c.status === "FAILED" && c.errorCode === "STREAM_FAILED" && c.output.length > 0)).toBe(true);
    expect(view.cells.filter((c) => c.column !== "VISION").every((c) => c.status === "DONE")).toBe(true);

    // Retry one cell alone once the model is healthy again; the failed attempt is kept.
    await control("failure", { model: "qwen2.5vl:3b", mode: "none" });
    const failed = vision[0]!;
    await retryLabCell(user, failed.id);
    await waitForIdleRuns();
    const after = (await getLabRunView(user, runId))!.cells.find((c) => c.id === failed.id)!;
    expect(after.status).toBe("DONE");
    expect(after.attempts).toBe(2);
    expect(after.previous[0]).toMatchObject({ output: failed.output, error: expect.stringContaining("failed") });
  });

  it("with Ollama down the models fail with what to start, and the OCR baseline still runs", async () => {
    const { user, input } = await setup();
    // The catalogue was read while Ollama answered; then it goes away.
    await control("failure", { model: "*", mode: "crash" });
    const { runId } = await startLabRun(user, input);
    await waitForIdleRuns();
    const view = (await getLabRunView(user, runId))!;
    expect(view.cells.find((c) => c.column === "OCR")!.status).toBe("DONE");
    expect(view.cells.filter((c) => c.column !== "OCR").every((c) => c.status === "FAILED")).toBe(true);
  });

  it("an OCR-only run needs no models", async () => {
    const { user, input } = await setup({ textModel: null, visionModel: null });
    const { runId } = await startLabRun(user, input);
    await waitForIdleRuns();
    expect((await getLabRunView(user, runId))!.cells.map((c) => `${c.column}:${c.status}`)).toEqual(["OCR:DONE"]);
  });

  it("a run can be cancelled mid-stream, keeping what arrived", async () => {
    await control("failure", { model: "llama3.2:3b", mode: "slow", afterChunks: 1, chunkDelayMs: 5000 });
    const { user, input } = await setup({ visionModel: null });
    const { runId } = await startLabRun(user, input);
    // Cancelled once the first words have arrived (the runner writes the first token at once).
    const textOutput = async () => (await getLabRunView(user, runId))!.cells.find((c) => c.column === "TEXT")!.output;
    await expect.poll(textOutput, { timeout: 15_000 }).not.toBe("");
    await cancelLabRun(user, runId);
    await waitForIdleRuns();
    const view = (await getLabRunView(user, runId))!;
    expect(view.status).toBe("CANCELLED");
    const text = view.cells.filter((c) => c.column === "TEXT");
    expect(text.every((c) => c.status === "CANCELLED")).toBe(true);
    expect(text[0]!.output.length).toBeGreaterThan(0);
  });

  it("refuses the wrong kind of model, another student's screenshot, and more than 3 runs in flight", async () => {
    const { user, input } = await setup();
    await expect(startLabRun(user, { ...input, textModel: "qwen2.5vl:3b" })).rejects.toThrow(/vision model: choose a text-only model/);
    await expect(startLabRun(user, { ...input, visionModel: "llama3.2:3b" })).rejects.toThrow(/cannot see images/);
    await expect(startLabRun(user, { ...input, visionModel: "qwen3-vl:8b" })).rejects.toThrow(/ollama pull qwen3-vl:8b/);
    const other = await student();
    await expect(startLabRun(other, input)).rejects.toThrow(/not yours/);

    await control("failure", { model: "*", mode: "slow", afterChunks: 1, chunkDelayMs: 3000 });
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push((await startLabRun(user, input)).runId);
    await expect(startLabRun(user, input)).rejects.toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/3 runs going/) });
    for (const id of runs) await cancelLabRun(user, id);
  });

  it("only the owner and the instructors of the owner's classes can open a run", async () => {
    const { user, input } = await setup({ textModel: null, visionModel: null });
    const { runId } = await startLabRun(user, input);
    await waitForIdleRuns();
    const stranger = await student();
    const teacher = { ...(await student()), role: "INSTRUCTOR" as const };
    const outsider = { ...(await student()), role: "INSTRUCTOR" as const };
    await newClass([teacher, user]);
    await newClass([outsider]);
    expect(await getLabRunView(stranger, runId)).toBeNull();
    expect(await getLabRunView(teacher, runId)).not.toBeNull();
    expect(await getLabRunView(outsider, runId)).toBeNull();
    // The reader's own lab page opens the owner's runs only, an instructor's included.
    expect(await getLabRunView(teacher, runId, { ownerOnly: true })).toBeNull();
    expect(await getLabRunView(user, runId, { ownerOnly: true })).not.toBeNull();
    await expect(cancelLabRun(stranger, runId)).rejects.toBeInstanceOf(LabRunError);
  });

  it("stores an upload once per owner, by content", async () => {
    const user = await student();
    const png = makePng(2560, 1440);
    const a = await storeLabImage(user, { bytes: png, fileName: "../../etc/passwd.png" });
    const b = await storeLabImage(user, { bytes: png });
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ width: 1280, height: 720, original: { width: 2560, height: 1440 } });
    expect(a.fileName).not.toContain("/");
    expect(a.expectedTokens.find((t) => t.family === "qwen2.5-vl" && t.engine === "llama-server")).toMatchObject({ tokens: 1198 });
    expect(a.expectedTokens.find((t) => t.family === "qwen3-vl" && t.engine === "go")).toMatchObject({ tokens: 882 });
    expect(await db.labImage.count({ where: { ownerId: user.id } })).toBe(1);
    await expect(storeLabImage(user, { bytes: new TextEncoder().encode("<svg></svg>") })).rejects.toThrow(/not a PNG, JPEG or WebP/);
  });
});

describe("lab cell timeout", () => {
  it("a cell slower than LAB_CELL_TIMEOUT_S fails as a timeout and keeps its partial text", async () => {
    const { env } = await import("@/lib/env");
    const previous = env.LAB_CELL_TIMEOUT_S;
    env.LAB_CELL_TIMEOUT_S = 1;
    try {
      await control("failure", { model: "llama3.2:3b", mode: "slow", afterChunks: 2, chunkDelayMs: 3000 });
      const { user, input } = await setup({ visionModel: null });
      const { runId } = await startLabRun(user, input);
      await waitForIdleRuns();
      const cell = (await getLabRunView(user, runId))!.cells.find((c) => c.column === "TEXT" && c.promptKind === "easy")!;
      expect(cell).toMatchObject({ status: "FAILED", errorCode: "TIMEOUT" });
      expect(cell.output.length).toBeGreaterThan(0);
    } finally {
      env.LAB_CELL_TIMEOUT_S = previous;
    }
  });
});

describe("lab runs on both Ollama engines", () => {
  afterEach(async () => {
    await control("reset", {});
    forgetOllamaVersions();
  });

  it("a thinking variant is asked with think:true: its thinking is kept apart and its answer is scored", async () => {
    const { user, input } = await setup({ visionModel: "qwen3-vl:4b", textModel: null });
    const { runId } = await startLabRun(user, input);
    await waitForIdleRuns();
    const vision = (await getLabRunView(user, runId))!.cells.filter((c) => c.column === "VISION");
    expect(vision.map((c) => c.status)).toEqual(["DONE", "DONE", "DONE"]);
    expect(vision[0]!.thinking.length).toBeGreaterThan(0);
    expect(vision[0]!.metrics?.thinkingChars).toBe(vision[0]!.thinking.length);
    expect(vision[0]!.structured).toMatchObject({ visible_text: expect.any(Array) });
    expect(vision[0]!.stamp?.think).toBe(true);
  });

  it("an empty answer (all of it in the thinking) is never a plain Done: it says why and can be retried", async () => {
    // A thinking variant whose model file does not name its parser: the app cannot tell, sends
    // think:false with the format, and on Ollama 0.31.2+ the JSON lands in the thinking.
    await control("thinking", { model: "qwen3-vl:4b", ignoresThinkFalse: true, hideParser: true });
    forgetCatalogue();
    const { user, input } = await setup({ visionModel: "qwen3-vl:4b", textModel: null });
    const { runId } = await startLabRun(user, input);
    await waitForIdleRuns();
    const cell = (await getLabRunView(user, runId))!.cells.find((c) => c.column === "VISION" && c.promptKind === "easy")!;
    expect(cell).toMatchObject({ status: "EMPTY", errorCode: "EMPTY_ANSWER", output: "" });
    expect(cell.error).toMatch(/spent its answer thinking.*instruct tag/);
    expect(cell.thinking).toContain("visible_text");
    await control("thinking", { model: "qwen3-vl:4b", ignoresThinkFalse: true, hideParser: false });
    forgetCatalogue();
    await retryLabCell(user, cell.id);
    await waitForIdleRuns();
    const after = (await getLabRunView(user, runId))!.cells.find((c) => c.id === cell.id)!;
    expect(after.status).toBe("DONE");
    expect(after.previous).toHaveLength(1);
  });

  it("on the Go engine the estimate follows the Go rule, and the measurement agrees", async () => {
    await control("engine", { engine: "go" });
    forgetOllamaVersions();
    const { user, input } = await setup({ visionModel: "qwen3-vl:4b-instruct", textModel: null });
    const { runId } = await startLabRun(user, input);
    await waitForIdleRuns();
    const cell = (await getLabRunView(user, runId))!.cells.find((c) => c.column === "VISION" && c.promptKind === "easy")!;
    // 1280x800 on Qwen3-VL: Go engine 40 x 25 = 1000 blocks, plus 2.
    expect(cell.metrics).toMatchObject({ engine: "go", expectedImageTokens: 1002, measuredImageTokens: 1002 });
    expect(cell.stamp).toMatchObject({ ollamaVersion: "0.24.0", engine: "go" });
  });

  it("measuring a cold start runs the two columns one after the other, each from a cold load", async () => {
    await control("latency", { load: 300 });
    const { user, input } = await setup({ measureCold: true });
    const { runId } = await startLabRun(user, input);
    await waitForIdleRuns();
    const cells = (await getLabRunView(user, runId))!.cells;
    const easy = (column: string) => cells.find((c) => c.column === column && c.promptKind === "easy")!;
    expect(easy("TEXT").metrics).toMatchObject({ startState: "cold", lanesInParallel: false });
    expect(easy("VISION").metrics).toMatchObject({ startState: "cold", lanesInParallel: false });
    // Neither load contains the other's: each is about one load, not two.
    expect(easy("VISION").metrics!.loadMs).toBeLessThan(550);
    expect(cells.find((c) => c.column === "VISION" && c.promptKind === "task")!.metrics).toMatchObject({ startState: "warm" });
    const log = (await (await control("log")).json()) as (LogEntry & { at: number })[];
    const firstVision = log.find((e) => e.path === "/api/chat" && e.model === "qwen2.5vl:3b" && e.images.count > 0)!;
    const lastText = log.filter((e) => e.path === "/api/chat" && e.model === "llama3.2:3b").at(-1)!;
    expect(firstVision.at).toBeGreaterThan(lastText.at);
  });
});

describe("the lab as an experiment", () => {
  it("scores all three columns against the sample's ground truth and reads as a summary", async () => {
    const { user, input } = await setup({ predictions: { imageTokens: 1300, faster: "TEXT", controls: "VISION" } });
    const { runId } = await startLabRun(user, input);
    await waitForIdleRuns();
    const view = (await getLabRunView(user, runId))!;
    expect(view.outcome).toBe("done");
    expect(view.tally).toEqual({ total: 7, finished: 7, failed: 0 });
    for (const cell of view.cells) {
      expect(cell.scores, `${cell.column} ${cell.promptKind}`).not.toBeNull();
      expect(cell.scores!.controls!.total).toBe(17);
      expect(cell.scores!.inventions).not.toBeNull();
    }
    // OCR reads labels but never a state; the text-only model saw nothing.
    const ocr = view.cells.find((c) => c.column === "OCR")!.scores!.controls!;
    expect(ocr.found).toBeGreaterThan(5);
    expect(ocr.stateRight).toBe(0);
    const text = view.cells.find((c) => c.column === "TEXT" && c.promptKind === "task")!.scores!.controls!;
    expect(text.stateRight).toBe(0);
    expect(view.predictions).toEqual({ imageTokens: 1300, faster: "TEXT", controls: "VISION" });
    const summary = summariseRun(view);
    expect(summary.columns.map((c) => c.column)).toEqual(["TEXT", "VISION", "OCR"]);
    expect(summary.predictions.map((p) => p.label)).toHaveLength(3);
    expect(summary.verdict.length).toBeGreaterThan(2);
  });

  it("records the defences; a prompt without them is shorter", async () => {
    const base = await setup({ visionModel: null });
    const defended = await startLabRun(base.user, base.input);
    await waitForIdleRuns();
    const bare = await startLabRun(base.user, { ...base.input, defences: { textOnlyNote: false, injectionLine: false } });
    await waitForIdleRuns();
    const promptTokens = async (runId: string) =>
      (await getLabRunView(base.user, runId))!.cells.find((c) => c.column === "TEXT" && c.promptKind === "easy")!.metrics!.promptTokens;
    expect((await getLabRunView(base.user, bare.runId))!.defences).toEqual({ textOnlyNote: false, injectionLine: false });
    expect((await getLabRunView(base.user, defended.runId))!.defences).toEqual({ textOnlyNote: true, injectionLine: true });
    expect(await promptTokens(bare.runId)).toBeLessThan(await promptTokens(defended.runId));
  });

  it("a run whose vision cells fail finishes with failures, in the view and in the list", async () => {
    await control("failure", { model: "qwen2.5vl:3b", mode: "crash" });
    const { user, input } = await setup();
    const { runId } = await startLabRun(user, input);
    await waitForIdleRuns();
    const view = (await getLabRunView(user, runId))!;
    expect(view.status).toBe("DONE");
    expect(view.outcome).toBe("done-with-failures");
    expect(view.tally.failed).toBe(3);
    const listed = (await listLabRuns(user)).find((r) => r.id === runId)!;
    expect(listed.outcome).toBe("done-with-failures");
  });
});
