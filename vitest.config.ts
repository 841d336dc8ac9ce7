import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Each test file has a data directory, an SQLite database and an Ollama test double of its own
// (test/file-setup.ts), so files run side by side: at least two at a time, since many of them wait
// on the double or the disk rather than the CPU. On PostgreSQL (TEST_DATABASE_URL, `npm run
// test:data` in CI) they share the database, so they run one at a time.
const shared = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "hooks/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/file-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: !shared,
    // Two on two cores. Four made the step 3:08 -> 2:40, but beside lint and tsc it starved the
    // in-process Ollama doubles: a 5 s wait for a cancelled request to reach the double timed out.
    maxWorkers: shared ? 1 : Math.max(2, availableParallelism() - 1),
  },
});
