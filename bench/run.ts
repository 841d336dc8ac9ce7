import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { figuresTable, type Figure } from "./lib/figures";
import { hookExit, onCleanup, runToEnd, startProcess, stopAll } from "./lib/processes";
import { INSTRUCTOR_EMAIL } from "./sections/context";
import { SECTIONS, SECTION_NAMES } from "./sections";
import type { TargetConfig, TargetResult } from "./target";

// `npm run bench [-- section…]`: the performance bench, one command, loopback only. Builds the app
// if its sources changed, serves it from a fresh temporary DATA_DIR on SQLite with the Ollama test
// double, runs the sections, and does it again on PostgreSQL (the sections that touch the
// database) when DATABASE_URL points at one, in a temporary database created and dropped there.
// Prints one table and writes bench/RESULTS.md (a quick or partial run: bench/results/latest.md).
//   BENCH_QUICK=1   shorter runs, for a smoke test
//   sections: pages weight quiz lab images review signin lighthouse

const USAGE = `usage: npm run bench [-- [--quick] [${SECTION_NAMES.join("|")} …]]`;
const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const quick = process.env.BENCH_QUICK === "1" || args.includes("--quick");
const requested = args.filter((a) => !a.startsWith("-"));
const unknown = requested.filter((a) => !SECTION_NAMES.includes(a));
if (unknown.length) {
  console.error(`Unknown section(s): ${unknown.join(", ")}\n${USAGE}`);
  process.exit(2);
}
const sections = requested.length ? SECTION_NAMES.filter((n) => requested.includes(n)) : SECTION_NAMES;
const isFullRun = !quick && sections.length === SECTION_NAMES.length;
const resultsDir = path.resolve("bench", "results");
mkdirSync(resultsDir, { recursive: true });
hookExit();
const loadAtStart = os.loadavg();

function git(...argv: string[]): string {
  try {
    return execFileSync("git", argv, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

function machine(): string[] {
  const cpus = os.cpus();
  const commit = git("rev-parse", "--short", "HEAD") || "unknown";
  const dirty = git("status", "--porcelain", "--untracked-files=no") ? " (with uncommitted changes)" : "";
  const debian = existsSync("/etc/debian_version") ? `, Debian ${readFileSync("/etc/debian_version", "utf8").trim()}` : "";
  return [
    `- Machine: ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}${debian}`,
    `- Node ${process.version}`,
    `- Date: ${new Date().toISOString()}`,
    `- Commit: ${commit}${dirty}`,
    // Other work on the machine (another build, a test run) takes CPU from the app and the bench alike.
    `- Load average (1, 5, 15 min) at the start: ${loadAtStart.map((l) => l.toFixed(2)).join(", ")}; at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`,
  ];
}

type Target = { database: string; databaseUrl: string | null; dataDir: string; sections: string[]; note?: string };

async function createPostgresDatabase(url: string): Promise<{ url: string; version: string }> {
  const name = `lessonlab_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const version = (await admin.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "?";
    await admin.query(`CREATE DATABASE ${name}`);
    onCleanup(async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    });
    const fresh = new URL(url);
    fresh.pathname = `/${name}`;
    return { url: fresh.toString(), version };
  } finally {
    await admin.end();
  }
}

async function runTarget(target: Target, env: NodeJS.ProcessEnv): Promise<TargetResult> {
  const out = path.join(target.dataDir, "results.json");
  const config: TargetConfig = { database: target.database, sections: target.sections, quick, out };
  const child = startProcess(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "bench/target.ts", JSON.stringify(config)],
    {
      env,
      stdio: "inherit",
    },
  );
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  if (!existsSync(out)) throw new Error(`The ${target.database} bench ended (code ${code}) without results`);
  const result = JSON.parse(readFileSync(out, "utf8")) as TargetResult;
  if (existsSync(result.appLog)) copyFileSync(result.appLog, path.join(resultsDir, `app-${target.database.toLowerCase()}.log`));
  return result;
}

const started = Date.now();
const figures: Figure[] = [];
const errors: string[] = [];
const notes: string[] = [];
const targets: Target[] = [];

const newDataDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lesson-lab-bench-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

const sqliteDir = newDataDir();
targets.push({ database: "SQLite", databaseUrl: `file:${path.join(sqliteDir, "lesson-lab.db")}`, dataDir: sqliteDir, sections });
const given = process.env.DATABASE_URL;
const dbSections = sections.filter((name) => SECTIONS.find((s) => s.name === name)?.usesDatabase);
if (given && /^postgres(ql)?:\/\//.test(given) && dbSections.length) {
  targets.push({ database: "PostgreSQL", databaseUrl: given, dataDir: newDataDir(), sections: dbSections });
} else if (given && !given.startsWith("file:")) {
  notes.push("DATABASE_URL is not a PostgreSQL URL: the PostgreSQL run was skipped.");
} else {
  notes.push("PostgreSQL not measured: set DATABASE_URL=postgresql://… to run the database sections there too.");
}

let exitCode = 0;
try {
  for (const target of targets) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: target.dataDir,
      AUTH_SECRET: randomBytes(33).toString("base64"),
      INSTRUCTOR_EMAILS: INSTRUCTOR_EMAIL,
      // One student starts a run after another for the time-to-first-token measure.
      LAB_RUNS_IN_FLIGHT: "100",
      LAB_RUNS_PER_HOUR: "10000",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    if (target.database === "PostgreSQL") {
      try {
        const created = await createPostgresDatabase(target.databaseUrl!);
        env.DATABASE_URL = created.url;
        notes.push(`PostgreSQL ${created.version}, a temporary database on the server DATABASE_URL names (dropped afterwards).`);
        console.log(`\n[PostgreSQL] npm run db:migrate on a temporary database`);
        await runToEnd("npm", ["run", "--silent", "db:migrate"], { env, timeoutMs: 300_000 });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        errors.push(`PostgreSQL set-up: ${message}`);
        figures.push({
          database: "PostgreSQL",
          section: "(all)",
          measure: "(set-up failed)",
          result: message.split("\n")[0]!,
          target: "—",
          met: false,
        });
        continue;
      }
    } else {
      env.DATABASE_URL = target.databaseUrl!;
    }
    // Made again if it went missing while the previous target ran (seen once on this machine; the cause was not found).
    mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
    console.log(`\n=== ${target.database}: ${target.sections.join(", ")}${quick ? " (quick)" : ""}`);
    try {
      const result = await runTarget(target, env);
      figures.push(...result.figures);
      errors.push(...result.errors);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
} finally {
  await stopAll();
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const table = figuresTable(figures);
const title = isFullRun ? "# Performance bench results" : `# Performance bench results (${quick ? "quick, " : ""}${sections.join(", ")})`;
const markdown = [
  title,
  "",
  `Written by \`npm run bench\`${quick ? " with BENCH_QUICK=1" : ""}${requested.length ? ` -- ${requested.join(" ")}` : ""} in ${minutes} min. ` +
    "Loopback only; the built app served by scripts/server.ts (scripts/start.ts) from a fresh temporary DATA_DIR, with the Ollama test double; " +
    "autocannon with 50 connections for page throughput. How each figure is made: README, “Performance bench”.",
  "",
  ...machine(),
  "",
  table,
  "",
  ...(notes.length ? ["Notes:", "", ...notes.map((n) => `- ${n}`), ""] : []),
  ...(errors.length ? ["Errors:", "", ...errors.map((e) => `- ${e.split("\n")[0]}`), ""] : []),
  // The team's reading of the targets not met (bench/READING.md), kept beside the figures.
  ...(isFullRun && existsSync(path.resolve("bench", "READING.md")) ? [readFileSync(path.resolve("bench", "READING.md"), "utf8")] : []),
  // The scale figures (two instances, two GPU hosts) from the last `npm run test:scale -- --record`.
  ...(isFullRun && existsSync(path.resolve("bench", "SCALE.md")) ? [readFileSync(path.resolve("bench", "SCALE.md"), "utf8")] : []),
].join("\n");

const file = isFullRun ? path.resolve("bench", "RESULTS.md") : path.join(resultsDir, "latest.md");
writeFileSync(file, markdown);
console.log(`\n${table}\n`);
for (const n of notes) console.log(`note: ${n}`);
for (const e of errors) console.log(`error: ${e.split("\n")[0]}`);
console.log(
  `\n${figures.filter((f) => f.met === false).length} of ${figures.filter((f) => f.met !== null).length} targets not met; ${minutes} min. Written to ${path.relative(process.cwd(), file)}`,
);
if (errors.length) exitCode = 1;
process.exit(exitCode);
