import "server-only";
import { parseEnv, resolveAuthSecret, type Env } from "@/lib/env-schema";

function loadEnv(): Env & { AUTH_SECRET: string } {
  const env = parseEnv(process.env);
  return { ...env, AUTH_SECRET: resolveAuthSecret(env) };
}

/** The validated settings. The only place in the app that reads process.env. */
export const env = loadEnv();
