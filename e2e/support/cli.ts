import { spawnSync } from "node:child_process";

/** The environment a script needs to reach the e2e server's data directory and database. */
export function e2eDatabaseEnv(): Record<string, string | undefined> {
  return {
    DATA_DIR: process.env.E2E_DATA_DIR,
    // PostgreSQL: the server's database and its secret (playwright.config.ts)
    ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL, AUTH_SECRET: process.env.E2E_AUTH_SECRET } : {}),
  };
}

/** `npm run user:role -- <args>` against the e2e build's data directory and database. */
export function userRole(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/user-role.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...e2eDatabaseEnv() },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
