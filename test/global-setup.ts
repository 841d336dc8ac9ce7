import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Every test run gets a fresh data directory and database: TEST_DATABASE_URL (e.g. a private
// PostgreSQL cluster in CI) or a new SQLite file, migrated once here. Each test file then gets a
// directory, a copy of that SQLite database and an Ollama test double of its own
// (test/file-setup.ts). Workers inherit these variables.
export default async function setup() {
  const root = mkdtempSync(path.join(tmpdir(), "lesson-lab-test-"));
  process.env.TEST_DATA_ROOT = root;
  process.env.DATA_DIR = root;
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL || `file:${path.join(root, "template.db")}`;
  process.env.AUTH_SECRET = "test-secret-that-is-long-enough-0123456789";
  process.env.INSTRUCTOR_EMAILS = "teacher@example.test";
  if (process.env.TEST_DATABASE_URL) await resetPostgres(process.env.TEST_DATABASE_URL);
  const { applyMigrations } = await import("../lib/db/migrator");
  await applyMigrations(process.env.DATABASE_URL);
  return () => rmSync(root, { recursive: true, force: true });
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
