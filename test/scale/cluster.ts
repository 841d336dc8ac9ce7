import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

export type Env = Record<string, string | undefined>;

// The scale test's machine room, all on loopback: Ollama test doubles as GPU hosts, app instances
// of one build on their own ports, and a round-robin proxy without stickiness in front of them.

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 100): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

const logDir = mkdtempSync(path.join(tmpdir(), "lesson-lab-scale-logs-"));

function spawnLogged(name: string, args: string[], env: Env): ChildProcess {
  const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: "a" });
  const child = spawn(process.execPath, args, { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

export function logFile(name: string): string {
  return path.join(logDir, `${name}.log`);
}

export type Latency = { load: number; firstToken: number; perToken: number; prefillPerToken?: number };

export class Double {
  child: ChildProcess | null = null;
  constructor(
    readonly name: string,
    readonly port: number,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(latency: Latency): Promise<void> {
    this.child = spawnLogged(
      this.name,
      ["--import", "tsx", "test/ollama-double/cli.ts", "--port", String(this.port), "--parallel-per-model", "1"],
      process.env,
    );
    await waitFor(`${this.name} to answer`, async () => (await fetch(`${this.url}/api/version`)).ok, 30_000);
    await this.setLatency(latency);
  }

  async setLatency(latency: Latency): Promise<void> {
    await this.control("latency", latency);
  }

  async reset(latency: Latency): Promise<void> {
    await this.control("reset", {});
    await this.setLatency(latency);
  }

  async control(pathname: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}/__test/${pathname}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${this.name} /__test/${pathname}: ${response.status} ${await response.text()}`);
    return response.json().catch(() => null);
  }

  log(): Promise<DoubleLogEntry[]> {
    return this.control("log") as Promise<DoubleLogEntry[]>;
  }

  kill(signal: NodeJS.Signals = "SIGKILL"): void {
    this.child?.kill(signal);
    this.child = null;
  }
}

export type DoubleLogEntry = {
  id: string;
  at: number;
  endedAt?: number;
  path: string;
  model?: string;
  clientRequestId?: string;
  outcome?: "completed" | "aborted" | "failed";
};

export class Instance {
  child: ChildProcess | null = null;
  exited: Promise<number | null> = Promise.resolve(null);
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Env,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(extraEnv: Env = {}): Promise<void> {
    const child = spawnLogged(this.name, ["--conditions=react-server", "--import", "tsx", "scripts/server.ts"], {
      ...process.env,
      // The test process itself executes no lab jobs; the instances do.
      LAB_WORKERS: "true",
      ...this.env,
      ...extraEnv,
      PORT: String(this.port),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
    await waitFor(`${this.name} to be ready`, async () => (await fetch(`${this.url}/api/health/ready`)).ok, 90_000, 250);
  }

  kill(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.child!.kill("SIGTERM");
    await Promise.race([this.exited, sleep(30_000)]);
    if (this.running) this.child!.kill("SIGKILL");
  }
}

/**
 * A round-robin reverse proxy with no stickiness and no health checks of its own: a request goes
 * to the next upstream; one that refuses the connection is tried on the next (as a load balancer
 * that marks dead members does). Streams (server-sent events) are piped through; when an upstream
 * dies mid-stream, the client's connection ends too.
 */
export class RoundRobinProxy {
  private server: Server | null = null;
  private next = 0;
  readonly served = new Map<string, number>();
  constructor(
    readonly port: number,
    private readonly upstreams: () => string[],
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.forward(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const upstreams = this.upstreams();
    for (let tries = 0; tries < upstreams.length; tries++) {
      const target = upstreams[this.next++ % upstreams.length]!;
      const ok = await this.tryUpstream(target, req, body, res);
      if (ok) {
        this.served.set(target, (this.served.get(target) ?? 0) + 1);
        return;
      }
    }
    res.writeHead(502, { "Content-Type": "text/plain" }).end("no upstream answered");
  }

  private tryUpstream(target: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<boolean> {
    const url = new URL(target);
    return new Promise((resolve) => {
      const upstream = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, "content-length": String(body.length) },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on("error", () => res.destroy());
          answer.on("aborted", () => res.destroy());
          resolve(true);
        },
      );
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        if (!res.headersSent && (error.code === "ECONNREFUSED" || error.code === "ECONNRESET")) resolve(false);
        else {
          res.destroy();
          resolve(true);
        }
      });
      res.on("close", () => upstream.destroy());
      upstream.end(body);
    });
  }
}
