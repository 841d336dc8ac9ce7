import "../scripts/load-env";
import { randomUUID } from "node:crypto";
import { describe } from "./lib/figures";
import { signInBurst } from "./lib/signin";

// A class signing in at once: 50 accounts post their password at the same moment while
// /api/health is asked every 50 ms. Prints sign-in latencies and health latencies (percentiles).
// Target (hardening issue): /api/health keeps answering within a second.
//   npm start   (in another terminal; same DATA_DIR / DATABASE_URL as this shell), then
//   npm run bench:signin -- [baseURL] [accounts]
// (`npm run bench` runs the same burst against a fresh built app: bench/run.ts)

const baseURL = process.argv[2] ?? "http://localhost:3000";
const count = Number(process.argv[3] ?? 50);

const { createUser } = await import("../lib/auth/data/users");

try {
  await fetch(`${baseURL}/api/health`);
} catch {
  console.error(`Nothing answers at ${baseURL}. Start the built app first: npm start`);
  process.exit(1);
}

console.log(`Creating ${count} accounts…`);
const password = "bench password 12345";
const accounts = [];
for (let i = 0; i < count; i++)
  accounts.push(await createUser({ name: `Bench ${i}`, email: `bench-${randomUUID().slice(0, 8)}@example.test`, password }));

console.log(`${count} sign-ins at once…`);
const { signIns, wallMs, health } = await signInBurst(baseURL, accounts, password);

console.log(
  `\nSign-ins: ${signIns.filter((r) => r.ok).length}/${count} succeeded in ${(wallMs / 1000).toFixed(2)} s; each ${describe(
    signIns.map((r) => r.ms),
    ["p50", "p95", "max"],
  )}`,
);
console.log(`/api/health during the burst: ${describe(health, ["p50", "p95", "max"])}`);
console.log(`Target: /api/health within 1000 ms throughout: ${Math.max(...health) < 1000 ? "met" : "NOT met"}`);
process.exit(0);
