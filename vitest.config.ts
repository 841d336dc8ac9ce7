import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Each test file has a data directory, an SQLite database and an Ollama test double of its own
// (test/file-setup.ts), so files run side by side: at least two at a time, since many of them wait
// on the double or the disk rather than the CPU. On PostgreSQL (TEST_DATABASE_URL, `npm run
// test:data` in CI) they share the database, so they run one at a time.
const shared = Boolean(process.env.TEST_DATABASE_URL);

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
};
const common = {
  environment: "node",
  setupFiles: ["test/file-setup.ts"],
  testTimeout: 20_000,
  hookTimeout: 60_000,
  pool: "forks" as const,
};
const roots = ["lib", "hooks", "test"];

export default defineConfig({
  resolve: { alias },
  test: {
    // Once for both projects: one data root and one migrated database that every file copies.
    globalSetup: ["test/global-setup.ts"],
    fileParallelism: !shared,
    // Two on two cores. Four made the step 3:08 -> 2:40, but beside lint and tsc it starved the
    // in-process Ollama doubles: a 5 s wait for a cancelled request to reach the double timed out.
    maxWorkers: shared ? 1 : Math.max(2, availableParallelism() - 1),
    projects: [
      {
        // Tests that never reach the database (lib/architecture.test.ts holds every other test to
        // the .db.test.ts suffix) share their worker's modules: loading the content pipeline, zod
        // schemas and the double once per worker instead of once per file halves this project's
        // time (77 -> 45 s here). They keep no state in modules between files; a test that does
        // belongs in the isolated project below.
        resolve: { alias },
        test: {
          ...common,
          name: "unit",
          include: roots.map((root) => `${root}/**/*.test.ts`),
          exclude: ["**/*.db.test.ts", "**/node_modules/**"],
          isolate: false,
        },
      },
      {
        // Database tests: every file in a fresh process, with its own database (test/file-setup.ts).
        resolve: { alias },
        test: { ...common, name: "data", include: roots.map((root) => `${root}/**/*.db.test.ts`), isolate: true },
      },
    ],
  },
});
