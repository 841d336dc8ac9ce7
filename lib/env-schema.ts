import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// Pure parsing of the environment, shared by lib/env.ts (the app), next.config.ts and the CLI
// scripts. Nothing here reads process.env by itself: callers pass the record in.

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const nonNegativeInt = (fallback: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "must be a whole number" })
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be 0 or more" })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

const positiveInt = (fallback: number, max = 1_000_000) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "must be a whole number" })
      .int({ error: "must be a whole number" })
      .min(1, { error: "must be at least 1" })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

/** Ollama's own rule: a host without a scheme is http, and without a port it is 11434. */
export function normaliseOllamaHost(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, "");
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  const url = new URL(hasScheme ? trimmed : `http://${trimmed}`);
  if (!hasScheme && url.port === "") url.port = "11434";
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error("must use http or https");
  }
  return url.origin;
}

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
        error: 'must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)',
      })
      // An in-memory database is one per connection and gone at restart; tools that do not know
      // SQLite's special name write a file called ":memory:" instead.
      .refine((v) => !/^file::memory:/.test(v), { error: "must name a database file, not :memory:" })
      .optional(),
  ),
  AUTH_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, { error: "must be at least 32 characters (try: openssl rand -base64 33)" }).optional(),
  ),
  OLLAMA_HOST: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("http://127.0.0.1:11434")
      .transform((v, ctx) => {
        try {
          return normaliseOllamaHost(v);
        } catch {
          ctx.addIssue({ code: "custom", message: "must be a host or URL such as http://127.0.0.1:11434" });
          return z.NEVER;
        }
      }),
  ),
  /** several Ollama hosts (GPU machines) the lab spreads its model lanes over; unset: OLLAMA_HOST alone */
  OLLAMA_HOSTS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        const hosts: string[] = [];
        for (const part of v
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean)) {
          try {
            const host = normaliseOllamaHost(part);
            if (!hosts.includes(host)) hosts.push(host);
          } catch {
            ctx.addIssue({ code: "custom", message: `"${part}" is not a host or URL such as http://gpu-1:11434` });
            return z.NEVER;
          }
        }
        if (!hosts.length) {
          ctx.addIssue({ code: "custom", message: "must list at least one host, e.g. http://gpu-1:11434,http://gpu-2:11434" });
          return z.NEVER;
        }
        return hosts;
      }),
  ),
  INSTRUCTOR_EMAILS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.email({ error: "must be a comma-separated list of email addresses" }))),
  ),
  PORT: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "must be a port number" })
      .int({ error: "must be a port number" })
      .min(1, { error: "must be between 1 and 65535" })
      .max(65535, { error: "must be between 1 and 65535" })
      .default(3000),
  ),
  TIME_ZONE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("UTC")
      .refine(
        (zone) => {
          try {
            new Intl.DateTimeFormat("en", { timeZone: zone });
            return true;
          } catch {
            return false;
          }
        },
        { error: "must be an IANA time zone such as Europe/London or UTC" },
      ),
  ),
  LAB_MAX_UPLOAD_MB: positiveInt(10, 100),
  LAB_MAX_PIXELS: positiveInt(50_000_000, 500_000_000),
  LAB_MAX_SIDE: positiveInt(1280, 4096),
  LAB_RUNS_IN_FLIGHT: positiveInt(3, 100),
  LAB_RUNS_PER_HOUR: positiveInt(20, 10_000),
  LAB_MODEL_CONCURRENCY: positiveInt(1, 16),
  LAB_CELL_TIMEOUT_S: positiveInt(180, 3600),
  /** seconds a stopping instance (SIGTERM) lets its running lab cells finish before handing them back */
  LAB_DRAIN_SECONDS: nonNegativeInt(20, 600),
  /** the PostgreSQL schema the lab's job queue (pg-boss) keeps its tables in */
  LAB_QUEUE_SCHEMA: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,40}$/, { error: "must be a lower-case PostgreSQL schema name such as pgboss" })
      .default("pgboss"),
  ),
  /** whether this instance executes lab jobs (an instance that only serves pages can say false) */
  LAB_WORKERS: z.preprocess(
    emptyToUndefined,
    z
      .enum(["true", "false", "1", "0", "yes", "no"], { error: 'must be "true" or "false"' })
      .default("true")
      .transform((v) => v === "true" || v === "1" || v === "yes"),
  ),
  LAB_NUM_PREDICT: positiveInt(1024, 32_768),
  /** students run Ollama themselves (their own laptops): show them the operator commands instead of "ask your instructor" */
  LAB_STUDENTS_RUN_OLLAMA: z.preprocess(
    emptyToUndefined,
    z
      .enum(["true", "false", "1", "0", "yes", "no"], { error: 'must be "true" or "false"' })
      .default("false")
      .transform((v) => v === "true" || v === "1" || v === "yes"),
  ),
  LAB_UPLOADS_PER_HOUR: positiveInt(60, 100_000),
  LAB_UPLOAD_QUOTA_MB: positiveInt(200, 100_000),
  LAB_UPLOAD_RETENTION_HOURS: positiveInt(24, 24 * 365),
  LAB_DECODE_CONCURRENCY: positiveInt(2, 64),
  /** seconds a guest's lesson page and catalogue are served from memory before rendering again; 0: render every request */
  GUEST_PAGE_CACHE_SECONDS: nonNegativeInt(60, 3600),
  /** how many proxies in front of the app add to X-Forwarded-For; 0: use the socket's address */
  TRUST_PROXY: nonNegativeInt(0, 10),
  /** failed sign-ins per account and address before a backoff starts */
  SIGNIN_FAILURES_BEFORE_BACKOFF: positiveInt(5, 1000),
  /** sign-in attempts per address a minute, all accounts together (a class behind one address) */
  SIGNIN_LIMIT_PER_ADDRESS: positiveInt(300),
  /** new accounts per address an hour */
  SIGNUP_LIMIT_PER_ADDRESS: positiveInt(300),
  /** sign-ups an hour from everywhere together (a brake on walking through email addresses from many addresses) */
  SIGNUP_LIMIT_GLOBAL: positiveInt(2000),
  /** password hashes computed at once (off the main thread); more wait their turn */
  PASSWORD_HASH_CONCURRENCY: positiveInt(2, 64),
  /** tests only: a file holding milliseconds added to the time reviews are scheduled by (lib/server/clock.ts) */
  TEST_CLOCK_FILE: z.preprocess(emptyToUndefined, z.string().optional()),
  /** the lesson tutor's model: an installed Ollama tag, "off" for quoted passages only; unset: the lesson's text-only pick, else any installed text model */
  TUTOR_MODEL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^(off|[a-z0-9][a-z0-9._/-]*(:[a-z0-9._-]+)?)$/i, { error: 'must be an Ollama model tag such as qwen3:4b-instruct, or "off"' })
      .optional(),
  ),
  /** tutor questions a signed-in student may ask an hour */
  TUTOR_QUESTIONS_PER_HOUR: positiveInt(60, 100_000),
  /** tutor questions an hour from one address for all guests together */
  TUTOR_GUEST_QUESTIONS_PER_HOUR: positiveInt(300, 1_000_000),
  /** tutor answers phrased at once (the rest wait; past 8 waiting they get the quoted passages) */
  TUTOR_CONCURRENCY: positiveInt(1, 16),
  /** seconds before a tutor answer gives up (load included); what arrived is kept */
  TUTOR_TIMEOUT_S: positiveInt(120, 3600),
  /** after a quiz is submitted: show right answers for every question, only answered ones, or only after N attempts */
  QUIZ_REVIEW_POLICY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default("answered")
      .refine((v) => /^(after-submit|answered|after-attempts:[1-9][0-9]?)$/.test(v), {
        error: 'must be "after-submit", "answered" or "after-attempts:N" (N from 1 to 99)',
      }),
  ),
});

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
