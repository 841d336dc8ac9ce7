import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/data/users";
import { getVisionPromptTemplate } from "@/lib/content/server/lessons";
import { env } from "@/lib/env";
import { storeLabImage } from "@/lib/lab/data/image-store";
import { getLabRunView } from "@/lib/lab/data/run-views";
import { startLabRun } from "@/lib/lab/data/runs";
import { waitForIdleRuns } from "@/lib/lab/jobs/data/worker";
import { memoryText, notColdNotes } from "@/lib/lab/metrics-text";
import { defaultPrompts } from "@/lib/lab/prompts";
import type { StartRunInput } from "@/lib/lab/schemas";
import { forgetCatalogue } from "@/lib/ollama/server/catalogue";
import { runChat } from "@/lib/ollama/server/chat";
import { forgetOllamaVersions } from "@/lib/ollama/server/client";

// What a student's real GPU shows that a roomy test machine does not, each reproduced with the
// Ollama test double (docs/ollama.md, "What a real GPU shows"): two models that do not fit together,
// a cold load longer than a cell's limit, thinking variants' metrics and budget, requests queued on
// one model, and a parser whose name says "thinking" although it honours think:false.

const ollama = process.env.E2E_OLLAMA_URL!;
const control = (path: string, body?: unknown) =>
  fetch(`${ollama}/__test/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
type LogEntry = { path: string; model?: string; at: number; messages?: number; think?: unknown; options?: Record<string, unknown> };
const chatLog = async () => ((await (await control("log")).json()) as LogEntry[]).filter((e) => e.path === "/api/chat");

async function setup(overrides: Partial<StartRunInput> = {}) {
  const user = await createUser({
    name: "GPU Student",
    email: `gpu-${randomUUID().slice(0, 8)}@example.test`,
    password: "correct horse battery",
  });
  const image = await storeLabImage(user, { sampleId: "settings-screen" });
  const input: StartRunInput = {
    imageId: image.id,
    textModel: "llama3.2:3b",
    visionModel: "qwen2.5vl:3b",
    prompts: defaultPrompts(getVisionPromptTemplate()),
    measureCold: false,
    ...overrides,
  };
  return { user, input };
}

async function run(overrides: Partial<StartRunInput> = {}) {
  const { user, input } = await setup(overrides);
  const { runId } = await startLabRun(user, input);
  await waitForIdleRuns();
  return (await getLabRunView(user, runId))!;
}

/** Runs `body` with lab settings changed, then puts them back. */
async function withEnv<T>(values: Partial<typeof env>, body: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(values).map((k) => [k, env[k as keyof typeof env]]));
  Object.assign(env, values);
  try {
    return await body();
  } finally {
    Object.assign(env, previous);
  }
}

/** The resident size /api/ps shows for a model loaded with the context a lab cell asks for. */
async function residentSize(model: string, numCtx: number): Promise<number> {
  await fetch(`${ollama}/api/chat`, { method: "POST", body: JSON.stringify({ model, messages: [], options: { num_ctx: numCtx } }) });
  const ps = (await (await fetch(`${ollama}/api/ps`)).json()) as { models: { name: string; size: number }[] };
  return ps.models.find((m) => m.name === model)!.size;
}

beforeEach(async () => {
  await control("reset", {});
  forgetCatalogue();
  forgetOllamaVersions();
});
afterEach(() => waitForIdleRuns());

describe("two models that do not fit in memory together", () => {
  it("are found out after each lane's first answer and run lane by lane from there, with the memory figures", async () => {
    // Room for either model, not both: every parallel cell would evict the other model.
    const text = await residentSize("llama3.2:3b", 4096);
    const vision = await residentSize("qwen2.5vl:3b", 4096);
    await control("reset", {});
    await control("behaviour", { memoryBudgetBytes: Math.max(text, vision) + 1 });
    await control("latency", { load: 150 });
    const view = await run();
    expect(view.status).toBe("DONE");
    expect(view.cells.every((c) => c.status === "DONE")).toBe(true);
    expect(view.laneNote).not.toBeNull();
    expect(view.laneNote!.evicted.length).toBeGreaterThan(0);
    expect(view.laneNote!.models.map((m) => m.name).sort()).toEqual(["llama3.2:3b", "qwen2.5vl:3b"]);
    // The model still loaded has its figure; the evicted one has one if /api/ps ever showed it.
    expect(view.laneNote!.models.every((m) => (m.sizeBytes ?? m.downloadBytes ?? 0) > 0)).toBe(true);
    // After the switch the vision lane waited for the text lane: its last answer started after the
    // text lane's last.
    const log = await chatLog();
    const answers = (model: string) => log.filter((e) => e.model === model && (e.messages ?? 0) > 0 && e.options?.num_predict !== 1);
    expect(answers("qwen2.5vl:3b").at(-1)!.at).toBeGreaterThan(answers("llama3.2:3b").at(-1)!.at);
    // From the switch on, answers find their model loaded: not every answer had to load it (side by
    // side, each of the six would have). How many loaded before the switch depends on timing.
    const loads = view.cells.filter((c) => c.column !== "OCR" && c.metrics?.startState !== "warm").length;
    expect(loads).toBeLessThan(6);
  });

  it("with room for both, the lanes stay side by side and nothing is noted", async () => {
    const view = await run();
    expect(view.laneNote).toBeNull();
    expect(view.cells.filter((c) => c.column !== "OCR").every((c) => c.metrics?.lanesInParallel)).toBe(true);
  });
});

describe("a cold load longer than a cell's time limit", () => {
  it("loads under its own, longer limit first: the cell's clock starts on a loaded model", async () => {
    // The load alone is longer than the cell's limit; the answer itself takes about a second (more
    // on a busy machine, hence the margin).
    await control("latency", { load: 5000 });
    const view = await withEnv({ LAB_CELL_TIMEOUT_S: 4, LAB_LOAD_TIMEOUT_S: 30 }, () => run({ textModel: null }));
    const easy = view.cells.find((c) => c.column === "VISION" && c.promptKind === "easy")!;
    expect({ status: easy.status, error: easy.error }).toEqual({ status: "DONE", error: null });
    expect(easy.metrics).toMatchObject({ startState: "cold" });
    expect(easy.metrics!.preloadMs).toBeGreaterThanOrEqual(4900);
    expect(easy.metrics!.loadMs).toBeGreaterThanOrEqual(4900);
    // The load was a request of its own with no messages and the cells' context.
    const load = (await chatLog()).find((e) => e.model === "qwen2.5vl:3b" && e.messages === 0)!;
    expect(load.options?.num_ctx).toBe(easy.stamp?.options.num_ctx);
  });

  it("says the model did not load within the limit when that is what happened", async () => {
    await control("latency", { load: 3000 });
    const view = await withEnv({ LAB_LOAD_TIMEOUT_S: 1 }, () => run({ textModel: null }));
    const easy = view.cells.find((c) => c.column === "VISION" && c.promptKind === "easy")!;
    expect(easy).toMatchObject({ status: "FAILED", errorCode: "LOAD_TIMEOUT" });
    expect(easy.error).toMatch(/did not load within 1 s/);
  });
});

describe("thinking variants", () => {
  it("show thinking apart from the answer, and the image is measured without the thinking", async () => {
    const view = await run({ textModel: null, visionModel: "qwen3-vl:4b" });
    const easy = view.cells.find((c) => c.column === "VISION" && c.promptKind === "easy")!;
    expect(easy.status).toBe("DONE");
    const m = easy.metrics!;
    // Two completions: the final prompt count holds the thinking, the generated tokens do not.
    expect(m.thinkingInPrompt).toBe(true);
    expect(m.thinkingTokens).toBeGreaterThan(10);
    expect(m.thinkingPromptTokens).toBe(m.thinkingTokens);
    expect(m.measuredImageTokens).toBe(m.expectedImageTokens);
    expect(m.promptTokens).toBe(m.promptTokensWithoutImage! + m.measuredImageTokens! + m.thinkingTokens!);
    expect(m.evalTokens).toBeLessThan(m.thinkingTokens! + m.evalTokens);
    expect(m.numPredict).toBe(env.LAB_THINKING_NUM_PREDICT);
  });

  it("that use up the token budget while thinking say so, and keep the thinking", async () => {
    await control("thinking", { model: "qwen3-vl:4b", tokens: 40 });
    const view = await withEnv({ LAB_THINKING_NUM_PREDICT: 30 }, () => run({ textModel: null, visionModel: "qwen3-vl:4b" }));
    const easy = view.cells.find((c) => c.column === "VISION" && c.promptKind === "easy")!;
    expect(easy).toMatchObject({ status: "EMPTY", errorCode: "EMPTY_ANSWER", output: "" });
    expect(easy.error).toMatch(/ran out of the token budget while thinking/);
    expect(easy.error).toMatch(/30-token limit/);
    expect(easy.error).not.toMatch(/ignores requests not to think/);
    expect(easy.thinking.length).toBeGreaterThan(0);
    expect(easy.metrics).toMatchObject({ doneReason: "length", numPredict: 30 });
  });

  it("a text model whose parser is qwen3-thinking is asked not to think, and does not", async () => {
    const view = await run({ textModel: "qwen3:4b", visionModel: null });
    const cells = view.cells.filter((c) => c.column === "TEXT");
    expect(cells.every((c) => c.status === "DONE" && c.thinking === "")).toBe(true);
    expect(cells.every((c) => c.stamp?.think === false)).toBe(true);
    const asked = (await chatLog()).filter((e) => e.model === "qwen3:4b" && (e.messages ?? 0) > 0);
    expect(asked.every((e) => e.think === false && e.options?.num_predict === env.LAB_NUM_PREDICT)).toBe(true);
  });
});

describe("requests queued on one model", () => {
  it("the wait shows as its own figure, not in the load or the prefill", async () => {
    // Ollama serves one request per model at a time by default (OLLAMA_NUM_PARALLEL=1).
    await control("latency", { perToken: 20 });
    const ask = (id: string) =>
      runChat({ model: "llama3.2:3b", prompt: "Say hello in five words.", requestId: id, options: { num_ctx: 4096 } });
    await ask("warm-up");
    const [a, b] = await Promise.all([ask("a"), ask("b")]);
    const [first, second] = a.metrics.waitedMs! <= b.metrics.waitedMs! ? [a, b] : [b, a];
    // The second waited about as long as the first took to generate.
    expect(second.metrics.waitedMs!).toBeGreaterThan(first.metrics.evalMs! * 0.5);
    expect(second.metrics.loadMs).toBeLessThan(50);
    expect(second.metrics.prefillMs).toBeLessThan(second.metrics.waitedMs!);
  });
});

describe("the GPU share", () => {
  it("is what /api/ps reports: model layers on the GPU, with size_vram in bytes", async () => {
    await control("vram", { model: "qwen2.5vl:3b", fraction: 1 });
    const view = await run({ textModel: null });
    const resident = view.cells.find((c) => c.column === "VISION")!.metrics!.resident!;
    expect(resident.percentOnGpu).toBe(100);
    expect(resident.vramBytes).toBe(resident.sizeBytes);
    expect(memoryText(resident)).toMatch(/model layers on GPU 100% \(size_vram [\d,]+ bytes\)/);
  });
});

describe("a cold start that was not cold", () => {
  it("is checked on /api/ps: a model still loaded after the unload makes its first answer warm, and the run says why", async () => {
    // Loaded with the context a text cell asks for, and the unload request will not take it out.
    await fetch(`${ollama}/api/chat`, {
      method: "POST",
      body: JSON.stringify({ model: "llama3.2:3b", messages: [], keep_alive: "10m", options: { num_ctx: 4096 } }),
    });
    await control("failure", { model: "llama3.2:3b", mode: "keeps-loaded" });
    const view = await withEnv({ LAB_UNLOAD_WAIT_S: 1 }, () => run({ measureCold: true }));
    const easy = (column: string) => view.cells.find((c) => c.column === column && c.promptKind === "easy")!;
    expect(easy("TEXT").metrics).toMatchObject({
      startState: "warm",
      coldStart: { unloaded: false, reason: "Ollama still listed it as loaded 1 s after the unload request" },
    });
    // The other model's unload took effect: its first answer is the cold start it claims.
    expect(easy("VISION").metrics).toMatchObject({ startState: "cold", coldStart: { unloaded: true } });
    // What the run says beside "Start", for the one model only.
    expect(notColdNotes(view.cells)).toEqual([
      "Not a cold start for llama3.2:3b: Ollama still listed it as loaded 1 s after the unload request. Its first answer started warm, so its time has no cold load in it.",
    ]);
    // Only each lane's first prompt is measured cold.
    expect(view.cells.find((c) => c.column === "TEXT" && c.promptKind === "task")!.metrics?.coldStart).toBeUndefined();
  });
});
