import { copyFileSync, existsSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { startOllamaTestServer } from "./ollama-double/test-server";

// Runs in each test file's own process before the file is loaded (vitest.config.ts, setupFiles).
// Every file gets a data directory (uploads, OCR cache), an SQLite database (a copy of the one the
// global setup migrated) and an Ollama test double of its own, so files run side by side without
// seeing each other's rows, files or model failures. On PostgreSQL (TEST_DATABASE_URL) the database
// is the one the global setup reset, shared: files run one at a time there (vitest.config.ts).

const root = process.env.TEST_DATA_ROOT!;
const dir = mkdtempSync(path.join(root, "file-"));
process.env.DATA_DIR = dir;
if (!process.env.TEST_DATABASE_URL) {
  for (const suffix of ["", "-wal", "-shm"]) {
    const template = path.join(root, `template.db${suffix}`);
    if (existsSync(template)) copyFileSync(template, path.join(dir, `test.db${suffix}`));
  }
  process.env.DATABASE_URL = `file:${path.join(dir, "test.db")}`;
}

// lib/ code that uses the configured OLLAMA_HOST talks to this double; tests steer it over its
// /__test HTTP API (E2E_OLLAMA_URL).
const ollama = await startOllamaTestServer({ latency: { load: 20, firstToken: 5, perToken: 2 } });
process.env.OLLAMA_HOST = ollama.url;
process.env.E2E_OLLAMA_URL = ollama.url;
afterAll(() => ollama.close());
