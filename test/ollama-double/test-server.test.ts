import { request as httpRequest } from "node:http";
import { Ollama, type ChatRequest, type ChatResponse, type ProgressResponse } from "ollama";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { MID_STREAM_ERROR, RUNNER_STOPPED, SERVER_BUSY } from "./chat";
import { makePng } from "./png";
import { PULL_NOT_FOUND } from "./pull";
import { countImageTokens } from "./images";
import {
  DEFAULT_BEHAVIOUR,
  DEFAULT_LATENCY,
  DEFAULT_MODELS,
  DEFAULT_VERSION,
  ENGINES,
  startOllamaTestServer,
  type Engine,
  type OllamaTestServer,
  type RequestLogEntry,
  type StartOptions,
} from "./test-server";

// Fast but non-zero latencies: real waits stay short, and every metric stays computable.
const LATENCY = { load: 20, firstToken: 2, perToken: 1 };
const VISION = "qwen2.5vl:3b";
const TEXT = "llama3.2:3b";

let server: OllamaTestServer;
let client: Ollama;

/** Starts `server`/`client` for the enclosing describe block, reset after each test. */
function useServer(options: () => StartOptions): void {
  beforeAll(async () => {
    server = await startOllamaTestServer({ latency: LATENCY, ...options() });
    client = new Ollama({ host: server.url });
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());
}

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

describe.each(ENGINES)("shared contract on the %s profile", (engine: Engine) => {
  useServer(() => ({ engine }));

  describe("discovery endpoints", () => {
    it("GET /api/version answers the profile's version", async () => {
      expect(await client.version()).toEqual({ version: DEFAULT_VERSION[engine] });
      const response = await fetch(`${server.url}/api/version`);
      expect(response.headers.get("content-type")).toContain("application/json");
    });

    it("GET /api/tags lists installed models with the documented shape, not the pullable ones", async () => {
      const { models } = await client.list();
      const names = models.map((model) => model.name);
      expect(names).toEqual(expect.arrayContaining([VISION, "qwen3-vl:4b", "qwen3-vl:4b-instruct", TEXT, "qwen3:4b"]));
      expect(names).not.toContain("gpt-oss:120b-cloud");
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
      const capabilities = (models as unknown as { name: string; capabilities?: string[] }[]).map((model) => model.capabilities);
      if (engine === "llama-server") expect(capabilities).not.toContain(undefined);
      else expect(capabilities).toEqual(capabilities.map(() => undefined));
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
      // Real Ollama never fills the top-level parser/renderer: the variant shows in the Modelfile only.
      expect(qwen3vl).not.toHaveProperty("parser");
      expect(qwen3vl).not.toHaveProperty("renderer");
      expect(qwen3vl.modelfile).toContain("\nRENDERER qwen3-vl-thinking\nPARSER qwen3-vl-thinking\n");
      const instruct = await client.show({ model: "qwen3-vl:4b-instruct" });
      expect(instruct.capabilities).toEqual(["completion", "vision", "tools"]);
      expect(instruct.modelfile).toContain("\nPARSER qwen3-vl-instruct\n");
      expect(instruct.details).toEqual(qwen3vl.details);
      expect((await client.show({ model: "qwen3:4b" })).modelfile).toMatch(/\nPARSER qwen3-thinking\n/);
      expect(vision.modelfile).not.toMatch(/\nPARSER /);

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

    it("counts image tokens + 2 into prompt_eval_count (1280x720 PNG: 1196 on Qwen2.5-VL; Qwen3-VL 880 on go, 1075 on llama-server)", async () => {
      const png = makePng(1280, 720);
      const prompt = "Describe this screenshot";
      const without = await client.chat(ask(VISION, prompt));
      const withPng = await client.chat(withImage(VISION, prompt, png));
      expect(withPng.prompt_eval_count - without.prompt_eval_count).toBe(1196 + 2);
      expect(withPng.message.content).toContain("1280x720");
      expect(withPng.message.content).toContain(`${png.length} bytes`);

      const qwen3Without = await client.chat(ask("qwen3-vl:4b", prompt, { think: false }));
      const qwen3With = await client.chat(withImage("qwen3-vl:4b", prompt, makePng(1280, 720), { think: false }));
      expect(qwen3With.prompt_eval_count - qwen3Without.prompt_eval_count).toBe((engine === "go" ? 880 : 1075) + 2);
    });

    it("describes images deterministically from what it received", async () => {
      const first = await client.chat(withImage(VISION, "What is shown?", makePng(640, 480)));
      const again = await client.chat(withImage(VISION, "What is shown?", makePng(640, 480)));
      const other = await client.chat(withImage(VISION, "What is shown?", makePng(800, 600)));
      expect(again.message.content).toBe(first.message.content);
      expect(first.message.content).toContain("640x480");
      expect(other.message.content).toContain("800x600");
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
      expect(await latency.json()).toEqual({ ...LATENCY, prefillPerToken: DEFAULT_LATENCY.prefillPerToken, perToken: 3 });

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
});

/** The engine and behaviour a block's tests switch on; reset() puts the defaults back after each test. */
const control = (path: string, body: unknown) => fetch(`${server.url}/__test/${path}`, { method: "POST", body: JSON.stringify(body) });
const chatEntries = () => server.log.filter((entry) => entry.path === "/api/chat");
const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DIFF_TEXT = "Describe this screenshot";

async function imageTokenDelta(model: string, width: number, height: number, extra: ChatExtras = {}): Promise<number> {
  const without = await client.chat(ask(model, DIFF_TEXT, extra));
  const withPng = await client.chat(withImage(model, DIFF_TEXT, makePng(width, height), extra));
  return withPng.prompt_eval_count - without.prompt_eval_count;
}

describe("engine profiles", () => {
  useServer(() => ({}));

  it("defaults to llama-server 0.32.15; a version picks the engine; reset restores the start profile", async () => {
    expect(server.profile).toEqual({ engine: "llama-server", version: "0.32.15" });
    const cases: [unknown, unknown][] = [
      [{ engine: "go" }, { engine: "go", version: "0.24.0" }],
      [{ version: "0.30.0-rc0" }, { engine: "llama-server", version: "0.30.0-rc0" }],
      [{ version: "0.25.0-rc0" }, { engine: "go", version: "0.25.0-rc0" }],
      [{ version: "0.12.10" }, { engine: "go", version: "0.12.10" }],
      [{ engine: "llama-server" }, { engine: "llama-server", version: "0.32.15" }],
    ];
    for (const [body, profile] of cases) {
      const response = await control("engine", body);
      expect(await response.json()).toEqual(profile);
      expect(await client.version()).toEqual({ version: (profile as { version: string }).version });
    }
    expect((await control("engine", { engine: "cgo" })).status).toBe(400);
    expect((await control("engine", { version: "latest" })).status).toBe(400);
    await control("engine", { engine: "go" });
    expect((await control("reset", {})).status).toBe(200);
    expect(await client.version()).toEqual({ version: "0.32.15" });

    const other = await startOllamaTestServer({ version: "0.24.0" });
    try {
      expect(other.profile).toEqual({ engine: "go", version: "0.24.0" });
      other.setEngine("llama-server");
      other.reset();
      expect(other.profile).toEqual({ engine: "go", version: "0.24.0" });
    } finally {
      await other.close();
    }
  });

  it.each([
    [1920, 1080, 2691, 2040],
    [1280, 800, 1334, 1066],
    [300, 200, 1080, 1080],
    [56, 56, 1024, 1024],
  ])("llama-server: %ix%i costs %i (Qwen2.5-VL) / %i (Qwen3-VL) tokens + 2", async (width, height, qwen25, qwen3) => {
    expect(await imageTokenDelta(VISION, width, height)).toBe(qwen25 + 2);
    expect(await imageTokenDelta("qwen3-vl:4b-instruct", width, height)).toBe(qwen3 + 2);
  });

  it.each([
    [1920, 1080],
    [300, 200],
    [64, 64],
  ])("go: %ix%i costs SmartResize tokens + 2 (2 MiP cap)", async (width, height) => {
    server.setEngine("go");
    const qwen25 = countImageTokens({ width, height }, { factor: 28, minPixels: 56 * 56, maxPixels: 2 << 20 });
    const qwen3 = countImageTokens({ width, height }, { factor: 32, minPixels: 64 << 10, maxPixels: 2 << 20 });
    expect(await imageTokenDelta(VISION, width, height)).toBe(qwen25 + 2);
    expect(await imageTokenDelta("qwen3-vl:4b-instruct", width, height)).toBe(qwen3 + 2);
  });

  it("go before 0.13.4: Qwen2.5-VL capped at 1 MP (1920x1080 costs 1222 + 2)", async () => {
    server.setEngine(undefined, "0.13.3");
    expect(await imageTokenDelta(VISION, 1920, 1080)).toBe(1222 + 2);
    server.setEngine(undefined, "0.13.4");
    expect(await imageTokenDelta(VISION, 1920, 1080)).toBe(2584 + 2);
  });

  it("go: a side under 28 px (32 on Qwen3-VL) crashes the runner: 500, model unloaded", async () => {
    server.setEngine("go");
    const error = await caught(client.chat(withImage(VISION, "tiny", makePng(27, 200))));
    expect(error).toMatchObject({ status_code: 500, message: RUNNER_STOPPED });
    expect((await client.ps()).models).toEqual([]);
    const qwen3 = await caught(client.chat(withImage("qwen3-vl:4b-instruct", "tiny", makePng(31, 200))));
    expect(qwen3.status_code).toBe(500);
    expect((await client.ps()).models).toEqual([]);
    expect((await client.chat(withImage(VISION, "ok", makePng(31, 200)))).done).toBe(true);
  });

  it("llama-server: a tiny crop does not crash, it is upscaled to the 1024-token minimum", async () => {
    expect(await imageTokenDelta(VISION, 20, 20)).toBe(1024 + 2);
    const reply = await client.chat(withImage("qwen3-vl:4b-instruct", "tiny", makePng(31, 200)));
    expect(reply.message.content).toContain("31x200");
    expect((await client.ps()).models.map((model) => model.name)).toContain("qwen3-vl:4b-instruct");
  });

  it("go: a text-only model ignores images (200, same prompt count, says it cannot see them)", async () => {
    server.setEngine("go");
    const prompt = "What does this screenshot show?";
    const without = await client.chat(ask(TEXT, prompt));
    const withPng = await client.chat(withImage(TEXT, prompt, makePng(1280, 720)));
    expect(withPng.prompt_eval_count).toBe(without.prompt_eval_count);
    expect(withPng.message.content).toMatch(/cannot see images/);
    expect(lastChatEntry()).toMatchObject({ images: { count: 1, sizes: [{ width: 1280, height: 720 }] }, imagesSeen: 0 });
  });

  it("llama-server: images to a text-only model are a 400 with llama-server's raw JSON as the error", async () => {
    const error = await caught(client.chat(withImage(TEXT, "What is this?", makePng(64, 64))));
    expect(error).toMatchObject({ name: "ResponseError", status_code: 400 });
    expect(error.message).toBe(
      '{"error":{"code":400,"message":"Multimodal data provided, but model does not support multimodal requests.","type":"invalid_request_error"}}',
    );
    const raw = await postRaw(
      "/api/chat",
      JSON.stringify({ model: TEXT, messages: [{ role: "user", content: "x", images: [makePng(8, 8).toString("base64")] }] }),
    );
    expect(raw.status).toBe(400);
    expect(raw.text).toBe(
      '{"error":"{\\"error\\":{\\"code\\":400,\\"message\\":\\"Multimodal data provided, but model does not support multimodal requests.\\",\\"type\\":\\"invalid_request_error\\"}}"}',
    );
  });

  it("llama-server: a prompt with an image over num_ctx is a 400 exceed_context_size_error", async () => {
    const tokens = Math.round(2 * 1.3) + 2691 + 2;
    const error = await caught(client.chat(withImage(VISION, "Describe it", makePng(1920, 1080), { options: { num_ctx: 2048 } })));
    expect(error.status_code).toBe(400);
    expect(JSON.parse(error.message)).toEqual({
      error: {
        code: 400,
        message: `request (${tokens} tokens) exceeds the available context size (2048 tokens), try increasing it`,
        type: "exceed_context_size_error",
        n_prompt_tokens: tokens,
        n_ctx: 2048,
      },
    });
    expect(error.message).toBe(
      `{"error":{"code":400,"message":"request (${tokens} tokens) exceeds the available context size (2048 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":${tokens},"n_ctx":2048}}`,
    );
  });

  it("go: a prompt over num_ctx is truncated silently, and the image is dropped", async () => {
    server.setEngine("go");
    const reply = await client.chat(withImage(VISION, "Describe it", makePng(1920, 1080), { options: { num_ctx: 2048 } }));
    expect(reply.done_reason).toBe("stop");
    expect(reply.prompt_eval_count).toBeLessThanOrEqual(2048);
    expect(reply.message.content).toContain("No image was attached");
    expect(lastChatEntry()).toMatchObject({ imagesSeen: 0, images: { count: 1 } });
  });

  it("both: a text-only prompt over num_ctx is truncated, not refused", async () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");
    const llama = await client.chat(ask(TEXT, long, { options: { num_ctx: 64 } }));
    expect(llama.prompt_eval_count).toBe(64 - Math.floor((64 - 4) / 2));
    server.setEngine("go");
    const go = await client.chat(ask(TEXT, long, { options: { num_ctx: 64 } }));
    expect(go.prompt_eval_count).toBe(64);
  });

  it("404 text follows the version (0.12+: model 'x' not found)", async () => {
    expect((await caught(client.chat(ask("nope:1b", "hi")))).message).toBe("model 'nope:1b' not found");
    server.setEngine(undefined, "0.11.4");
    expect((await caught(client.chat(ask("nope:1b", "hi")))).message).toBe('model "nope:1b" not found, try pulling it first');
  });

  it.each(ENGINES)("%s: num_predict stops with done_reason length, and thinking tokens count", async (engine) => {
    server.setEngine(engine);
    const { chunks, final } = await streamChat(ask("qwen3:4b", "long answer", { options: { num_predict: 7 } }));
    expect(final).toMatchObject({ done_reason: "length", eval_count: 7 });
    expect(chunks.slice(0, -1).every((chunk) => chunk.message.thinking && chunk.message.content === "")).toBe(true);
    const full = await client.chat(ask("qwen3:4b", "long answer"));
    expect(full.done_reason).toBe("stop");
    expect(full.eval_count).toBeGreaterThan(7);
    expect(full.message.thinking).toBeTruthy();
  });
});

describe("thinking variants", () => {
  useServer(() => ({}));
  const THINKER = "qwen3-vl:4b";
  const INSTRUCT = "qwen3-vl:4b-instruct";
  const Screen = z.object({ title: z.string(), description: z.string(), width: z.number() });
  const format = z.toJSONSchema(Screen);

  async function streamParts(request: ChatRequest) {
    const { chunks, final } = await streamChat(request);
    const body = chunks.slice(0, -1);
    return {
      final,
      thinking: body.map((chunk) => chunk.message.thinking ?? "").join(""),
      content: body.map((chunk) => chunk.message.content).join(""),
      thinkingFirst: body.findIndex((chunk) => chunk.message.content !== "") > body.findIndex((chunk) => chunk.message.thinking),
      everyContentEmpty: body.every((chunk) => chunk.message.content === ""),
    };
  }

  it("llama-server 0.31.2+: think:false with a schema format puts the JSON in thinking, content empty throughout", async () => {
    const png = makePng(640, 400);
    const streamed = await streamParts(withImage(THINKER, "Describe", png, { think: false, format }));
    expect(streamed.everyContentEmpty).toBe(true);
    expect(Screen.parse(JSON.parse(streamed.thinking)).width).toBe(640);
    expect(streamed.final.eval_count).toBeGreaterThan(0);

    const single = await client.chat(withImage(THINKER, "Describe", png, { think: false, format }));
    expect(single.message.content).toBe("");
    expect(Screen.parse(JSON.parse(single.message.thinking ?? ""))).toBeTruthy();
    expect(lastChatEntry()).toMatchObject({ contentChars: 0, think: false });
    expect(lastChatEntry().thinkingChars).toBeGreaterThan(10);

    server.setEngine(undefined, "0.31.2");
    expect((await client.chat(withImage(THINKER, "Describe", png, { think: false, format }))).message.content).toBe("");
  });

  it.each<[string, { engine?: Engine; version?: string }, ChatExtras]>([
    ["go engine", { engine: "go" }, { think: false, format }],
    ["llama-server before 0.31.2", { version: "0.31.1" }, { think: false, format }],
    ["think: true", {}, { think: true, format }],
    ["think absent", {}, { format }],
  ])("%s: thinking first, then the schema JSON in content", async (_, profile, extra) => {
    server.setEngine(profile.engine, profile.version);
    const parts = await streamParts(withImage(THINKER, "Describe", makePng(640, 400), extra));
    expect(parts.thinking).toMatch(/^The user sent 1 image\(s\) and asked “Describe”\. The first image is 640x400 pixels;/);
    expect(parts.thinkingFirst).toBe(true);
    expect(Screen.parse(JSON.parse(parts.content)).width).toBe(640);
  });

  it("without a format, think:false still thinks first, then answers in prose", async () => {
    const parts = await streamParts(ask(THINKER, "What is a toggle?", { think: false }));
    expect(parts.thinking.split(". ").length).toBeGreaterThanOrEqual(3);
    expect(parts.content).toContain("No image was attached");
    const again = await streamParts(ask(THINKER, "What is a toggle?", { think: false }));
    expect(again.thinking).toBe(parts.thinking);
    expect(again.final.eval_count).toBe(parts.final.eval_count);
  });

  it("the instruct variant never thinks, and think:true on it is a 400", async () => {
    const parts = await streamParts(withImage(INSTRUCT, "Describe", makePng(320, 200), { format }));
    expect(parts.thinking).toBe("");
    expect(Screen.parse(JSON.parse(parts.content)).width).toBe(320);
    const error = await caught(client.chat(ask(INSTRUCT, "hi", { think: true })));
    expect(error).toMatchObject({ status_code: 400, message: '"qwen3-vl:4b-instruct" does not support thinking' });
  });

  it("POST /__test/thinking switches whether a thinking model ignores think:false", async () => {
    expect((await client.chat(ask("qwen3:4b", "hi", { think: false }))).message.thinking).toBeUndefined();
    expect((await control("thinking", { model: "qwen3:4b", ignoresThinkFalse: true })).status).toBe(200);
    expect((await client.chat(ask("qwen3:4b", "hi", { think: false }))).message.thinking).toBeTruthy();

    server.setThinking(THINKER, { ignoresThinkFalse: false });
    const honoured = await client.chat(ask(THINKER, "hi", { think: false, format }));
    expect(honoured.message.thinking).toBeUndefined();
    expect(Screen.parse(JSON.parse(honoured.message.content))).toBeTruthy();

    expect((await control("thinking", { model: TEXT, ignoresThinkFalse: true })).status).toBe(400);
    expect((await control("thinking", { model: "nope:1b", ignoresThinkFalse: true })).status).toBe(404);
    server.reset();
    expect((await client.chat(ask("qwen3:4b", "hi", { think: false }))).message.thinking).toBeUndefined();
  });
});

describe("behaviours", () => {
  useServer(() => ({}));

  it("documents its defaults and switches them over HTTP (unknown keys are a 400); reset restores them", async () => {
    expect(server.behaviour).toEqual({
      holdHeaders: true,
      serialiseLoads: true,
      memoryBudgetBytes: null,
      promptCache: true,
      cloudStub: false,
      pullOffline: false,
      parallelPerModel: 1,
    });
    expect(DEFAULT_BEHAVIOUR).toEqual(server.behaviour);
    const response = await control("behaviour", { cloudStub: true, memoryBudgetBytes: 1e10 });
    expect(await response.json()).toMatchObject({ cloudStub: true, memoryBudgetBytes: 1e10, holdHeaders: true });
    expect(await (await fetch(`${server.url}/__test/behaviour`)).json()).toEqual(server.behaviour);
    expect((await control("behaviour", { holdHeader: false })).status).toBe(400);
    expect((await control("behaviour", { promptCache: "no" })).status).toBe(400);
    server.reset();
    expect(server.behaviour).toEqual(DEFAULT_BEHAVIOUR);

    const configured = await startOllamaTestServer({ pullOffline: true, holdHeaders: false });
    try {
      expect(configured.behaviour).toMatchObject({ pullOffline: true, holdHeaders: false, promptCache: true });
    } finally {
      await configured.close();
    }
  });

  it("holdHeaders: no headers during the load, so only an abort passed into fetch cancels it; logged as aborted", async () => {
    server.setLatency({ load: 1500 });
    const controller = new AbortController();
    const abortable = new Ollama({
      host: server.url,
      fetch: (input, init) =>
        fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal }),
    });
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const error = await caught(abortable.chat({ ...ask(TEXT, "hi"), stream: true }));
    expect(error.name).toBe("AbortError");
    // Cut off well before the 1.5 s load was over (with room for a busy machine).
    expect(Date.now() - started).toBeLessThan(1000);
    await sleepMs(50);
    expect(lastChatEntry()).toMatchObject({ aborted: true });
    expect(lastChatEntry().status).toBeUndefined();
    expect((await client.ps()).models).toEqual([]);
  });

  it("holdHeaders off: headers at once, so the client gets its stream (and can abort it) during the load", async () => {
    server.setBehaviour({ holdHeaders: false });
    server.setLatency({ load: 2000 });
    const started = Date.now();
    const iterator = await client.chat({ ...ask(TEXT, "hi"), stream: true });
    // Long before the 2 s load is over (with room for a busy machine).
    expect(Date.now() - started).toBeLessThan(1000);
    iterator.abort();
    expect((await caught((async () => void (await iterator[Symbol.asyncIterator]().next()))())).name).toBe("AbortError");
    await sleepMs(50);
    expect(lastChatEntry()).toMatchObject({ status: 200, aborted: true });
    expect((await client.ps()).models).toEqual([]);

    // An error after the headers can only be a line in the body.
    server.setLatency({ load: 5 });
    server.setFailure(TEXT, "crash");
    const raw = await postRaw("/api/chat", JSON.stringify({ ...ask(TEXT, "hi"), stream: true }));
    expect(raw).toMatchObject({ status: 200, text: `${JSON.stringify({ error: RUNNER_STOPPED })}\n` });
  });

  it("serialiseLoads: two cold models at once load one after the other; the wait is in load_duration", async () => {
    server.setLatency({ load: 200 });
    const [first, second] = await Promise.all([client.chat(ask(TEXT, "a")), client.chat(ask("qwen3:4b", "b", { think: false }))]);
    const [earlier, later] = [first, second].sort((a, b) => a.load_duration - b.load_duration);
    expect(earlier?.load_duration).toBeGreaterThanOrEqual(200e6);
    // Its own load and most of the other's: the two requests reach the scheduler a moment apart.
    expect(later?.load_duration).toBeGreaterThanOrEqual(200e6 + 180e6);

    // A warm model skips the queue while another one loads.
    const loading = client.chat(ask(VISION, "c"));
    await sleepMs(20);
    const warm = await client.chat(ask(TEXT, "d"));
    expect(warm.load_duration).toBeLessThan(1e6);
    expect((await loading).load_duration).toBeGreaterThanOrEqual(200e6);

    server.reset();
    server.setBehaviour({ serialiseLoads: false });
    server.setLatency({ load: 200 });
    const parallel = await Promise.all([client.chat(ask(TEXT, "a")), client.chat(ask("qwen3:4b", "b", { think: false }))]);
    for (const reply of parallel) expect(reply.load_duration).toBeLessThan(380e6);
  });

  it("memoryBudgetBytes: models that do not fit together evict each other (LRU) and reload every time", async () => {
    const ps = async () => (await client.ps()).models.map((model) => model.name);
    await client.chat(ask(TEXT, "size me"));
    const [textSize] = (await client.ps()).models.map((model) => model.size);
    server.reset();
    server.setBehaviour({ memoryBudgetBytes: (textSize ?? 0) + 1_000_000_000 });
    server.setLatency({ load: 30 });

    const a1 = await client.chat(ask(TEXT, "one"));
    const b1 = await client.chat(ask("qwen3:4b", "two", { think: false }));
    const a2 = await client.chat(ask(TEXT, "three"));
    const a3 = await client.chat(ask(TEXT, "four"));
    expect([a1, b1, a2].map((reply) => reply.load_duration >= 30e6)).toEqual([true, true, true]);
    expect(a3.load_duration).toBeLessThan(1e6);
    expect(await ps()).toEqual([TEXT]);
    expect(chatEntries().map((entry) => entry.evicted ?? [])).toEqual([[], [TEXT], ["qwen3:4b"], []]);

    // The eviction waits for the victim's request in flight; that wait is in load_duration.
    server.setFailure(TEXT, "slow", { afterChunks: 1, chunkDelayMs: 10_000 });
    const iterator = await client.chat({ ...ask(TEXT, "busy"), stream: true });
    const pending = client.chat(ask("qwen3:4b", "wait for it", { think: false }));
    setTimeout(() => iterator.abort(), 300);
    await caught((async () => void (await iterator[Symbol.asyncIterator]().next(), await iterator[Symbol.asyncIterator]().next()))());
    expect((await pending).load_duration).toBeGreaterThanOrEqual(300e6);
    expect(await ps()).toEqual(["qwen3:4b"]);
  });

  it("promptCache: the same image again counts the same tokens but only the uncached prefill", async () => {
    // The image's prefill (1,198 tokens) takes about a second uncached: a second request that takes
    // less than that did not wait for it, however busy the machine.
    const prefillPerToken = 0.8;
    server.setLatency({ prefillPerToken });
    const png = makePng(1280, 720);
    const first = await client.chat(withImage(VISION, "What is shown?", png));
    let started = performance.now();
    const second = await client.chat(withImage(VISION, "And the header?", png));
    const secondMs = performance.now() - started;
    expect(second.prompt_eval_count).toBe(first.prompt_eval_count);
    expect(first.prompt_eval_duration).toBeGreaterThanOrEqual(1198 * prefillPerToken * 1e6);
    expect(second.prompt_eval_duration).toBeLessThan(first.prompt_eval_duration / 10);
    expect(secondMs).toBeLessThan(1198 * prefillPerToken);
    expect(chatEntries().map((entry) => entry.cachedTokens)).toEqual([0, 1198]);

    // Another image misses; switched off, nothing is cached.
    const other = await client.chat(withImage(VISION, "What is shown?", makePng(640, 480)));
    expect(other.prompt_eval_duration).toBeGreaterThan(second.prompt_eval_duration);
    server.setBehaviour({ promptCache: false });
    started = performance.now();
    const uncached = await client.chat(withImage(VISION, "What is shown?", makePng(640, 480)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(other.prompt_eval_count * prefillPerToken * 0.9);
    expect(uncached.prompt_eval_duration).toBe(other.prompt_eval_duration);
  });

  it("cloudStub: /api/tags lists gpt-oss:120b-cloud; show and chat on it fail with 502 (ollama.com unreachable)", async () => {
    expect((await client.list()).models.map((model) => model.name)).not.toContain("gpt-oss:120b-cloud");
    server.setBehaviour({ cloudStub: true });
    const stub = (await client.list()).models.find((model) => model.name === "gpt-oss:120b-cloud");
    expect(stub).toMatchObject({
      model: "gpt-oss:120b-cloud",
      remote_model: "gpt-oss:120b",
      remote_host: "https://ollama.com:443",
      size: 384,
    });
    const show = await caught(client.show({ model: "gpt-oss:120b-cloud" }));
    expect(show).toMatchObject({
      status_code: 502,
      message: 'Post "https://ollama.com:443/api/show": dial tcp: lookup ollama.com: no such host',
    });
    const chat = await caught(client.chat(ask("gpt-oss:120b-cloud", "hi")));
    expect(chat).toMatchObject({
      status_code: 502,
      message: 'Post "https://ollama.com:443/api/chat": dial tcp: lookup ollama.com: no such host',
    });
  });

  it("pullOffline: every pull ends after 'pulling manifest' with the DNS error (not 'file does not exist')", async () => {
    server.setBehaviour({ pullOffline: true });
    const lines: string[] = [];
    const streamed = await caught(
      (async () => {
        for await (const line of await client.pull({ model: "qwen3-vl:2b", stream: true })) lines.push(line.status);
      })(),
    );
    expect(lines).toEqual(["pulling manifest"]);
    expect(streamed.message).toBe(
      'pull model manifest: Get "https://registry.ollama.ai/v2/library/qwen3-vl/manifests/2b": dial tcp: lookup registry.ollama.ai: no such host',
    );
    const single = await caught(client.pull({ model: "gemma3" }));
    expect(single).toMatchObject({
      status_code: 500,
      message:
        'pull model manifest: Get "https://registry.ollama.ai/v2/library/gemma3/manifests/latest": dial tcp: lookup registry.ollama.ai: no such host',
    });
    expect((await client.list()).models.map((model) => model.name)).not.toContain("qwen3-vl:2b");
    server.setBehaviour({ pullOffline: false });
    expect((await caught(client.pull({ model: "no-such-model:7b" }))).message).toBe(PULL_NOT_FOUND);
  });

  it('"repeat": 31 identical whitespace tokens, then the body ends without done (200 done:false non-streamed)', async () => {
    server.setFailure(TEXT, "repeat", { afterChunks: 3 });
    const received: string[] = [];
    const error = await caught(
      (async () => {
        for await (const chunk of await client.chat({ ...ask(TEXT, "json please", { format: "json" }), stream: true })) {
          received.push(chunk.message.content);
        }
      })(),
    );
    expect(error.message).toBe("Did not receive done or success response in stream.");
    expect(received).toHaveLength(3 + 31);
    expect(received.slice(3)).toEqual(Array.from({ length: 31 }, () => "\n"));

    const single = await client.chat(ask(TEXT, "json please", { format: "json" }));
    expect(single.done).toBe(false);
    expect(single.message.content.endsWith("\n".repeat(31))).toBe(true);
    expect(single).not.toHaveProperty("eval_count");
    expect((await control("failure", { model: TEXT, mode: "repeat" })).status).toBe(200);
  });
});
