import { randomUUID } from "node:crypto";
import { describe, percentiles, type Figure } from "../lib/figures";
import { signInBurst } from "../lib/signin";
import { BENCH_PASSWORD, type BenchContext, type Section } from "./context";

// bench/signin-burst.ts against the bench's own server: a class signs in at the same moment.

async function run(ctx: BenchContext): Promise<Figure[]> {
  const count = ctx.quick ? 20 : 50;
  const { createUser } = await import("../../lib/auth/data/users");
  const accounts = [];
  for (let i = 0; i < count; i++)
    accounts.push(
      await createUser({ name: `Sign-in ${i}`, email: `bench-signin-${randomUUID().slice(0, 8)}@example.test`, password: BENCH_PASSWORD }),
    );
  ctx.log(`  ${count} sign-ins at once, /api/health every 50 ms`);
  const { signIns, wallMs, health, healthFailures } = await signInBurst(ctx.baseURL, accounts, BENCH_PASSWORD);
  const ok = signIns.filter((s) => s.ok).length;
  const base = { database: ctx.database, section: "Sign-in burst" };
  return [
    {
      ...base,
      measure: `${count} accounts sign in at once`,
      result: `${ok}/${count} signed in within ${(wallMs / 1000).toFixed(2)} s; each ${describe(
        signIns.map((s) => s.ms),
        ["p50", "p95", "max"],
      )}`,
      target: "all succeed",
      met: ok === count,
    },
    {
      ...base,
      measure: "/api/health during the burst",
      result: `${describe(health, ["p50", "p95", "max"])}${healthFailures ? `; ${healthFailures} failed` : ""}`,
      target: "every answer < 1 s",
      met: healthFailures === 0 && percentiles(health).max < 1000,
    },
  ];
}

export const signinSection: Section = { name: "signin", title: "Sign-in burst", usesDatabase: true, run };
