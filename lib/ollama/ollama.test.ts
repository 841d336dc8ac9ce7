import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOllamaTestServer, type OllamaTestServer } from "@/test/ollama-double/test-server";
import { makePng } from "@/test/ollama-double/png";
import { classify, forgetCatalogue, listInstalledModels, listLoadedModels } from "@/lib/ollama/server/catalogue";
import { runChat } from "@/lib/ollama/server/chat";
import { unloadModel } from "@/lib/ollama/server/loading";
import { forgetOllamaVersions, getOllamaStatus } from "@/lib/ollama/server/client";
import { OllamaError, toOllamaError } from "@/lib/ollama/errors";
import { computeMetrics, percentOnGpu } from "@/lib/ollama/metrics";
import { pullModel } from "@/lib/ollama/server/pull";
import type { PullProgress } from "@/lib/ollama/types";

// The real lib/ollama code (and the real ollama-js client) against the Ollama test server.

let server: OllamaTestServer;
let host: string;

beforeAll(async () => {
  server = await startOllamaTestServer({ latency: { load: 30, firstToken: 5, perToken: 1 } });
  host = server.url;
});
afterAll(async () => server.close());
beforeEach(() => {
  server.reset();
  forgetCatalogue();
  forgetOllamaVersions();
});

async function failureOf(promise: Promise<unknown>): Promise<OllamaError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OllamaError);
    return error as OllamaError;
  }
  throw new Error("expected an OllamaError");
}

describe("metrics math", () => {
  it("computes tokens/s, prefill, load and time to first token from known inputs", () => {
    const m = computeMetrics(
      {
        done_reason: "stop",
        total_duration: 15_000_000_000,
        load_duration: 1_200_000_000,
        prompt_eval_count: 1250,
        prompt_eval_duration: 800_000_000,
        eval_count: 180,
        eval_duration: 12_000_000_000,
      },
      { startedAt: 1000, firstTokenAt: 3100, endedAt: 15_500 },
    );
    expect(m).toEqual({
      isCold: true,
      startState: "unknown",
      thinkingChars: 0,
      loadMs: 1200,
      timeToFirstTokenMs: 2100,
      promptTokens: 1250,
      prefillMs: 800,
      evalTokens: 180,
      tokensPerSecond: 15,
      evalMs: 12_000,
      // what total_duration holds beyond load, prefill and generation: time queued for the model
      waitedMs: 1000,
      totalMs: 15_000,
      wallMs: 14_500,
      doneReason: "stop",
    });
  });

  it("decides cold or warm from /api/ps before the request when there is one, not from the load time", () => {
    const clock = { startedAt: 0, firstTokenAt: null, endedAt: 10 };
    // A warm request can wait in Ollama's queue: a long load_duration is not a cold start.
    expect(computeMetrics({ load_duration: 900_000_000 }, clock, { startState: "warm" }).isCold).toBe(false);
    expect(computeMetrics({ load_duration: 1_000 }, clock, { startState: "cold" }).isCold).toBe(true);
    expect(computeMetrics({ load_duration: 1_000 }, clock, { startState: "reload" }).isCold).toBe(true);
  });

  it("calls a microsecond load warm and survives missing fields", () => {
    const m = computeMetrics({ load_duration: 50_000 }, { startedAt: 0, firstTokenAt: null, endedAt: 10 });
    expect(m).toMatchObject({ isCold: false, tokensPerSecond: null, timeToFirstTokenMs: null, evalTokens: 0, doneReason: null });
  });

  it("percent on GPU from /api/ps sizes", () => {
    expect(percentOnGpu(7_400_000_000, 3_700_000_000)).toBe(50);
    expect(percentOnGpu(5_000_000_000, 5_000_000_000)).toBe(100);
    expect(percentOnGpu(5_000_000_000, 0)).toBe(0);
    expect(percentOnGpu(0, 0)).toBe(0);
  });
});

describe("catalogue", () => {
  it("joins tags with show: kind, context, quantisation, licence", async () => {
    const models = await listInstalledModels({ host });
    const vl = models.find((m) => m.name === "qwen2.5vl:3b")!;
    expect(vl).toMatchObject({ kind: "vision", contextLength: 128000, quantization: "Q4_K_M" });
    expect(vl.licence).toMatch(/Qwen RESEARCH LICENSE/i);
    expect(models.find((m) => m.name === "llama3.2:3b")).toMatchObject({ kind: "text", licence: expect.stringMatching(/llama/i) });
    expect(classify(["completion", "tools"])).toBe("text");
  });

  it("survives one model whose /api/show fails, and does not offer cloud stubs as local models", async () => {
    server.setBehaviour({ cloudStub: true });
    const { getModelCatalogue } = await import("@/lib/ollama/server/catalogue");
    const catalogue = await getModelCatalogue({ host, refresh: true });
    expect(catalogue.cloud).toEqual(["gpt-oss:120b-cloud"]);
    expect(catalogue.models.map((m) => m.name)).not.toContain("gpt-oss:120b-cloud");
    expect(catalogue.models.map((m) => m.name)).toContain("qwen2.5vl:3b");
    expect(catalogue.models.find((m) => m.name === "qwen3-vl:4b")).toMatchObject({ parser: "qwen3-vl-thinking", isThinkingVariant: true });
    expect(catalogue.models.find((m) => m.name === "qwen3-vl:4b-instruct")).toMatchObject({ isThinkingVariant: false });
    expect(catalogue.models.find((m) => m.name === "qwen3:4b")).toMatchObject({ parser: "qwen3-thinking", isThinkingVariant: false });

    // A tag whose /api/show fails is listed as unavailable; the others are still offered.
    server.setFailure("llama3.2:3b", "show-error");
    const partial = await getModelCatalogue({ host, refresh: true });
    expect(partial.unavailable).toEqual([{ name: "llama3.2:3b", reason: expect.stringContaining("manifest") }]);
    expect(partial.models.map((m) => m.name)).toContain("qwen2.5vl:3b");
    expect(partial.models.map((m) => m.name)).not.toContain("llama3.2:3b");
  });

  it("reports version and reachability, and a stopped server as unreachable", async () => {
    expect(await getOllamaStatus({ host })).toEqual({ reachable: true, host, version: "0.32.15", engine: "llama-server" });
    const gone = await startOllamaTestServer();
    const goneUrl = gone.url;
    await gone.close();
    const status = await getOllamaStatus({ host: goneUrl });
    expect(status).toMatchObject({ reachable: false, error: expect.stringContaining("ollama serve") });
  });
});

describe("runChat", () => {
  it("streams a reply with Ollama's metrics, a memory snapshot and a stamp; cold then warm", async () => {
    const chunks: string[] = [];
    const cold = await runChat({
      host,
      model: "llama3.2:3b",
      prompt: "Describe a settings page.",
      options: { temperature: 0, seed: 7, num_ctx: 4096 },
      onText: (d) => void chunks.push(d),
    });
    expect(cold.text.length).toBeGreaterThan(10);
    expect(chunks.join("")).toBe(cold.text);
    expect(cold.metrics).toMatchObject({ isCold: true, startState: "cold" });
    expect(cold.metrics.loadMs).toBeGreaterThanOrEqual(10);
    expect(cold.metrics.evalTokens).toBeGreaterThan(0);
    expect(cold.metrics.tokensPerSecond).toBeCloseTo(cold.metrics.evalTokens / (cold.metrics.evalTokens * 1e-3), 0);
    expect(cold.metrics.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(cold.metrics.doneReason).toBe("stop");
    expect(cold.resident).toMatchObject({ name: "llama3.2:3b", percentOnGpu: 0 });
    expect(cold.stamp).toMatchObject({
      model: "llama3.2:3b",
      quantization: "Q4_K_M",
      ollamaVersion: "0.32.15",
      engine: "llama-server",
      host,
      options: { temperature: 0, seed: 7, num_ctx: 4096 },
    });
    expect(cold.stamp.digest).toMatch(/^[0-9a-f]{64}$/);

    const warm = await runChat({ host, model: "llama3.2:3b", prompt: "Again.", options: { num_ctx: 4096 } });
    expect(warm.metrics).toMatchObject({ isCold: false, startState: "warm" });
    // Another context size reloads the model.
    const reload = await runChat({ host, model: "llama3.2:3b", prompt: "Again.", options: { num_ctx: 8192 } });
    expect(reload.metrics).toMatchObject({ isCold: true, startState: "reload" });

    await unloadModel("llama3.2:3b", { host });
    expect((await listLoadedModels({ host })).map((m) => m.name)).not.toContain("llama3.2:3b");
    expect((await runChat({ host, model: "llama3.2:3b", prompt: "Once more." })).metrics.isCold).toBe(true);
  });

  it.each([
    ["llama-server", "qwen2.5vl:3b", 1196],
    ["llama-server", "qwen3-vl:4b-instruct", 1075],
    ["go", "qwen2.5vl:3b", 1196],
    ["go", "qwen3-vl:4b-instruct", 880],
  ] as const)("%s engine: sends images to %s with the schema; the image costs its grid (%i) plus 2", async (engine, model, grid) => {
    server.setEngine(engine);
    const png = makePng(1280, 720);
    const schema = {
      type: "object",
      properties: { visible_text: { type: "array", items: { type: "string" } } },
      required: ["visible_text"],
    };
    const withImage = await runChat({ host, model, prompt: "What is visible?", images: [png], format: schema });
    const without = await runChat({ host, model, prompt: "What is visible?", format: schema });
    expect(withImage.metrics.promptTokens - without.metrics.promptTokens).toBe(grid + 2);
    expect(JSON.parse(withImage.text)).toHaveProperty("visible_text");
    const request = server.log.find((e) => e.path === "/api/chat" && e.model === model && e.images.count === 1)!;
    expect(request.images.bytes).toEqual([png.length]);
    expect(request.format).toEqual(schema);
  });

  it("never sends an image to a text-only model", async () => {
    const error = await failureOf(
      runChat({ host, model: "llama3.2:3b", prompt: "What is on this screenshot?", images: [makePng(64, 64)] }),
    );
    expect(error.code).toBe("IMAGES_NOT_SUPPORTED");
    expect(server.log.filter((e) => e.path === "/api/chat" && e.model === "llama3.2:3b")).toEqual([]);
  });

  it("asks thinking models not to think", async () => {
    await runChat({ host, model: "qwen3:4b", prompt: "Hi" });
    expect(server.log.find((e) => e.path === "/api/chat" && e.model === "qwen3:4b")!.think).toBe(false);
  });

  it.each([
    ["not-found", "MODEL_NOT_FOUND", /"qwen2\.5vl:3b" is not installed on the lab.s Ollama/],
    ["busy", "BUSY", /busy/],
    ["crash", "RUNNER_CRASHED", /stopped unexpectedly/],
  ] as const)("%s becomes %s", async (mode, code, message) => {
    server.setFailure("qwen2.5vl:3b", mode);
    await listInstalledModels({ host }); // catalogue read before the failure applies to show
    const error = await failureOf(runChat({ host, model: "qwen2.5vl:3b", prompt: "Hi" }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("a tiny crop crashes the Go engine's runner, reported as a crash; 0.30+ upscales it to 1,024 tokens", async () => {
    server.setEngine("go");
    const error = await failureOf(runChat({ host, model: "qwen2.5vl:3b", prompt: "What is this?", images: [makePng(20, 20)] }));
    expect(error.code).toBe("RUNNER_CRASHED");
    expect(error.details.status).toBe(500);
    server.setEngine("llama-server");
    const tiny = await runChat({ host, model: "qwen2.5vl:3b", prompt: "What is this?", images: [makePng(20, 20)] });
    const none = await runChat({ host, model: "qwen2.5vl:3b", prompt: "What is this?" });
    expect(tiny.metrics.promptTokens - none.metrics.promptTokens).toBe(1026);
  });

  it("keeps a thinking variant's thinking apart and asks it with think:true, so its answer lands in content", async () => {
    const seen: string[] = [];
    const result = await runChat({
      host,
      model: "qwen3-vl:4b",
      prompt: "What is visible?",
      images: [makePng(640, 400)],
      format: { type: "object", properties: { visible_text: { type: "array", items: { type: "string" } } }, required: ["visible_text"] },
      onText: (_d, _soFar, thinking) => void seen.push(thinking),
    });
    expect(server.log.find((e) => e.path === "/api/chat" && e.model === "qwen3-vl:4b")!.think).toBe(true);
    expect(result.thinking.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(result.thinking);
    expect(JSON.parse(result.text)).toHaveProperty("visible_text");
    expect(result.metrics.thinkingChars).toBe(result.thinking.length);
    expect(result.stamp.think).toBe(true);
  });

  it("num_predict cuts an answer off with done_reason length", async () => {
    const result = await runChat({ host, model: "llama3.2:3b", prompt: "Tell me a long story.", options: { num_predict: 5 } });
    expect(result.metrics).toMatchObject({ doneReason: "length", evalTokens: 5 });
  });

  // A load far longer than the bound, so a busy machine (three test files beside lint and tsc on
  // two cores) cannot make a cancel that works look like one that waited for the load.
  it("cancel reaches the request during the load, before Ollama sends a byte", async () => {
    server.setLatency({ load: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await failureOf(runChat({ host, model: "llama3.2:3b", prompt: "Hi", signal: controller.signal }));
    expect(error.code).toBe("ABORTED");
    expect(Date.now() - started).toBeLessThan(5000);
    await expect
      .poll(() => server.log.find((e) => e.path === "/api/chat" && e.model === "llama3.2:3b")?.aborted, { timeout: 15_000 })
      .toBe(true);
  });

  it("the cell timeout reaches the request during the load too", async () => {
    server.setLatency({ load: 10_000 });
    const started = Date.now();
    const error = await failureOf(runChat({ host, model: "llama3.2:3b", prompt: "Hi", timeoutMs: 200 }));
    expect(error.code).toBe("TIMEOUT");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("a stream that ends without its final message keeps its text and says so", async () => {
    server.setFailure("llama3.2:3b", "repeat", { afterChunks: 2 });
    const error = await failureOf(runChat({ host, model: "llama3.2:3b", prompt: "Tell me a long story." }));
    expect(error.code).toBe("STREAM_FAILED");
    expect(error.partialText.length).toBeGreaterThan(0);
    expect(error.message).toMatch(/cut off|stopped before/);
  });

  it("0.30+ refuses an image to a text-only model with llama-server's error; the app never sends one anyway", async () => {
    server.setEngine("llama-server");
    const { createOllamaClient } = await import("@/lib/ollama/server/client");
    const raw = await createOllamaClient({ host })
      .chat({ model: "llama3.2:3b", messages: [{ role: "user", content: "What is this?", images: [makePng(64, 64)] }] })
      .catch((e: unknown) => e);
    expect(toOllamaError(raw, { host, model: "llama3.2:3b" }).code).toBe("IMAGES_NOT_SUPPORTED");
  });

  it("a model that is not installed is refused in words a student can act on (the pull is an instructor's, on the Models page)", async () => {
    const error = await failureOf(runChat({ host, model: "qwen3-vl:8b", prompt: "Hi" }));
    expect(error).toMatchObject({ code: "MODEL_NOT_FOUND" });
    expect(error.message).toBe(`"qwen3-vl:8b" is not installed on the lab's Ollama. An instructor can pull it on the Models page.`);
  });

  it.each(["mid-stream-error", "cut-stream"] as const)("%s keeps what arrived and marks the run failed", async (mode) => {
    server.setFailure("llama3.2:3b", mode, { afterChunks: 3 });
    const seen: string[] = [];
    const error = await failureOf(
      runChat({ host, model: "llama3.2:3b", prompt: "Tell me a long story.", onText: (d) => void seen.push(d) }),
    );
    expect(error.code).toBe("STREAM_FAILED");
    expect(error.partialText.length).toBeGreaterThan(0);
    expect(error.partialText).toBe(seen.join(""));
  });

  it("times out a stalled stream, keeping the partial text", async () => {
    server.setFailure("llama3.2:3b", "slow", { afterChunks: 1, chunkDelayMs: 2000 });
    const error = await failureOf(runChat({ host, model: "llama3.2:3b", prompt: "Tell me a long story.", timeoutMs: 300 }));
    expect(error.code).toBe("TIMEOUT");
    expect(error.partialText.length).toBeGreaterThan(0);
  });

  it("can be cancelled", async () => {
    server.setFailure("llama3.2:3b", "slow", { afterChunks: 1, chunkDelayMs: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const error = await failureOf(runChat({ host, model: "llama3.2:3b", prompt: "Tell me a long story.", signal: controller.signal }));
    expect(error.code).toBe("ABORTED");
  });

  it("reports an unreachable Ollama with who can start it, keeping the address for operators only", async () => {
    const gone = await startOllamaTestServer();
    const goneUrl = gone.url;
    await gone.close();
    const error = await failureOf(runChat({ host: goneUrl, model: "llama3.2:3b", prompt: "Hi" }));
    expect(error.code).toBe("UNREACHABLE");
    expect(error.message).toMatch(/^Ollama is not reachable/);
    expect(error.message).not.toContain(goneUrl);
    expect(error.message).not.toContain("OLLAMA_HOST");
    expect(error.details.host).toBe(goneUrl);
  });
});

describe("pull", () => {
  it("reports progress per layer and overall up to success; the model is then installed", async () => {
    const seen: PullProgress[] = [];
    await pullModel("qwen3-vl:2b", { host, onProgress: (p) => void seen.push(p) });
    expect(seen.at(-1)).toMatchObject({ isDone: true, status: "success", percent: 100 });
    expect(seen.some((p) => p.percent > 0 && p.percent < 100)).toBe(true);
    expect(seen.at(-1)!.layers.length).toBeGreaterThan(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.completed).toBeGreaterThanOrEqual(seen[i - 1]!.completed);
    expect((await listInstalledModels({ host })).map((m) => m.name)).toContain("qwen3-vl:2b");
  });

  it("an unreachable registry says so, not 'no such model'", async () => {
    server.setBehaviour({ pullOffline: true });
    const error = await failureOf(pullModel("qwen3-vl:2b", { host, onProgress: () => undefined }));
    expect(error.code).toBe("REGISTRY_UNREACHABLE");
    expect(error.message).toMatch(/could not reach the model registry/);
  });

  it("an unknown model ends with a clear error", async () => {
    const error = await failureOf(pullModel("no-such-model:1b", { host, onProgress: () => undefined }));
    expect(error.code).toBe("MODEL_NOT_FOUND");
  });

  it("can be cancelled", async () => {
    const controller = new AbortController();
    const error = await failureOf(
      pullModel("gemma3:1b", {
        host,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.percent > 0) controller.abort();
        },
      }),
    );
    expect(error.code).toBe("ABORTED");
  });

  it("refuses something that is not a tag", async () => {
    expect((await failureOf(pullModel("rm -rf /", { host, onProgress: () => undefined }))).code).toBe("BAD_REQUEST");
  });
});

describe("error mapping", () => {
  it("maps a refused connection and unknown errors", () => {
    expect(toOllamaError(new TypeError("fetch failed"), { host: "http://x:1" }).code).toBe("UNREACHABLE");
    expect(toOllamaError(Object.assign(new Error("boom"), { name: "TimeoutError" }), { host: "h", timeoutMs: 2000 }).message).toMatch(
      /2 s/,
    );
  });
});
