import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOllamaTestServer, type OllamaTestServer } from "@/test/ollama-double/test-server";
import { forgetCatalogue, listInstalledModels } from "@/lib/ollama/server/catalogue";
import { matchPullHost, pullOutcome, pullRequestSchema, pullTargets, streamPull } from "@/lib/ollama/server/pull";
import type { PullEvent } from "@/lib/ollama/types";

// Pulls to one host of the pool or to all of them, against two Ollama test doubles and an address
// where nothing listens.

let gpu1: OllamaTestServer;
let gpu2: OllamaTestServer;
const gone = "http://127.0.0.1:9";

beforeAll(async () => {
  [gpu1, gpu2] = await Promise.all([
    startOllamaTestServer({ latency: { load: 5, firstToken: 1, perToken: 1 }, pullChunkDelayMs: 2 }),
    startOllamaTestServer({ latency: { load: 5, firstToken: 1, perToken: 1 }, pullChunkDelayMs: 2 }),
  ]);
});
afterAll(async () => Promise.all([gpu1.close(), gpu2.close()]));
beforeEach(() => {
  gpu1.reset();
  gpu2.reset();
  forgetCatalogue();
});

async function pull(name: string, targets: { hosts: string[]; isEveryHost: boolean }, signal?: AbortSignal) {
  const events: PullEvent[] = [];
  await streamPull(name, targets, { signal, send: (e) => void events.push(e) });
  return events;
}

const pullsOn = (server: OllamaTestServer) => server.log.filter((e) => e.path === "/api/pull").length;
/** The events without the progress lines, in order. */
const outcomes = (events: PullEvent[]) => events.filter((e) => e.type !== "progress");

describe("which host a pull names", () => {
  const hosts = ["http://gpu-1:11434", "http://gpu-2:11434"];

  it("matches a configured host however it is written, and always answers with the configured entry", () => {
    expect(matchPullHost("http://gpu-2:11434", hosts)).toBe("http://gpu-2:11434");
    expect(matchPullHost("http://gpu-2:11434/", hosts)).toBe("http://gpu-2:11434");
    expect(matchPullHost("gpu-2", hosts)).toBe("http://gpu-2:11434");
    expect(matchPullHost(" All ", hosts)).toBe("all");
  });

  it("refuses anything that is not configured", () => {
    expect(matchPullHost("http://gpu-3:11434", hosts)).toBeNull();
    expect(matchPullHost("http://gpu-2:11435", hosts)).toBeNull();
    expect(matchPullHost("https://gpu-2:11434", hosts)).toBeNull();
    expect(matchPullHost("file:///etc/passwd", hosts)).toBeNull();
    expect(matchPullHost("http://[::1", hosts)).toBeNull();
    expect(matchPullHost("", hosts)).toBeNull();
  });

  it("validates the route's body with a message that says what to send", () => {
    const schema = pullRequestSchema(hosts);
    expect(schema.parse({ model: "qwen3-vl:2b" })).toEqual({ model: "qwen3-vl:2b" });
    expect(schema.parse({ model: "qwen3-vl:2b", host: "all" })).toEqual({ model: "qwen3-vl:2b", host: "all" });
    expect(schema.parse({ model: "qwen3-vl:2b", host: "http://gpu-1:11434/" }).host).toBe("http://gpu-1:11434");

    const unknown = schema.safeParse({ model: "qwen3-vl:2b", host: "http://169.254.169.254" });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.message).toBe(
      `"http://169.254.169.254" is not one of the lab's Ollama hosts. Pull to "all" or to one of the hosts in OLLAMA_HOSTS: http://gpu-1:11434, http://gpu-2:11434.`,
    );
    const notText = schema.safeParse({ model: "qwen3-vl:2b", host: 2 });
    expect(notText.error?.issues[0]?.message).toMatch(/^Pull to "all" or to one of the hosts/);
    expect(schema.safeParse({ model: "rm -rf /", host: "all" }).error?.issues[0]?.message).toBe("Enter a model tag such as qwen3-vl:4b.");
    expect(schema.safeParse({ model: "qwen3-vl:2b", hosts: "all" }).success).toBe(false);
  });

  it("sends a pull without a host to the one host, or to every host of a larger pool", () => {
    expect(pullTargets(undefined, ["http://a:1"])).toEqual({ hosts: ["http://a:1"], isEveryHost: false });
    expect(pullTargets("all", ["http://a:1"])).toEqual({ hosts: ["http://a:1"], isEveryHost: true });
    expect(pullTargets(undefined, hosts)).toEqual({ hosts, isEveryHost: true });
    expect(pullTargets("http://gpu-2:11434", hosts)).toEqual({ hosts: ["http://gpu-2:11434"], isEveryHost: false });
  });

  it("ends a pull to several hosts with done when any host has the model, else with why", () => {
    expect(
      pullOutcome("m:1b", [
        { host: "a", ok: false, message: "x" },
        { host: "b", ok: true },
      ]),
    ).toEqual({ type: "done" });
    expect(pullOutcome("m:1b", [{ host: "a", ok: false, message: "no such model" }])).toEqual({ type: "error", message: "no such model" });
    expect(
      pullOutcome("m:1b", [
        { host: "a", ok: false, message: "down" },
        { host: "b", ok: false, message: "offline" },
      ]).type,
    ).toBe("error");
  });
});

describe("pulling to every host", () => {
  it("pulls to each answering host in turn, reports the one that is down and ends with done", async () => {
    // a catalogue read before the pull must not hide the new model afterwards
    expect((await listInstalledModels({ host: gpu1.url })).map((m) => m.name)).not.toContain("qwen3-vl:2b");
    const events = await pull("qwen3-vl:2b", { hosts: [gpu1.url, gone, gpu2.url], isEveryHost: true });

    expect(outcomes(events)).toEqual([
      {
        type: "host-error",
        host: gone,
        code: "UNREACHABLE",
        message: expect.stringMatching(/^Ollama at http:\/\/127\.0\.0\.1:9: .*Nothing was pulled there\.$/),
      },
      { type: "host-done", host: gpu1.url },
      { type: "host-done", host: gpu2.url },
      { type: "done" },
    ]);
    // one after the other: every line for the first host comes before any for the second
    const hostsInOrder = events.flatMap((e) => (e.type === "progress" ? [e.host] : []));
    expect(hostsInOrder.lastIndexOf(gpu1.url)).toBeLessThan(hostsInOrder.indexOf(gpu2.url));
    expect(events.filter((e) => e.type === "progress" && e.host === gpu2.url).at(-1)).toMatchObject({ percent: 100, isDone: true });

    expect((await listInstalledModels({ host: gpu1.url })).map((m) => m.name)).toContain("qwen3-vl:2b");
    expect((await listInstalledModels({ host: gpu2.url })).map((m) => m.name)).toContain("qwen3-vl:2b");
  });

  it("keeps going when one host fails, and says which", async () => {
    gpu1.setBehaviour({ pullOffline: true });
    const events = await pull("gemma3:1b", { hosts: [gpu1.url, gpu2.url], isEveryHost: true });
    expect(outcomes(events)).toEqual([
      {
        type: "host-error",
        host: gpu1.url,
        code: "REGISTRY_UNREACHABLE",
        message: expect.stringContaining("could not reach the model registry"),
      },
      { type: "host-done", host: gpu2.url },
      { type: "done" },
    ]);
  });

  it("stops after the first host when the registry has no such model", async () => {
    const events = await pull("no-such-model:1b", { hosts: [gpu1.url, gpu2.url], isEveryHost: true });
    const last = events.at(-1);
    expect(last).toEqual({ type: "error", message: expect.stringMatching(/There is no model "no-such-model:1b"/) });
    expect(outcomes(events).map((e) => e.type)).toEqual(["host-error", "error"]);
    expect(pullsOn(gpu1)).toBe(1);
    expect(pullsOn(gpu2)).toBe(0);
  });

  it("says so when no host answers", async () => {
    const events = await pull("gemma3:1b", { hosts: [gone], isEveryHost: true });
    expect(outcomes(events).map((e) => e.type)).toEqual(["host-error", "error"]);
    expect(events.at(-1)).toEqual({ type: "error", message: 'No Ollama host is answering, so "gemma3:1b" was pulled nowhere.' });
  });

  it("stops at a cancel: nothing more is sent and the next host is never asked", async () => {
    const controller = new AbortController();
    const events: PullEvent[] = [];
    await streamPull(
      "gemma3:1b",
      { hosts: [gpu1.url, gpu2.url], isEveryHost: true },
      {
        signal: controller.signal,
        send: (e) => {
          events.push(e);
          if (e.type === "progress" && e.percent > 0) controller.abort();
        },
      },
    );
    expect(outcomes(events)).toEqual([]);
    expect(pullsOn(gpu2)).toBe(0);
  });
});

describe("pulling to one host", () => {
  it("streams that host's progress, then done, as a single pull always did", async () => {
    const events = await pull("gemma3:1b", { hosts: [gpu2.url], isEveryHost: false });
    expect(events.every((e) => e.type !== "progress" || e.host === gpu2.url)).toBe(true);
    expect(outcomes(events)).toEqual([{ type: "done" }]);
    expect(pullsOn(gpu1)).toBe(0);
  });

  it("ends with the host's own message when it fails", async () => {
    const events = await pull("no-such-model:1b", { hosts: [gpu1.url], isEveryHost: false });
    expect(outcomes(events)).toEqual([
      { type: "error", message: `There is no model "no-such-model:1b" in the Ollama library. Check the tag on ollama.com/library.` },
    ]);
  });
});
