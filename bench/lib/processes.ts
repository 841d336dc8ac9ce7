import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

// Processes the bench starts (the app server and its build, Lighthouse and its Chromium) are each
// the leader of their own process group, and every one is remembered here, so a failure, a Ctrl-C
// or an exception still stops them. Chromium started by chrome-launcher is detached into a group
// of its own, so a stop also walks /proc for the process's descendants before signalling.

const started = new Set<ChildProcess>();
const cleanups: (() => Promise<void> | void)[] = [];

/** Work to do after a signal too (a temporary database to drop, a directory to remove), newest first. */
export function onCleanup(work: () => Promise<void> | void): () => void {
  cleanups.unshift(work);
  return () => {
    const i = cleanups.indexOf(work);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

async function runCleanups(): Promise<void> {
  for (const work of cleanups.splice(0)) {
    try {
      await work();
    } catch (error) {
      console.error("clean-up failed:", error instanceof Error ? error.message : error);
    }
  }
}

function descendantsOf(pid: number): number[] {
  let parents: Map<number, number[]>;
  try {
    parents = new Map();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // The command name (field 2) is in parentheses and may hold spaces: read after the last ")".
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        const children = parents.get(ppid) ?? [];
        children.push(Number(entry));
        parents.set(ppid, children);
      } catch {
        // gone while we looked
      }
    }
  } catch {
    return []; // no /proc (not Linux): the process group has to do
  }
  const found: number[] = [];
  const visit = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

function signal(pid: number, sig: NodeJS.Signals, group: boolean): void {
  try {
    process.kill(group ? -pid : pid, sig);
  } catch {
    // already gone
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** SIGTERM to the process, its group and its descendants; SIGKILL to whatever is left after `graceMs`. */
/**
 * CPU time (user + system, ms) a process and everything it started have used so far: the app's
 * front door and the Next.js server it runs. null without /proc (not Linux).
 */
export function treeCpuMs(pid: number): number | null {
  let ticks = 0;
  for (const p of [pid, ...descendantsOf(pid)]) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime: fields 14 and 15 of /proc/<pid>/stat, 12 and 13 after the command name.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      if (p === pid) return null;
    }
  }
  // Clock ticks are 1/100 s on Linux (USER_HZ).
  return ticks * 10;
}

export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const family = descendantsOf(pid);
  if (isRunning(child)) {
    signal(pid, "SIGTERM", true);
    for (const p of family) signal(p, "SIGTERM", false);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  }
  signal(pid, "SIGKILL", true);
  for (const p of family) signal(p, "SIGKILL", false);
  started.delete(child);
}

/** Synchronous last resort, for process exit: kill everything still registered. */
function killAllNow(): void {
  for (const child of started) {
    if (child.pid === undefined) continue;
    const family = descendantsOf(child.pid);
    signal(child.pid, "SIGKILL", true);
    for (const p of family) signal(p, "SIGKILL", false);
  }
  started.clear();
}

let hooked = false;
/** Installs the exit and signal handlers (startProcess does it too). */
export function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", killAllNow);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping what the bench started`);
      killAllNow();
      const timer = setTimeout(() => process.exit(130), 10_000);
      void runCleanups().finally(() => {
        clearTimeout(timer);
        process.exit(130);
      });
    });
  }
}

/** Spawns a process in its own group and registers it for clean-up. */
export function startProcess(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  hookExit();
  const child = spawn(command, args, { ...options, detached: true });
  started.add(child);
  child.once("exit", () => {
    // Its group may still hold children (a build, a browser): stopProcess() handles those.
    if (child.pid !== undefined && descendantsOf(child.pid).length === 0) started.delete(child);
  });
  return child;
}

/** Runs a command to completion (its own group, cleaned up on failure); rejects on a non-zero exit. */
export async function runToEnd(
  command: string,
  args: string[],
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<{ stdout: string; stderr: string }> {
  const child = startProcess(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const timeoutMs = options.timeoutMs ?? 600_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopProcess(child, 2_000);
  }, timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  clearTimeout(timer);
  await stopProcess(child, 0);
  if (timedOut)
    throw new Error(`${command} ${args.join(" ")} took longer than ${timeoutMs / 1000} s and was stopped\n${tail(stderr || stdout)}`);
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}\n${tail(stderr || stdout)}`);
  return { stdout, stderr };
}

export function tail(text: string, lines = 20): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** A TCP port nothing listens on right now, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Normal end: stops every registered process gracefully, then runs the clean-ups. */
export async function stopAll(): Promise<void> {
  for (const child of [...started]) await stopProcess(child);
  await runCleanups();
}
