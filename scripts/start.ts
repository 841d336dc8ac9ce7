import "./load-env";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EnvError, parseEnv, resolveAuthSecret } from "@/lib/env-schema";
import { applyMigrations } from "@/lib/db/migrator";
import { checkAllContent } from "./content-check";
import { PRIVATE_UMASK, secureDataDir } from "@/lib/security/data-dir";

// `npm start`: validate settings, make the data directory private, apply migrations on the embedded
// SQLite default, build when the sources changed since the last build, then serve on PORT through
// the app's own server (scripts/server.ts).

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const stampFile = path.join(root, ".next", "lesson-lab-source-hash");
const sourceRoots = [
  "app",
  "components",
  "lib",
  "content",
  "public",
  "prisma",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function hashSources(): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      if (p.endsWith(`${path.sep}generated`)) return;
      for (const entry of readdirSync(p).sort()) visit(path.join(p, entry));
    } else if (!/\.test\.tsx?$/.test(p)) {
      // Test files are not part of the build: changing one needs no new build.
      hash.update(path.relative(root, p)).update("\0").update(readFileSync(p));
    }
  };
  for (const r of sourceRoots) visit(path.join(root, r));
  return hash.digest("hex");
}

async function main() {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  process.umask(PRIVATE_UMASK);
  secureDataDir(env.DATA_DIR);
  resolveAuthSecret(env);

  if (env.DATABASE_PROVIDER === "sqlite") {
    const applied = await applyMigrations(env.DATABASE_URL);
    console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
  } else {
    console.log("PostgreSQL: apply migrations with `npm run db:migrate` before starting a new version.");
  }

  const sourceHash = hashSources();
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === sourceHash;
  if (!built || process.argv.includes("--build")) {
    console.log(`Content OK: ${await checkAllContent()}`);
    console.log("Building Lesson Lab (about half a minute)…");
    const result = spawnSync(process.execPath, [nextBin, "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
    writeFileSync(stampFile, sourceHash);
  }
  // Several instances run one build (server action ids must agree): build once, then start each.
  if (process.argv.includes("--build-only")) return;

  const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "server.ts")], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
