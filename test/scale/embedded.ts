import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Double, Instance, logFile, waitFor, type Latency } from "./cluster";
import { signInStudent, startRun, uploadSample } from "./client";

// The embedded default (SQLite, one instance) killed and stopped in the middle of a run, then
// started again: the run ends DONE with no student action. Run by test/scale/run.ts in its own
// process (its database is a SQLite file, not the PostgreSQL of the other phases). Prints one JSON
// line of figures for the caller.

const SLOW: Latency = { load: 100, firstToken: 15, perToken: 25, prefillPerToken: 0 };
const dataDir = mkdtempSync(path.join(tmpdir(), "lesson-lab-embedded-"));
const databaseUrl = `file:${path.join(dataDir, "lesson-lab.db")}`;
const double = new Double("embedded-gpu", 11695);
const env = {
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  OLLAMA_HOST: double.url,
  LAB_DRAIN_SECONDS: "3",
  LAB_RUNS_PER_HOUR: "1000",
  GUEST_PAGE_CACHE_SECONDS: "0",
};
const instance = new Instance("embedded", 3695, env);
Object.assign(process.env, env, { LAB_WORKERS: "false" });

const figures: Record<string, unknown> = {};
let ok = true;
try {
  const migrate = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db.ts", "migrate"], {
    env: { ...process.env },
    stdio: "ignore",
  });
  if (migrate.status !== 0) throw new Error("migrations failed");
  await double.start(SLOW);
  await instance.start();
  const { db } = await import("../../lib/db");
  const { createUser } = await import("../../lib/auth/data/users");
  const account = await createUser({
    name: "Embedded",
    email: `embedded-${randomBytes(3).toString("hex")}@scale.test`,
    password: "embedded password 1",
  });
  const student = await signInStudent(instance.url, account.email, "embedded password 1");
  const image = await uploadSample(instance.url, student);

  async function runUntilHalfway(): Promise<string> {
    const answer = await startRun(instance.url, student, image);
    if (answer.status !== 201) throw new Error(`start: ${answer.status} ${await answer.text()}`);
    const { runId } = (await answer.json()) as { runId: string };
    await waitFor(
      "a cell to be answering",
      async () => (await db.labCell.count({ where: { runId, status: "RUNNING", output: { not: "" } } })) > 0,
      60_000,
      50,
    );
    return runId;
  }

  // SIGKILL mid-run, then a plain restart.
  const killed = await runUntilHalfway();
  instance.kill("SIGKILL");
  await instance.exited;
  const left = await db.labCell.count({ where: { runId: killed, status: { in: ["PENDING", "RUNNING"] } } });
  const restartAt = Date.now();
  await instance.start();
  const resumedMs = await waitFor(
    "the killed run to finish after the restart",
    async () => (await db.labRun.findUniqueOrThrow({ where: { id: killed } })).status === "DONE",
    180_000,
    200,
  );
  const killedCells = await db.labCell.findMany({ where: { runId: killed } });
  figures.sigkill = {
    cellsLeftByTheKill: left,
    doneAfterRestartMs: Date.now() - restartAt,
    waitedMs: resumedMs,
    cells: killedCells.map((c) => `${c.status}/${c.attempts}`),
  };
  ok &&= killedCells.every((c) => c.status === "DONE") && left > 0;

  // SIGTERM mid-run: the instance exits within its drain window; the next start finishes the run.
  const stopped = await runUntilHalfway();
  const termAt = Date.now();
  instance.kill("SIGTERM");
  const code = await instance.exited;
  const exitMs = Date.now() - termAt;
  const waiting = await db.labCell.count({ where: { runId: stopped, status: { in: ["PENDING", "RUNNING"] } } });
  const runningAfterExit = await db.labCell.count({ where: { runId: stopped, status: "RUNNING" } });
  await instance.start();
  await waitFor(
    "the stopped run to finish after the restart",
    async () => (await db.labRun.findUniqueOrThrow({ where: { id: stopped } })).status === "DONE",
    180_000,
    200,
  );
  const stoppedCells = await db.labCell.findMany({ where: { runId: stopped } });
  figures.sigterm = {
    exitMs,
    exitCode: code,
    handedBack: waiting,
    leftRunning: runningAfterExit,
    cells: stoppedCells.map((c) => `${c.status}/${c.attempts}`),
  };
  ok &&= code === 0 && exitMs <= 6000 && runningAfterExit === 0 && stoppedCells.every((c) => c.status === "DONE");
  await instance.stop();
} catch (error) {
  ok = false;
  figures.error = String(error);
  figures.log = logFile("embedded");
} finally {
  if (instance.running) instance.kill("SIGKILL");
  double.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify({ ok, ...figures }));
process.exit(ok ? 0 : 1);
