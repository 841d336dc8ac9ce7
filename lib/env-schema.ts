import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { labSettings, quizSettings, tutorSettings } from "./env-learning-settings";
import { requestSettings, siteSettings } from "./env-settings";

// Pure parsing of the environment, shared by lib/env.ts (the app), next.config.ts and the CLI
// scripts. Nothing here reads process.env by itself: callers pass the record in. The settings
// themselves are in lib/env-settings.ts and lib/env-learning-settings.ts (relative imports only:
// next.config.ts loads these files without the "@/" alias).

export { normaliseOllamaHost } from "./env-fields";

const envSchema = z.object({ ...siteSettings, ...labSettings, ...requestSettings, ...tutorSettings, ...quizSettings });

export type Env = Omit<z.output<typeof envSchema>, "DATABASE_URL" | "AUTH_SECRET" | "OLLAMA_HOSTS"> & {
  DATA_DIR: string;
  /** every Ollama host of the pool (OLLAMA_HOSTS, else OLLAMA_HOST alone); OLLAMA_HOST is the first */
  OLLAMA_HOSTS: string[];
  DATABASE_URL: string;
  DATABASE_PROVIDER: "sqlite" | "postgresql";
  /** undefined until resolveAuthSecret() has filled it in */
  AUTH_SECRET: string | undefined;
};

export class EnvError extends Error {
  constructor(public readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid environment:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}\n` +
        "Fix the variable(s) above (see .env.example) and start again.",
    );
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>, cwd = process.cwd()): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.message,
      })),
    );
  }
  const value = result.data;
  const dataDir = path.resolve(cwd, value.DATA_DIR);
  const databaseUrl = value.DATABASE_URL ?? `file:${path.join(dataDir, "lesson-lab.db")}`;
  const hosts = value.OLLAMA_HOSTS ?? [value.OLLAMA_HOST];
  return {
    ...value,
    OLLAMA_HOSTS: hosts,
    OLLAMA_HOST: hosts[0]!,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    DATABASE_PROVIDER: databaseUrl.startsWith("file:") ? "sqlite" : "postgresql",
    AUTH_SECRET: value.AUTH_SECRET,
  };
}

/**
 * The embedded setup needs no configuration, so a missing AUTH_SECRET is generated once into
 * DATA_DIR and reused by every later start (and by every instance sharing DATA_DIR).
 */
export function resolveAuthSecret(env: Env): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  // Instances sharing a PostgreSQL database must sign sessions alike: a secret generated per data
  // directory would sign people out whenever another instance served them.
  if (env.DATABASE_PROVIDER === "postgresql") {
    throw new EnvError([
      {
        variable: "AUTH_SECRET",
        message: "is required with a PostgreSQL DATABASE_URL, the same on every instance (generate one with: openssl rand -base64 33)",
      },
    ]);
  }
  const file = path.join(env.DATA_DIR, "auth-secret");
  const read = () => readFileSync(file, "utf8").trim();
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(33).toString("base64"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return read();
}

/** SQLite file path from a file: URL, relative paths resolved against cwd. */
export function sqlitePathFromUrl(url: string, cwd = process.cwd()): string {
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return file === ":memory:" ? file : path.resolve(cwd, file);
}
