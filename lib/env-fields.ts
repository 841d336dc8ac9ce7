import { z } from "zod";

// The kinds of setting the environment holds (whole numbers, flags, Ollama hosts), each read the
// same way: an empty value is an unset one. Relative imports only: next.config.ts and the CLI
// scripts load this without the "@/" alias.

export const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const nonNegativeInt = (fallback: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "must be a whole number" })
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be 0 or more" })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

export const positiveInt = (fallback: number, max = 1_000_000) =>
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

/** "true"/"false" (or 1/0, yes/no), read as a boolean. */
export const flag = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(["true", "false", "1", "0", "yes", "no"], { error: 'must be "true" or "false"' })
      .default(fallback ? "true" : "false")
      .transform((v) => v === "true" || v === "1" || v === "yes"),
  );
