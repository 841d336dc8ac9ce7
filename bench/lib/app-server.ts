import { type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { freePort, startProcess, stopProcess, tail, treeCpuMs } from "./processes";

// The built app exactly as `npm start` runs it (scripts/start.ts: migrations on SQLite, a build when
// the sources changed, then scripts/server.ts), on a free loopback port, with its output in a log.

export type AppServer = {
  baseURL: string;
  port: number;
  log: string;
  stop(): Promise<void>;
  /** CPU ms the app's processes have used so far (null where /proc is missing) */
  cpuMs(): number | null;
};

export async function startAppServer(options: { env: NodeJS.ProcessEnv; logFile: string; timeoutMs?: number }): Promise<AppServer> {
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const log = createWriteStream(options.logFile);
  const child: ChildProcess = startProcess(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    cwd: process.cwd(),
    env: { ...options.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));

  const stop = async () => {
    await stopProcess(child);
    log.end();
  };
  const timeoutMs = options.timeoutMs ?? 300_000;
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      await stop();
      throw new Error(`The app exited (code ${exited}) before answering:\n${tail(readFileSync(options.logFile, "utf8"))}`);
    }
    try {
      const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return { baseURL, port, log: options.logFile, stop, cpuMs: () => (child.pid ? treeCpuMs(child.pid) : null) };
    } catch {
      // not up yet
    }
    if (!announced && readFileSync(options.logFile, "utf8").includes("Building")) {
      announced = true;
      console.log("  building the app first (sources changed since the last build)…");
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`The app did not answer /api/health within ${timeoutMs / 1000} s:\n${tail(readFileSync(options.logFile, "utf8"))}`);
}
