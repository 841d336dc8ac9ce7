import { request as httpRequest } from "node:http";
import { Ollama, type ChatRequest, type ChatResponse, type ProgressResponse } from "ollama";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { MID_STREAM_ERROR, RUNNER_STOPPED, SERVER_BUSY } from "./chat";
import { makePng } from "./png";
import { PULL_NOT_FOUND } from "./pull";
import { DEFAULT_MODELS, startOllamaTestServer, type OllamaTestServer, type RequestLogEntry } from "./test-server";

// Fast but non-zero latencies: real waits stay short, and every metric stays computable.
const LATENCY = { load: 20, firstToken: 2, perToken: 1 };
const VISION = "qwen2.5vl:3b";
const TEXT = "llama3.2:3b";

let server: OllamaTestServer;
let client: Ollama;

beforeAll(async () => {
  server = await startOllamaTestServer({ latency: LATENCY });
  client = new Ollama({ host: server.url });
});
afterEach(() => server.reset());
afterAll(() => server.close());

type SingleChat = ChatRequest & { stream?: false };
type ChatExtras = Partial<Omit<ChatRequest, "stream">>;

const ask = (model: string, content: string, extra: ChatExtras = {}): SingleChat => ({
  model,
  messages: [{ role: "user", content }],
  ...extra,
});
const withImage = (model: string, content: string, image: Buffer, extra: ChatExtras = {}): SingleChat => ({
  model,
  messages: [{ role: "user", content, images: [image] }],
  ...extra,
});

async function streamChat(request: ChatRequest): Promise<{ chunks: ChatResponse[]; content: string; final: ChatResponse }> {
  const chunks: ChatResponse[] = [];
  for await (const chunk of await client.chat({ ...request, stream: true })) chunks.push(chunk);
  const final = chunks.at(-1);
  if (!final) throw new Error("no chunks");
  return { chunks, content: chunks.map((chunk) => chunk.message.content).join(""), final };
}

async function caught(promise: Promise<unknown>): Promise<Error & { status_code?: number; error?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { status_code?: number; error?: string };
  }
  throw new Error("expected a rejection");
}

async function postRaw(path: string, body: string | undefined): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${server.url}${path}`, { method: "POST", body, headers: { "Content-Type": "application/json" } });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

/** The body as the socket delivered it, one Buffer per chunk the server wrote. */
function readRawChunks(path: string, body: unknown): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method: "POST", headers: { "Content-Type": "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve(chunks));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

function lastChatEntry(): RequestLogEntry {
  const entry = server.log.filter((item) => item.path === "/api/chat").at(-1);
  if (!entry) throw new Error("no chat in the log");
  return entry;
}

describe("discovery endpoints", () => {
  it("GET /api/version answers 0.12.10", async () => {
    expect(await client.version()).toEqual({ version: "0.12.10" });
    const response = await fetch(`${server.url}/api/version`);
    expect(response.headers.get("content-type")).toContain("application/json");
  });

  it("GET /api/tags lists installed models with the documented shape, not the pullable ones", async () => {
    const { models } = await client.list();
    const names = models.map((model) => model.name);
    expect(names).toEqual(expect.arrayContaining([VISION, "qwen3-vl:4b", TEXT, "qwen3:4b"]));
    expect(names).not.toContain("qwen3-vl:2b");
    expect(names).not.toContain("gemma3:1b");
    const vision = models.find((model) => model.name === VISION);
    expect(vision).toMatchObject({
      model: VISION,
      size: 3_200_000_000,
      details: { format: "gguf", family: "qwen25vl", families: ["qwen25vl"], quantization_level: "Q4_K_M" },
    });
    expect(vision?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof vision?.modified_at).toBe("string");
    expect(models.find((model) => model.name === TEXT)?.size).toBe(2_019_393_189);
  });

  it("POST /api/show returns capabilities, model_info context length and the licence", async () => {
    const vision = await client.show({ model: VISION });
    expect(vision.capabilities).toEqual(["completion", "vision"]);
    const info = vision.model_info as unknown as Record<string, unknown>;
    expect(info["general.architecture"]).toBe("qwen25vl");
    expect(info["qwen25vl.context_length"]).toBe(128_000);
    expect(vision.license.split("\n")[0]).toBe("Qwen RESEARCH LICENSE AGREEMENT");
    expect(vision.modelfile).toContain(`# FROM ${VISION}`);
    expect(vision.template).not.toBe("");
    expect(vision.details.parameter_size).toBeTruthy();

    const qwen3vl = await client.show({ model: "qwen3-vl:4b" });
    expect(qwen3vl.capabilities).toEqual(["completion", "vision", "tools", "thinking"]);
    expect((qwen3vl.model_info as unknown as Record<string, unknown>)["qwen3vl.context_length"]).toBe(262_144);
    expect(qwen3vl.license.startsWith("Apache License\nVersion 2.0")).toBe(true);

    const text = await postRaw("/api/show", JSON.stringify({ name: TEXT }));
    const body = JSON.parse(text.text) as { capabilities: string[]; license: string; model_info: Record<string, unknown> };
    expect(body.capabilities).toEqual(["completion", "tools"]);
    expect(body.license.split("\n")[0]).toBe("LLAMA 3.2 COMMUNITY LICENSE AGREEMENT");
    expect(body.model_info["llama.context_length"]).toBe(131_072);
  });

  it("POST /api/show on an unknown model is a 404 ResponseError", async () => {
    const error = await caught(client.show({ model: "nope:1b" }));
    expect(error.name).toBe("ResponseError");
    expect(error.status_code).toBe(404);
    expect(error.message).toBe("model 'nope:1b' not found");
  });

  it("GET /api/ps shows a model after a chat, with resident size, size_vram and expiry", async () => {
    expect((await client.ps()).models).toEqual([]);
    await client.chat(ask(VISION, "hi"));
    const [running, ...others] = (await client.ps()).models as unknown as Record<string, unknown>[];
    expect(others).toEqual([]);
    const kvBytes = 4096 * 2 * 36 * 2 * 128 * 2;
    expect(running).toMatchObject({
      name: VISION,
      model: VISION,
      size: 3_200_000_000 + 1_500_000_000 + kvBytes,
      size_vram: 0,
      context_length: 4096,
    });
    expect(running?.digest).toMatch(/^[0-9a-f]{64}$/);
    const expiresIn = Date.parse(String(running?.expires_at)) - Date.now();
    expect(expiresIn).toBeGreaterThan(4.9 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000);
  });

  it("size_vram follows the model's vramFraction (0.5: partly on CPU, 1: all on GPU)", async () => {
    const models = DEFAULT_MODELS.map((model) => (model.name === TEXT ? { ...model, vramFraction: 0.5 } : model));
    const partial = await startOllamaTestServer({ latency: LATENCY, models });
    try {
      const other = new Ollama({ host: partial.url });
      await other.chat(ask(TEXT, "hi"));
      const [half] = (await other.ps()).models;
      expect(half?.size_vram).toBe(Math.round((half?.size ?? 0) / 2));

      partial.setVramFraction(TEXT, 1);
      const [full] = (await other.ps()).models;
      expect(full?.size_vram).toBe(full?.size);
    } finally {
      await partial.close();
    }
  });
});

describe("chat", () => {
  it("streams NDJSON to the client: content chunks, then a final line with consistent metrics", async () => {
    const { chunks, content, final } = await streamChat(ask(TEXT, "Say hello"));
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.slice(0, -1).every((chunk) => chunk.done === false && chunk.message.role === "assistant")).toBe(true);
    expect(content).toContain("“Say hello”");
    expect(final).toMatchObject({ done: true, done_reason: "stop", model: TEXT, message: { role: "assistant", content: "" } });
    expect(final.eval_count).toBe(chunks.length - 1);
    expect(final.eval_duration).toBe(final.eval_count * LATENCY.perToken * 1e6);
    expect(final.prompt_eval_count).toBe(Math.round(2 * 1.3));
    expect(final.prompt_eval_duration).toBeGreaterThan(0);
    expect(final.load_duration).toBeGreaterThanOrEqual(LATENCY.load * 1e6);
    expect(final.total_duration).toBeGreaterThanOrEqual(final.load_duration + final.prompt_eval_duration + final.eval_duration);
    expect((final.eval_count / final.eval_duration) * 1e9).toBeCloseTo(1000 / LATENCY.perToken);
    expect(typeof final.created_at).toBe("string");
  });

  it("answers non-streamed with the same content and metrics in one JSON object", async () => {
    const streamed = await streamChat(ask(TEXT, "Same answer twice"));
    const single = await client.chat(ask(TEXT, "Same answer twice"));
    expect(single.message).toEqual({ role: "assistant", content: streamed.content });
    expect(single).toMatchObject({ done: true, done_reason: "stop", eval_count: streamed.final.eval_count });
    expect(single.total_duration).toBeGreaterThan(0);
    expect(lastChatEntry().stream).toBe(false);
  });

  it("streams by default when the request has no `stream`, like real Ollama", async () => {
    const response = await postRaw("/api/chat", JSON.stringify(ask(TEXT, "default")));
    expect(response.type).toBe("application/x-ndjson");
    const lines = response.text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as ChatResponse);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.at(-1)?.done).toBe(true);
    expect(lastChatEntry().stream).toBeUndefined();
  });

  it("fragments NDJSON mid-line and mid-UTF-8 character, and the client still reassembles it", async () => {
    const chunks = await readRawChunks("/api/chat", { ...ask(TEXT, "fragments"), stream: true });
    expect(chunks.some((chunk) => chunk.at(-1) !== 0x0a)).toBe(true);
    const endsInsideCharacter = (chunk: Buffer) => {
      const last = chunk.at(-1) ?? 0;
      return last >= 0xc0; // a lead byte whose continuation bytes come in the next write
    };
    expect(chunks.some(endsInsideCharacter)).toBe(true);
    const joined = Buffer.concat(chunks).toString("utf8");
    const text = joined
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as ChatResponse).message.content)
      .join("");

    const { content } = await streamChat(ask(TEXT, "fragments"));
    expect(content).toBe(text);
    expect(content).toContain("→");
    expect(content).toContain("café");
  });

  it("counts image tokens into prompt_eval_count for a vision model (1280x720 PNG: 1196 on Qwen2.5-VL, 880 on Qwen3-VL)", async () => {
    const png = makePng(1280, 720);
    const prompt = "Describe this screenshot";
    const without = await client.chat(ask(VISION, prompt));
    const withPng = await client.chat(withImage(VISION, prompt, png));
    expect(withPng.prompt_eval_count - without.prompt_eval_count).toBe(1196);
    expect(withPng.message.content).toContain("1280x720");
    expect(withPng.message.content).toContain(`${png.length} bytes`);

    const qwen3Without = await client.chat(ask("qwen3-vl:4b", prompt, { think: false }));
    const qwen3With = await client.chat(withImage("qwen3-vl:4b", prompt, makePng(1280, 720), { think: false }));
    expect(qwen3With.prompt_eval_count - qwen3Without.prompt_eval_count).toBe(880);
  });

  it("describes images deterministically from what it received", async () => {
    const first = await client.chat(withImage(VISION, "What is shown?", makePng(640, 480)));
    const again = await client.chat(withImage(VISION, "What is shown?", makePng(640, 480)));
    const other = await client.chat(withImage(VISION, "What is shown?", makePng(800, 600)));
    expect(again.message.content).toBe(first.message.content);
    expect(first.message.content).toContain("640x480");
    expect(other.message.content).toContain("800x600");
  });

  it("lets a text-only model ignore images: 200, same prompt count, says it cannot see them", async () => {
    const prompt = "What does this screenshot show?";
    const without = await client.chat(ask(TEXT, prompt));
    const withPng = await client.chat(withImage(TEXT, prompt, makePng(1280, 720)));
    expect(withPng.prompt_eval_count).toBe(without.prompt_eval_count);
    expect(withPng.message.content).toMatch(/cannot see images/);
    expect(lastChatEntry().images).toMatchObject({ count: 1, sizes: [{ width: 1280, height: 720 }] });
  });

  it("rejects a data: URL image with Go's base64 error (400)", async () => {
    const dataUrl = `data:image/png;base64,${makePng(64, 64).toString("base64")}`;
    const error = await caught(client.chat({ model: VISION, messages: [{ role: "user", content: "x", images: [dataUrl] }] }));
    expect(error.name).toBe("ResponseError");
    expect(error.status_code).toBe(400);
    expect(error.message).toBe("illegal base64 data at input byte 4");

    const urlSafe = await postRaw(
      "/api/chat",
      JSON.stringify({ model: VISION, messages: [{ role: "user", content: "x", images: ["ab-d"] }] }),
    );
    expect(urlSafe.status).toBe(400);
    expect(JSON.parse(urlSafe.text)).toEqual({ error: "illegal base64 data at input byte 2" });
  });

  it("crashes the vision runner on a side under 28 px (32 for Qwen3-VL): HTTP 500, model unloaded", async () => {
    const error = await caught(client.chat(withImage(VISION, "tiny", makePng(27, 200))));
    expect(error.status_code).toBe(500);
    expect(error.message).toBe(RUNNER_STOPPED);
    expect((await client.ps()).models).toEqual([]);

    const qwen3 = await caught(client.chat(withImage("qwen3-vl:4b", "tiny", makePng(31, 200), { think: false })));
    expect(qwen3.status_code).toBe(500);
    expect((await client.chat(withImage(VISION, "ok", makePng(31, 200)))).done).toBe(true);
    expect((await client.chat(withImage(TEXT, "tiny", makePng(8, 8)))).done).toBe(true);
  });

  it("honours a JSON Schema `format`: the content is a JSON string that validates", async () => {
    const Screen = z.object({
      description: z.string(),
      elements: z.array(z.string()).min(1),
      width: z.number(),
      has_error: z.boolean(),
      error_text: z.string().nullable(),
      layout: z.object({ columns: z.number().int().min(1) }),
      kind: z.enum(["form", "table"]),
    });
    const format = z.toJSONSchema(Screen);
    const vision = await client.chat(withImage(VISION, "Describe", makePng(320, 200), { format }));
    const parsed = Screen.parse(JSON.parse(vision.message.content));
    expect(parsed.width).toBe(320);
    expect(parsed.error_text).not.toBeNull();
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(format.required as string[]));

    const streamed = await streamChat(ask(TEXT, "Describe the screenshot", { format }));
    const blind = Screen.parse(JSON.parse(streamed.content));
    expect(blind.error_text).toBeNull();
  });

  it('returns a JSON object string for format "json"', async () => {
    const reply = await client.chat(ask(TEXT, "json please", { format: "json" }));
    expect(JSON.parse(reply.message.content)).toMatchObject({ model: TEXT });
  });

  it("handles think: 400 on a model without thinking, thinking text on qwen3, none with think: false", async () => {
    const error = await caught(client.chat(ask(TEXT, "hi", { think: true })));
    expect(error.status_code).toBe(400);
    expect(error.message).toBe('"llama3.2:3b" does not support thinking');

    const thinking = await client.chat(ask("qwen3:4b", "hi", { think: true }));
    expect(thinking.message.thinking).toBeTruthy();
    const quiet = await client.chat(ask("qwen3:4b", "hi", { think: false }));
    expect(quiet.message.thinking).toBeUndefined();
    expect(quiet.eval_count).toBeLessThan(thinking.eval_count);
  });

  it('stops at options.num_predict with done_reason "length"', async () => {
    const { chunks, final } = await streamChat(ask(TEXT, "long answer", { options: { num_predict: 5 } }));
    expect(final.done_reason).toBe("length");
    expect(final.eval_count).toBe(5);
    expect(chunks.length).toBe(6);
  });

  it("answers request errors with Ollama's statuses and texts", async () => {
    expect(await postRaw("/api/chat", "")).toMatchObject({ status: 400, text: '{"error":"missing request body"}' });
    const badJson = await postRaw("/api/chat", "{nope");
    expect(badJson.status).toBe(400);
    expect(badJson.type).toContain("application/json");
    expect(JSON.parse(badJson.text).error).toMatch(/invalid character/);
    expect(await postRaw("/api/chat", JSON.stringify({ messages: [] }))).toMatchObject({
      status: 400,
      text: '{"error":"model is required"}',
    });
    const missing = await caught(client.chat(ask("qwen2.5vl:72b", "hi")));
    expect(missing).toMatchObject({ name: "ResponseError", status_code: 404, message: "model 'qwen2.5vl:72b' not found" });
    const badKeepAlive = await postRaw("/api/chat", JSON.stringify({ ...ask(TEXT, "hi"), keep_alive: "300" }));
    expect(badKeepAlive).toMatchObject({ status: 400, text: '{"error":"time: missing unit in duration \\"300\\""}' });
  });
});

describe("loading and keep_alive", () => {
  it("reports a cold load, then a warm one near 0", async () => {
    const cold = await client.chat(ask(TEXT, "first"));
    const warm = await client.chat(ask(TEXT, "second"));
    expect(cold.load_duration).toBeGreaterThanOrEqual(LATENCY.load * 1e6);
    expect(warm.load_duration).toBeLessThan(1e6);
    expect(warm.load_duration).toBeGreaterThan(0);
  });

  it("unloads after a request with keep_alive: 0, so the next one is cold again", async () => {
    await client.chat(ask(TEXT, "warm up"));
    await client.chat(ask(TEXT, "and go", { keep_alive: 0 }));
    expect((await client.ps()).models).toEqual([]);
    const next = await client.chat(ask(TEXT, "cold again"));
    expect(next.load_duration).toBeGreaterThanOrEqual(LATENCY.load * 1e6);
  });

  it('loads with empty messages (done_reason "load") and unloads with keep_alive 0 ("unload")', async () => {
    const loaded = await client.chat({ model: VISION, messages: [], keep_alive: "30s" });
    expect(loaded).toMatchObject({ done: true, done_reason: "load", message: { role: "assistant", content: "" } });
    const [running] = (await client.ps()).models;
    const expiresIn = Date.parse(String(running?.expires_at)) - Date.now();
    expect(expiresIn).toBeGreaterThan(29_000);
    expect(expiresIn).toBeLessThanOrEqual(30_000);

    const unloaded = await client.chat({ model: VISION, messages: [], keep_alive: 0 });
    expect(unloaded.done_reason).toBe("unload");
    expect((await client.ps()).models).toEqual([]);
  });

  it("keeps a model forever with a negative keep_alive, and reloads when num_ctx changes", async () => {
    await client.chat(ask(TEXT, "stay", { keep_alive: -1 }));
    const [forever] = (await client.ps()).models;
    expect(new Date(String(forever?.expires_at)).getUTCFullYear()).toBeGreaterThan(2200);

    const bigger = await client.chat(ask(TEXT, "more room", { options: { num_ctx: 8192 } }));
    expect(bigger.load_duration).toBeGreaterThanOrEqual(LATENCY.load * 1e6);
    const [reloaded] = (await client.ps()).models as unknown as { context_length: number }[];
    expect(reloaded?.context_length).toBe(8192);
  });
});

describe("failure modes", () => {
  it('"not-found": 404 on chat and show, and the model leaves /api/tags', async () => {
    server.setFailure(VISION, "not-found");
    expect(await caught(client.chat(ask(VISION, "hi")))).toMatchObject({ name: "ResponseError", status_code: 404 });
    expect(await caught(client.show({ model: VISION }))).toMatchObject({ status_code: 404 });
    expect((await client.list()).models.map((model) => model.name)).not.toContain(VISION);
    expect((await client.chat(ask(TEXT, "still here"))).done).toBe(true);
  });

  it('"crash": 500 runner stopped', async () => {
    server.setFailure("*", "crash");
    const error = await caught(client.chat({ ...ask(TEXT, "hi"), stream: true }));
    expect(error).toMatchObject({ name: "ResponseError", status_code: 500, message: RUNNER_STOPPED });
  });

  it('"busy": 503, and a model-specific "none" overrides "*"', async () => {
    server.setFailure("*", "busy");
    server.setFailure(VISION, "none");
    expect(await caught(client.chat(ask(TEXT, "hi")))).toMatchObject({ status_code: 503, message: SERVER_BUSY });
    expect((await client.chat(ask(VISION, "hi"))).done).toBe(true);
  });

  it('"mid-stream-error": 200, some chunks, then the client throws the error line', async () => {
    server.setFailure(TEXT, "mid-stream-error", { afterChunks: 4 });
    const received: string[] = [];
    const error = await caught(
      (async () => {
        for await (const chunk of await client.chat({ ...ask(TEXT, "hi"), stream: true })) received.push(chunk.message.content);
      })(),
    );
    expect(error.name).toBe("Error");
    expect(error.message).toBe(MID_STREAM_ERROR);
    expect(received).toHaveLength(4);
    expect(lastChatEntry()).toMatchObject({ status: 200, error: MID_STREAM_ERROR });
  });

  it('"mid-stream-error" before any output, or on a non-streamed call, is a plain 500', async () => {
    server.setFailure(TEXT, "mid-stream-error", { afterChunks: 0 });
    expect(await caught(client.chat({ ...ask(TEXT, "hi"), stream: true }))).toMatchObject({ name: "ResponseError", status_code: 500 });
    server.setFailure(TEXT, "mid-stream-error", { afterChunks: 3 });
    expect(await caught(client.chat(ask(TEXT, "hi")))).toMatchObject({ status_code: 500, message: MID_STREAM_ERROR });
  });

  it('"crash" also fails a load-only request, and leaves nothing loaded', async () => {
    server.setFailure(VISION, "crash");
    expect(await caught(client.chat({ model: VISION, messages: [] }))).toMatchObject({ status_code: 500 });
    expect((await client.ps()).models).toEqual([]);
  });

  it('"cut-stream": the body ends without done and the client says so', async () => {
    server.setFailure(TEXT, "cut-stream", { afterChunks: 2 });
    const error = await caught(streamChat(ask(TEXT, "hi")));
    expect(error.message).toBe("Did not receive done or success response in stream.");
  });

  it('"slow": a streamed call can be aborted after its first chunk', async () => {
    server.setFailure(TEXT, "slow", { chunkDelayMs: 5_000 });
    const started = Date.now();
    const iterator = await client.chat({ ...ask(TEXT, "hi"), stream: true });
    const received: ChatResponse[] = [];
    const error = await caught(
      (async () => {
        for await (const chunk of iterator) {
          received.push(chunk);
          iterator.abort();
        }
      })(),
    );
    expect(error.name).toBe("AbortError");
    expect(received).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('"slow": a non-streamed call times out through a custom fetch with AbortSignal.timeout', async () => {
    server.setFailure(TEXT, "slow", { chunkDelayMs: 5_000, afterChunks: 0 });
    const timed = new Ollama({ host: server.url, fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(150) }) });
    const error = await caught(timed.chat(ask(TEXT, "hi")));
    expect(error.name).toBe("TimeoutError");
  });

  it("refuses connections once closed, and close() ends open streams promptly", async () => {
    const other = await startOllamaTestServer({ latency: LATENCY });
    const otherClient = new Ollama({ host: other.url });
    other.setFailure("*", "slow", { chunkDelayMs: 10_000 });
    const chunks = (await otherClient.chat({ ...ask(TEXT, "hi"), stream: true }))[Symbol.asyncIterator]();
    expect((await chunks.next()).done).toBe(false);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await caught(chunks.next())).message).toBe("Did not receive done or success response in stream.");
    const refused = await caught(otherClient.version());
    expect(refused).toMatchObject({ name: "TypeError", message: "fetch failed" });
  });
});

describe("pull and delete", () => {
  it("streams pull progress to success, then the model is listed and usable", async () => {
    const progress: ProgressResponse[] = [];
    for await (const line of await client.pull({ model: "qwen3-vl:2b", stream: true })) progress.push(line);
    const statuses = progress.map((line) => line.status);
    expect(statuses[0]).toBe("pulling manifest");
    expect(statuses.slice(-3)).toEqual(["verifying sha256 digest", "writing manifest", "success"]);
    const layers = progress.filter((line) => line.status.startsWith("pulling ") && line.digest);
    expect(new Set(layers.map((line) => line.digest)).size).toBeGreaterThanOrEqual(2);
    for (const line of layers) {
      expect(line.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(line.status).toBe(`pulling ${line.digest.slice(7, 19)}`);
    }
    expect(Math.max(...layers.map((line) => line.total))).toBe(1_900_000_000);
    const weights = layers.filter((line) => line.total === 1_900_000_000 && line.completed);
    expect(weights.length).toBeGreaterThan(2);
    expect(weights.at(-1)?.completed).toBe(1_900_000_000);

    expect((await client.list()).models.map((model) => model.name)).toContain("qwen3-vl:2b");
    expect((await client.show({ model: "qwen3-vl:2b" })).capabilities).toContain("vision");
  });

  it("pulls non-streamed too, and reset() forgets pulled models", async () => {
    expect(await client.pull({ model: "gemma3:1b" })).toEqual({ status: "success" });
    expect((await client.list()).models.map((model) => model.name)).toContain("gemma3:1b");
    server.reset();
    expect((await client.list()).models.map((model) => model.name)).not.toContain("gemma3:1b");
  });

  it("ends a pull of an unknown model with an error line (streamed) or an error status", async () => {
    const streamed = await caught(
      (async () => {
        for await (const line of await client.pull({ model: "no-such-model:7b", stream: true })) void line;
      })(),
    );
    expect(streamed.message).toBe(PULL_NOT_FOUND);
    const single = await caught(client.pull({ model: "no-such-model:7b" }));
    expect(single).toMatchObject({ name: "ResponseError", status_code: 500, message: PULL_NOT_FOUND });
  });

  it("stops a pull the client aborts, without installing the model", async () => {
    server.setLatency({ perToken: 5 });
    const iterator = await client.pull({ model: "gemma3:1b", stream: true });
    const error = await caught(
      (async () => {
        for await (const line of iterator) if (line.completed) iterator.abort();
      })(),
    );
    expect(error.name).toBe("AbortError");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await client.list()).models.map((model) => model.name)).not.toContain("gemma3:1b");
  });

  it("deletes a model (404 when it is not there)", async () => {
    await client.delete({ model: "qwen3:4b" });
    expect((await client.list()).models.map((model) => model.name)).not.toContain("qwen3:4b");
    expect(await caught(client.delete({ model: "qwen3:4b" }))).toMatchObject({ status_code: 404 });
  });
});

describe("control API and request log", () => {
  const control = (path: string, body: unknown) => fetch(`${server.url}/__test/${path}`, { method: "POST", body: JSON.stringify(body) });

  it("switches failure modes, latency and VRAM over HTTP, and resets", async () => {
    expect((await control("failure", { model: TEXT, mode: "busy" })).status).toBe(200);
    expect(await caught(client.chat(ask(TEXT, "hi")))).toMatchObject({ status_code: 503 });
    expect((await control("failure", { model: TEXT, mode: "explode" })).status).toBe(400);

    const latency = await control("latency", { perToken: 3 });
    expect(await latency.json()).toEqual({ ...LATENCY, perToken: 3 });

    expect((await control("vram", { model: VISION, fraction: 1 })).status).toBe(200);
    await client.chat(ask(VISION, "hi"));
    const [running] = (await client.ps()).models;
    expect(running?.size_vram).toBe(running?.size);

    expect((await control("reset", {})).status).toBe(200);
    expect(server.log).toEqual([]);
    const after = await client.chat(ask(TEXT, "hi"));
    expect(after.eval_duration).toBe(after.eval_count * LATENCY.perToken * 1e6);
    expect((await client.ps()).models.map((model) => model.name)).toEqual([TEXT]);
  });

  it("logs what each model received: images, options, format, keep_alive, think", async () => {
    const png = makePng(1280, 720);
    await client.chat(withImage(VISION, "look", png, { options: { temperature: 0, num_ctx: 8192 }, format: "json", keep_alive: "10m" }));
    await client.chat(ask(TEXT, "no image", { think: false }));
    const response = await fetch(`${server.url}/__test/log`);
    const log = (await response.json()) as RequestLogEntry[];
    expect(log).toEqual(server.log);
    const [vision, text] = log.filter((entry) => entry.path === "/api/chat");
    expect(vision).toMatchObject({
      method: "POST",
      model: VISION,
      stream: false,
      images: { count: 1, bytes: [png.length], sizes: [{ width: 1280, height: 720 }] },
      options: { temperature: 0, num_ctx: 8192 },
      format: "json",
      keepAlive: "10m",
      messages: 1,
      status: 200,
    });
    expect(text).toMatchObject({ model: TEXT, images: { count: 0, bytes: [], sizes: [] }, think: false });
    expect(log.some((entry) => entry.path.startsWith("/__test"))).toBe(false);
  });
});
