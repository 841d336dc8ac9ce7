import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Every test run gets a fresh data directory and database: TEST_DATABASE_URL (e.g. a private
// PostgreSQL cluster in CI) or a new SQLite file. Workers inherit these variables.
export default async function setup() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lesson-lab-test-"));
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL || `file:${path.join(dataDir, "test.db")}`;
  process.env.AUTH_SECRET = "test-secret-that-is-long-enough-0123456789";
  process.env.INSTRUCTOR_EMAILS = "teacher@example.test";
  if (process.env.TEST_DATABASE_URL) await resetPostgres(process.env.TEST_DATABASE_URL);
  const { applyMigrations } = await import("../lib/db/migrator");
  await applyMigrations(process.env.DATABASE_URL);
  // lib/ code that uses the configured OLLAMA_HOST talks to a test double; tests steer it over
  // its /__test HTTP API (E2E_OLLAMA_URL).
  const { startOllamaTestServer } = await import("./ollama-double/test-server");
  const ollama = await startOllamaTestServer({ latency: { load: 20, firstToken: 5, perToken: 2 } });
  process.env.OLLAMA_HOST = ollama.url;
  process.env.E2E_OLLAMA_URL = ollama.url;
  return async () => {
    await ollama.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** TEST_DATABASE_URL names a throwaway database: start every run from an empty schema. */
async function resetPostgres(url: string) {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // The lab's job queue (pg-boss) keeps its own schema.
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS pgboss CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
}
