// Sign-up must not tell whether an email is registered, by its answer or by its time. Run on demand
// (not a test): npm run bench:signup [-- rounds]
// Registers new emails and already-registered emails alternately through lib/auth/server/registration.ts
// (what the sign-up action calls) on a fresh SQLite database, or on DATABASE_URL when it names a
// PostgreSQL database, and prints both distributions and the ratio of their medians.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const rounds = Number(process.argv[2] ?? 60);
const dataDir = mkdtempSync(path.join(tmpdir(), "lesson-lab-bench-"));
process.env.DATA_DIR = dataDir;
if (!process.env.DATABASE_URL?.startsWith("postgres")) process.env.DATABASE_URL = `file:${path.join(dataDir, "bench.db")}`;

const { applyMigrations } = await import("../lib/db/migrator");
await applyMigrations(process.env.DATABASE_URL!);
const { registerAccount } = await import("../lib/auth/server/registration");
const { describe, percentiles } = await import("./lib/figures");

const input = (email: string) => ({ name: "Bench", email, password: "bench password 12345" });
const registered: string[] = [];
for (let i = 0; i < Math.min(rounds, 20); i++) {
  const email = `owner-${randomUUID().slice(0, 8)}@example.test`;
  await registerAccount(input(email));
  registered.push(email);
}

const fresh: number[] = [];
const taken: number[] = [];
for (let i = 0; i < rounds; i++) {
  let started = performance.now();
  await registerAccount(input(`new-${randomUUID().slice(0, 8)}@example.test`));
  fresh.push(performance.now() - started);
  started = performance.now();
  await registerAccount({ ...input(registered[i % registered.length]!), password: `another password ${i}` });
  taken.push(performance.now() - started);
}

console.log(`Sign-up on ${process.env.DATABASE_URL!.startsWith("postgres") ? "PostgreSQL" : "SQLite"}, ${rounds} of each, alternating:`);
console.log(`  new email:        ${describe(fresh, ["p50", "p95", "max"])}`);
console.log(`  registered email: ${describe(taken, ["p50", "p95", "max"])}`);
console.log(`  median ratio registered/new: ${(percentiles(taken).p50 / percentiles(fresh).p50).toFixed(2)} (1.00 is the aim)`);
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
