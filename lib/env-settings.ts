import { z } from "zod";
import { emptyToUndefined, flag, nonNegativeInt, normaliseOllamaHost, positiveInt } from "./env-fields";

// The app's settings by group, joined into one schema by lib/env-schema.ts (in this order, which is
// the order problems are listed in). Relative imports only: next.config.ts loads this without "@/".

/** The server itself: where data lives, the database, secrets, Ollama, instructors, port, time zone and LMS addresses. */
export const siteSettings = {
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
  /**
   * The site's public address, Auth.js's own setting (it reads it itself): when set, it decides
   * whether session cookies are https ones. The LTI launch reads it here to mint the same cookie.
   */
  AUTH_URL: z.preprocess(emptyToUndefined, z.url({ error: "must be the site's address, such as https://lab.school.example" }).optional()),
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
  /**
   * Registered course sites (LTI 1.3 platforms) may use plain http:// addresses: for tests and a
   * platform double on this machine only, since tokens and keys would then cross the network unprotected.
   */
  LTI_ALLOW_HTTP: flag(false),
  /** seconds between the grade outbox's looks for scores to send to course sites (a new score is sent at once) */
  LTI_OUTBOX_TICK_SECONDS: positiveInt(15, 3600),
};

/** Traffic and accounts: caching for guests, proxies, sign-in and sign-up limits, password hashing, the test clock. */
export const requestSettings = {
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
};
