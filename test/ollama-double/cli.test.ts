import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseCliArgs, USAGE } from "./cli-options";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(import.meta.dirname, "cli.ts");
const started: ReturnType<typeof spawn>[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/** Runs the CLI as Playwright does (node --import tsx) and collects its output. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (output += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (output += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = async (): Promise<string> => {
    const listening = /listening on (http:\/\/\S+)/;
    await expect.poll(() => output, { timeout: 15_000 }).toMatch(listening);
    return listening.exec(output)?.[1] ?? "";
  };
  return { child, output: () => output, exited, url };
}

describe("parseCliArgs", () => {
  it("defaults: port 11435, 127.0.0.1, llama-server, one generation per model at a time (OLLAMA_NUM_PARALLEL)", () => {
    expect(parseCliArgs([])).toEqual({
      ok: true,
      options: { port: 11435, host: "127.0.0.1", profile: { engine: "llama-server", version: "0.32.15" }, parallelPerModel: 1 },
    });
  });

  it("--parallel-per-model N sets the limit (both spellings); anything but a whole number >= 1 is exit 2 with the usage", () => {
    expect(parseCliArgs(["--parallel-per-model", "1"])).toMatchObject({ ok: true, options: { parallelPerModel: 1 } });
    expect(parseCliArgs(["--parallel-per-model=4", "--engine", "go"])).toMatchObject({
      ok: true,
      options: { parallelPerModel: 4, profile: { engine: "go" } },
    });
    for (const bad of ["0", "-1", "1.5", "two", "", "1e3"]) {
      const parsed = parseCliArgs([`--parallel-per-model=${bad}`]);
      expect(parsed).toMatchObject({ ok: false, exitCode: 2 });
      if (!parsed.ok) expect(parsed.message).toContain(USAGE);
    }
    expect(parseCliArgs(["--parallel-per-model"])).toMatchObject({ ok: false, exitCode: 2 });
    expect(parseCliArgs(["--help"])).toEqual({ ok: false, exitCode: 0, message: USAGE });
    expect(parseCliArgs(["--port", "70000"])).toMatchObject({ ok: false, exitCode: 2 });
    expect(parseCliArgs(["--engine", "gpu"])).toMatchObject({ ok: false, exitCode: 2 });
  });
});

describe("the CLI process", () => {
  it("passes --parallel-per-model to the server, starts each request line with its id, and exits 0 on SIGTERM", async () => {
    const cli = startCli(["--port", "0", "--parallel-per-model", "1"]);
    const url = await cli.url();
    expect(cli.output()).toContain("1 generation(s) per model at a time");
    expect(await (await fetch(`${url}/__test/behaviour`)).json()).toMatchObject({ parallelPerModel: 1 });
    await fetch(`${url}/api/version`, { headers: { "X-Request-Id": "cli-check" } });
    const chat = await fetch(`${url}/api/chat`, {
      method: "POST",
      body: JSON.stringify({ model: "llama3.2:3b", messages: [{ role: "user", content: "hi" }], stream: false }),
    });
    expect(chat.status).toBe(200);
    await chat.json();
    await expect.poll(cli.output).toMatch(/^r2 \S+Z POST \/api\/chat llama3\.2:3b images=0 -> 200 completed \d+ms$/m);
    expect(cli.output()).toMatch(/^r1 \S+Z GET \/api\/version -> 200 \d+ms x-request-id=cli-check$/m);
    expect(await (await fetch(`${url}/__test/stats`)).json()).toMatchObject({ requests: 2, chats: { "llama3.2:3b": { completed: 1 } } });

    cli.child.kill("SIGTERM");
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.output()).toContain("SIGTERM: stopping the Ollama test double");
  });

  it("exits 0 on SIGINT too, and dies at once on SIGKILL", async () => {
    const interrupted = startCli(["--port", "0"]);
    await interrupted.url();
    interrupted.child.kill("SIGINT");
    expect(await interrupted.exited).toEqual({ code: 0, signal: null });

    const killed = startCli(["--port", "0"]);
    await killed.url();
    killed.child.kill("SIGKILL");
    expect(await killed.exited).toEqual({ code: null, signal: "SIGKILL" });
  });

  it("refuses a bad --parallel-per-model with exit 2 and the usage", async () => {
    const cli = startCli(["--parallel-per-model", "0"]);
    expect(await cli.exited).toEqual({ code: 2, signal: null });
    expect(cli.output()).toContain("--parallel-per-model must be a whole number >= 1");
  });
});
