import { writeFileSync } from "node:fs";
import path from "node:path";
import { startAppServer, type AppServer } from "./lib/app-server";
import type { Figure } from "./lib/figures";
import { hookExit, stopAll } from "./lib/processes";
import type { BenchContext, ChatInterval } from "./sections/context";
import { SECTIONS } from "./sections";

// One database's share of `npm run bench`, in a process of its own (lib/env and the Prisma client
// are read once per process): the Ollama test double in-process, the built app on a free port,
// then the sections, in order, against both. bench/run.ts starts it and reads its results file.
//   node --conditions=react-server --import tsx bench/target.ts '<json config>'
// The environment (DATA_DIR, DATABASE_URL, AUTH_SECRET, INSTRUCTOR_EMAILS…) is the caller's.

export type TargetConfig = { database: string; sections: string[]; quick: boolean; out: string };
export type TargetResult = { figures: Figure[]; errors: string[]; appLog: string };

const config = JSON.parse(process.argv[2] ?? "{}") as TargetConfig;
hookExit();
const figures: Figure[] = [];
const errors: string[] = [];
const dataDir = process.env.DATA_DIR!;
const appLog = path.join(dataDir, "app.log");
const log = (message: string) => console.log(message);

const { startOllamaTestServer } = await import("../test/ollama-double/test-server");
const chats: ChatInterval[] = [];
const ollama = await startOllamaTestServer({
  latency: { load: 0, firstToken: 200, perToken: 1 },
  onRequestEnd: (entry) => {
    if (entry.path === "/api/chat" && entry.model) chats.push({ model: entry.model, start: entry.at, end: Date.now() });
  },
});
process.env.OLLAMA_HOST = ollama.url;

let app: AppServer | null = null;
try {
  log(`[${config.database}] starting the built app (Ollama test double at ${ollama.url})`);
  app = await startAppServer({ env: process.env, logFile: appLog });
  // As the server's start-up does (instrumentation.ts): SQLite pragmas for this process's connection.
  const { ensureDbReady } = await import("../lib/db");
  await ensureDbReady();
  const report = (figure: Figure) => void figures.push(figure);
  const server = app;
  const ctx: BenchContext = {
    database: config.database,
    baseURL: app.baseURL,
    quick: config.quick,
    dataDir,
    ollama,
    chats,
    log,
    report,
    serverCpuMs: () => server.cpuMs(),
  };
  for (const section of SECTIONS.filter((s) => config.sections.includes(s.name))) {
    log(`[${config.database}] ${section.name}`);
    const started = Date.now();
    try {
      figures.push(...(await section.run(ctx)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push(`${config.database} ${section.name}: ${message}`);
      console.error(error);
      figures.push({
        database: config.database,
        section: section.title,
        measure: "(section failed)",
        result: message.split("\n")[0]!,
        target: "—",
        met: false,
      });
    }
    log(`[${config.database}] ${section.name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  errors.push(`${config.database}: ${message}`);
  console.error(message);
} finally {
  if (app) await app.stop();
  await stopAll();
  await ollama.close().catch(() => undefined);
  const result: TargetResult = { figures, errors, appLog };
  writeFileSync(config.out, JSON.stringify(result, null, 2));
}
// The OCR worker, the runner's timers and the database pool would keep the process alive.
process.exit(0);
