// Lab benchmarks, run on demand (not tests): node --conditions=react-server --import tsx bench/lab.ts
// (`npm run bench` measures the same, and more, against the built app: bench/run.ts)
//  1. What the app adds to time-to-first-token over calling Ollama directly, against the Ollama
//     test double with a fixed model latency: direct ollama-js stream vs the lab's path (catalogue,
//     runner, first token written to the database and pushed to the run's event stream).
//  2. Normalising a 4K screenshot with sharp.
//  3. Image tokens saved by the default 1280 px resize, for 1080p and 4K inputs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const FIRST_TOKEN_MS = 200;

const dataDir = mkdtempSync(path.join(tmpdir(), "lesson-lab-bench-"));
process.env.DATA_DIR = dataDir;
process.env.DATABASE_URL = `file:${path.join(dataDir, "bench.db")}`;
process.env.LAB_RUNS_IN_FLIGHT = "100";
process.env.LAB_RUNS_PER_HOUR = "10000";

const { startOllamaTestServer } = await import("../test/ollama-double/test-server");
const ollama = await startOllamaTestServer({ latency: { load: 0, firstToken: FIRST_TOKEN_MS, perToken: 1 } });
process.env.OLLAMA_HOST = ollama.url;

const { applyMigrations } = await import("../lib/db/migrator");
await applyMigrations(process.env.DATABASE_URL);
const { createUser } = await import("../lib/auth/data/users");
const { expectedImageTokens } = await import("../lib/images/tokens");
const { timeFirstTokenDirect, timeFirstTokenThroughLab } = await import("./lib/lab-timing");
const { timeNormalise } = await import("./lib/image-timing");

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const summary = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(1)} ms, p90 ${pct(xs, 90).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms (n=${xs.length})`;

// 1. Time to first token
const direct = await timeFirstTokenDirect(ollama.url, RUNS);
const user = await createUser({ name: "Bench", email: `bench-${Date.now()}@example.test`, password: "bench-password-123" });
const viaApp = await timeFirstTokenThroughLab(user, RUNS);

console.log(`Time to first token, model latency fixed at ${FIRST_TOKEN_MS} ms:`);
console.log(`  Ollama directly:        ${summary(direct)}`);
console.log(`  through the lab runner: ${summary(viaApp)}`);
console.log(
  `  added by the app:       p50 ${(pct(viaApp, 50) - pct(direct, 50)).toFixed(1)} ms (target under 20 ms), ratio ${(pct(viaApp, 50) / pct(direct, 50)).toFixed(2)}`,
);

// 2. Normalising a 4K screenshot
const fourK = await timeNormalise(3840, 2160, 10);
console.log(`\nNormalising a 3840x2160 PNG (${(fourK.inputBytes / 1e6).toFixed(1)} MB) to 1280 px: ${summary(fourK.times)}`);

// 3. Token reduction
console.log("\nImage tokens before and after the default 1280 px resize:");
for (const [w, h] of [
  [1920, 1080],
  [3840, 2160],
] as const) {
  const scale = 1280 / Math.max(w, h);
  const [rw, rh] = [Math.round(w * scale), Math.round(h * scale)];
  for (const engine of ["llama-server", "go"] as const) {
    for (const family of ["qwen2.5-vl", "qwen3-vl"] as const) {
      const before = expectedImageTokens(w, h, family, engine);
      const after = expectedImageTokens(rw, rh, family, engine);
      console.log(`  ${engine}: ${w}x${h} -> ${rw}x${rh}, ${family}: ${before} -> ${after} tokens (${(before / after).toFixed(2)}x fewer)`);
    }
  }
}

await ollama.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
