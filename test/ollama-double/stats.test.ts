import { Ollama, type ChatRequest, type ChatResponse } from "ollama";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startOllamaTestServer, type ChatOutcome, type OllamaTestServer, type RequestLogEntry, type ServerStats } from "./test-server";

const LATENCY = { load: 20, firstToken: 2, perToken: 1 };
const TEXT = "llama3.2:3b";
const OTHER = "qwen3:4b";
const VISION = "qwen2.5vl:3b";
const EMPTY_STATS: ServerStats = { chats: {}, maxConcurrent: 0, requests: 0 };

let server: OllamaTestServer;
let client: Ollama;

beforeAll(async () => {
  server = await startOllamaTestServer({ latency: LATENCY });
  client = new Ollama({ host: server.url });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const ask = (model: string, content: string, extra: Partial<ChatRequest> = {}): ChatRequest & { stream?: false } => ({
  model,
  messages: [{ role: "user", content }],
  think: model === OTHER ? false : undefined,
  ...extra,
  stream: false,
});
const control = (path: string, body: unknown) => fetch(`${server.url}/__test/${path}`, { method: "POST", body: JSON.stringify(body) });
const chatEntries = () => server.log.filter((entry) => entry.path === "/api/chat");
const entryWith = (clientRequestId: string): RequestLogEntry | undefined =>
  server.log.find((entry) => entry.clientRequestId === clientRequestId);
const sleepMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const idNumber = (entry: RequestLogEntry) => Number(entry.id.slice(1));
/** The request got past the scheduler (coldLoad is set there): it is generating or waiting for a runner slot. */
const untilScheduled = (clientRequestId: string) => expect.poll(() => entryWith(clientRequestId)?.coldLoad).toBeDefined();

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

async function streamChat(request: ChatRequest): Promise<ChatResponse[]> {
  const chunks: ChatResponse[] = [];
  for await (const chunk of await client.chat({ ...request, stream: true })) chunks.push(chunk);
  return chunks;
}

/** A streamed chat that has sent its first chunk and then holds its runner slot until abort(). */
async function holdModel(model: string): Promise<{ abort: () => void }> {
  server.setFailure(model, "slow", { afterChunks: 1, chunkDelayMs: 10_000 });
  const iterator = await client.chat({ ...ask(model, "hold the runner"), stream: true });
  await iterator[Symbol.asyncIterator]().next();
  server.setFailure(model, "none");
  return { abort: () => iterator.abort() };
}

/** A non-streamed chat through fetch, tagged with X-Request-Id, that the test can abort. */
function taggedChat(model: string, clientRequestId: string, signal?: AbortSignal): Promise<unknown> {
  return fetch(`${server.url}/api/chat`, {
    method: "POST",
    body: JSON.stringify(ask(model, clientRequestId)),
    headers: { "X-Request-Id": clientRequestId },
    signal,
  }).then(
    (response) => response.json(),
    (error: unknown) => error,
  );
}

describe("request log ids and outcomes", () => {
  it("gives every /api request an id, unique and increasing for the server's life (across resets), and endedAt", async () => {
    await client.version();
    await client.list();
    await client.chat(ask(TEXT, "hi"));
    await client.show({ model: TEXT });
    await fetch(`${server.url}/__test/behaviour`);
    await expect.poll(() => server.log.every((entry) => entry.endedAt !== undefined)).toBe(true);

    const log = server.log;
    expect(log.map((entry) => entry.path)).toEqual(["/api/version", "/api/tags", "/api/chat", "/api/show"]);
    expect(log.every((entry) => /^r\d+$/.test(entry.id))).toBe(true);
    const numbers = log.map(idNumber);
    expect(numbers.slice(1).every((value, index) => value > (numbers[index] ?? Infinity))).toBe(true);
    for (const entry of log) expect(entry.endedAt).toBeGreaterThanOrEqual(entry.at);
    expect(((await (await fetch(`${server.url}/__test/log`)).json()) as RequestLogEntry[]).map((entry) => entry.id)).toEqual(
      log.map((entry) => entry.id),
    );

    server.reset();
    await client.version();
    expect(idNumber(server.log[0] as RequestLogEntry)).toBeGreaterThan(Math.max(...numbers));
  });

  it("records X-Request-Id as clientRequestId; endedAt and outcome stay unset while the chat runs", async () => {
    server.setFailure(TEXT, "slow", { chunkDelayMs: 10_000 });
    const leaving = new AbortController();
    const response = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      body: JSON.stringify({ ...ask(TEXT, "hi"), stream: true }),
      headers: { "X-Request-Id": "job-42" },
      signal: leaving.signal,
    });
    await response.body?.getReader().read();
    const entry = entryWith("job-42");
    expect(entry).toMatchObject({ status: 200, path: "/api/chat" });
    expect(entry?.endedAt).toBeUndefined();
    expect(entry?.outcome).toBeUndefined();

    leaving.abort();
    await expect.poll(() => entry?.outcome).toBe("aborted");
    expect(entry).toMatchObject({ aborted: true });
    expect(entry?.endedAt).toBeGreaterThanOrEqual(entry?.at ?? Infinity);
    expect(server.log.filter((item) => item.clientRequestId !== undefined)).toHaveLength(1);
  });

  it('outcome: "completed" streamed or not, "aborted" when the client leaves mid-stream, "failed" for error statuses, error lines and cuts', async () => {
    await streamChat(ask(TEXT, "streamed"));
    await client.chat(ask(TEXT, "single"));

    server.setFailure(TEXT, "slow", { chunkDelayMs: 10_000 });
    const iterator = await client.chat({ ...ask(TEXT, "leave me"), stream: true });
    const aborted = await caught(
      (async () => {
        for await (const chunk of iterator) if (chunk) iterator.abort();
      })(),
    );
    expect(aborted.name).toBe("AbortError");

    server.setFailure(TEXT, "mid-stream-error", { afterChunks: 2 });
    await caught(streamChat(ask(TEXT, "error line")));
    server.setFailure(TEXT, "crash");
    await caught(client.chat(ask(TEXT, "500")));
    server.setFailure(TEXT, "cut-stream", { afterChunks: 1 });
    await caught(streamChat(ask(TEXT, "cut")));
    server.setFailure(TEXT, "repeat", { afterChunks: 1 });
    expect((await client.chat(ask(TEXT, "repeat guard"))).done).toBe(false);
    server.setFailure(TEXT, "none");
    await caught(client.chat(ask("no-such-model:7b", "404")));

    const expected: ChatOutcome[] = ["completed", "completed", "aborted", "failed", "failed", "failed", "failed", "failed"];
    await expect.poll(() => chatEntries().map((entry) => entry.outcome)).toEqual(expected);
    expect(chatEntries().map((entry) => entry.status)).toEqual([200, 200, 200, 200, 500, 200, 200, 404]);
    expect(server.log.filter((entry) => entry.path !== "/api/chat").every((entry) => entry.outcome === undefined)).toBe(true);
  });
});

describe("stats", () => {
  it("counts per model completed, aborted, failed and loads (an empty `messages` is a load, not a generation); reset clears them", async () => {
    expect(server.stats()).toEqual(EMPTY_STATS);
    expect(await (await fetch(`${server.url}/__test/stats`)).json()).toEqual(EMPTY_STATS);

    expect((await client.chat({ model: TEXT, messages: [] })).done_reason).toBe("load");
    await client.chat(ask(TEXT, "a"));
    await streamChat(ask(TEXT, "b"));
    await client.chat(ask(VISION, "c"));
    server.setFailure(TEXT, "busy");
    await caught(client.chat(ask(TEXT, "d")));
    server.setFailure(TEXT, "slow", { afterChunks: 0, chunkDelayMs: 10_000 });
    const leaving = new AbortController();
    const left = taggedChat(TEXT, "left", leaving.signal);
    await untilScheduled("left");
    server.setFailure(TEXT, "none");
    leaving.abort();
    expect(await left).toMatchObject({ name: "AbortError" });
    expect((await client.chat({ model: TEXT, messages: [], keep_alive: 0 })).done_reason).toBe("unload");
    await caught(client.chat(ask("no-such-model:7b", "e")));
    await client.list();

    const expected: ServerStats = {
      chats: {
        [TEXT]: { completed: 2, aborted: 1, failed: 1, loads: 2, maxConcurrent: 1 },
        [VISION]: { completed: 1, aborted: 0, failed: 0, loads: 0, maxConcurrent: 1 },
        "no-such-model:7b": { completed: 0, aborted: 0, failed: 1, loads: 0, maxConcurrent: 0 },
      },
      maxConcurrent: 1,
      requests: 9,
    };
    await expect.poll(() => server.stats()).toEqual(expected);
    expect(await (await fetch(`${server.url}/__test/stats`)).json()).toEqual(expected);
    expect(chatEntries().find((entry) => entry.doneReason === "load")?.outcome).toBe("completed");

    server.reset();
    expect(server.stats()).toEqual(EMPTY_STATS);
    await client.chat(ask(TEXT, "again"));
    expect(server.stats().chats[TEXT]).toMatchObject({ completed: 1 });
    expect((await control("reset", {})).status).toBe(200);
    expect(await (await fetch(`${server.url}/__test/stats`)).json()).toEqual(EMPTY_STATS);
  });

  it("stats() is a copy: changing it changes nothing", async () => {
    await client.chat(ask(TEXT, "a"));
    const copy = server.stats();
    (copy.chats[TEXT] as { completed: number }).completed = 99;
    copy.requests = 99;
    expect(server.stats()).toMatchObject({ requests: 1, chats: { [TEXT]: { completed: 1 } } });
  });
});

describe("parallelPerModel", () => {
  const served = (reply: ChatResponse) => reply.prompt_eval_duration + reply.eval_duration;

  it("defaults to 1, as OLLAMA_NUM_PARALLEL does; null lets two chats to one model generate at once", async () => {
    expect(server.behaviour.parallelPerModel).toBe(1);
    server.setBehaviour({ parallelPerModel: null });
    server.setLatency({ perToken: 4 });
    await client.chat({ model: TEXT, messages: [] });
    await Promise.all([client.chat(ask(TEXT, "first")), client.chat(ask(TEXT, "second"))]);
    expect(server.stats().chats[TEXT]?.maxConcurrent).toBe(2);
  });

  it("1: two chats to one model take turns; the wait is in total_duration, not in load_duration or prompt_eval_duration", async () => {
    server.setBehaviour({ parallelPerModel: 1 });
    server.setLatency({ perToken: 4 });
    await client.chat({ model: TEXT, messages: [] });
    const replies = await Promise.all([client.chat(ask(TEXT, "first")), client.chat(ask(TEXT, "second"))]);
    const [first, second] = replies.sort((a, b) => a.total_duration - b.total_duration) as [ChatResponse, ChatResponse];

    expect(server.stats().chats[TEXT]).toMatchObject({ completed: 2, maxConcurrent: 1 });
    expect(server.stats().maxConcurrent).toBe(1);
    // Warm, and no reload for the one that waited.
    expect(second.load_duration).toBeLessThan(1e6);
    expect(chatEntries().map((entry) => entry.coldLoad)).toEqual([true, false, false]);
    expect(second.prompt_eval_duration).toBe(first.prompt_eval_duration);
    // The one that waited carries the other's serving time (a lower bound only: an upper bound on
    // wall time fails on a loaded machine; maxConcurrent 1 above already says they took turns).
    expect(second.total_duration).toBeGreaterThanOrEqual(served(second) + 0.9 * served(first));
    // Only the one that waited counts the wait: the second ended a whole turn of its own after the
    // first. (The totals are compared with each other, not with the nominal durations: on a busy
    // machine every timer fires late, and both totals are real time.)
    expect(second.total_duration - first.total_duration).toBeGreaterThanOrEqual(0.9 * served(second));
  });

  it("1: two different models still generate at once", async () => {
    server.setBehaviour({ parallelPerModel: 1 });
    server.setLatency({ perToken: 4 });
    await Promise.all([client.chat({ model: TEXT, messages: [] }), client.chat({ model: OTHER, messages: [] })]);
    const replies = await Promise.all([client.chat(ask(TEXT, "one")), client.chat(ask(OTHER, "two"))]);
    expect(server.stats()).toMatchObject({
      maxConcurrent: 2,
      chats: { [TEXT]: { completed: 1, maxConcurrent: 1 }, [OTHER]: { completed: 1, maxConcurrent: 1 } },
    });
    for (const reply of replies) expect(reply.load_duration).toBeLessThan(1e6);
  });

  it("waiters are served first come first served; one whose client leaves is dropped from the queue and logged aborted", async () => {
    server.setBehaviour({ parallelPerModel: 1 });
    const holder = await holdModel(TEXT);
    const leaving = new AbortController();
    const finished: string[] = [];
    const leaver = taggedChat(TEXT, "leaver", leaving.signal);
    await untilScheduled("leaver");
    const second = taggedChat(TEXT, "second").then(() => finished.push("second"));
    await untilScheduled("second");
    const third = taggedChat(TEXT, "third").then(() => finished.push("third"));
    await untilScheduled("third");

    leaving.abort();
    expect(await leaver).toMatchObject({ name: "AbortError" });
    await expect.poll(() => entryWith("leaver")?.outcome).toBe("aborted");
    expect(entryWith("leaver")).toMatchObject({ aborted: true, coldLoad: false });
    expect(entryWith("leaver")?.status).toBeUndefined();
    expect(entryWith("second")?.outcome).toBeUndefined();

    holder.abort();
    await Promise.all([second, third]);
    expect(finished).toEqual(["second", "third"]);
    await expect.poll(() => server.stats().chats[TEXT]).toEqual({ completed: 2, aborted: 2, failed: 0, loads: 0, maxConcurrent: 1 });
  });

  it("a load-only request does not queue; raising the limit lets waiters in at once; bad values are a 400", async () => {
    expect((await control("behaviour", { parallelPerModel: 1 })).status).toBe(200);
    const holder = await holdModel(TEXT);
    expect((await client.chat({ model: TEXT, messages: [] })).done_reason).toBe("load");

    const waiting = taggedChat(TEXT, "waiting");
    await untilScheduled("waiting");
    await sleepMs(50);
    expect(entryWith("waiting")?.status).toBeUndefined();
    expect(server.stats().chats[TEXT]?.maxConcurrent).toBe(1);
    expect(await (await control("behaviour", { parallelPerModel: 2 })).json()).toMatchObject({ parallelPerModel: 2 });
    expect(await waiting).toMatchObject({ done: true });
    expect(server.stats().chats[TEXT]?.maxConcurrent).toBe(2);
    holder.abort();

    for (const value of [0, -1, 1.5, "2", true]) expect((await control("behaviour", { parallelPerModel: value })).status).toBe(400);
    expect(await (await control("behaviour", { parallelPerModel: null })).json()).toMatchObject({ parallelPerModel: null });
    server.setBehaviour({ parallelPerModel: 3 });
    server.reset();
    expect(server.behaviour.parallelPerModel).toBe(1);

    const configured = await startOllamaTestServer({ parallelPerModel: null });
    try {
      expect(configured.behaviour.parallelPerModel).toBeNull();
      configured.reset();
      expect(configured.behaviour.parallelPerModel).toBeNull();
    } finally {
      await configured.close();
    }
  });
});
