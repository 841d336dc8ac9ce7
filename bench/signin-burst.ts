import "../scripts/load-env";
import { randomUUID } from "node:crypto";

// A class signing in at once: 50 accounts post their password at the same moment while
// /api/health is asked every 50 ms. Prints sign-in latencies and health latencies (percentiles).
// Target (hardening issue): /api/health keeps answering within a second.
//   npm start   (in another terminal; same DATA_DIR / DATABASE_URL as this shell), then
//   npm run bench:signin -- [baseURL] [accounts]

const baseURL = process.argv[2] ?? "http://localhost:3000";
const count = Number(process.argv[3] ?? 50);

const { createUser } = await import("../lib/auth/users");

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const summary = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms (n=${values.length})`;

async function signIn(email: string, password: string): Promise<{ ms: number; ok: boolean }> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const started = performance.now();
  const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL, cookie },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
  });
  const ms = performance.now() - started;
  const location = response.headers.get("location") ?? "";
  return { ms, ok: response.status === 302 && !location.includes("error") };
}

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

const health: number[] = [];
let polling = true;
const poller = (async () => {
  while (polling) {
    const started = performance.now();
    await fetch(`${baseURL}/api/health`).catch(() => undefined);
    health.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 50));
  }
})();

console.log(`${count} sign-ins at once…`);
const started = performance.now();
const results = await Promise.all(accounts.map((a) => signIn(a.email, password)));
const wall = performance.now() - started;
polling = false;
await poller;

console.log(
  `\nSign-ins: ${results.filter((r) => r.ok).length}/${count} succeeded in ${(wall / 1000).toFixed(2)} s; each ${summary(results.map((r) => r.ms))}`,
);
console.log(`/api/health during the burst: ${summary(health)}`);
console.log(`Target: /api/health within 1000 ms throughout: ${Math.max(...health) < 1000 ? "met" : "NOT met"}`);
process.exit(0);
