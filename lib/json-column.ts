import type { z } from "zod";

/**
 * A JSON column read back through its zod schema. A row that no longer fits (written by an older
 * version) reads as absent rather than breaking the page; the server log says which.
 */
export function readJsonColumn<S extends z.ZodType>(schema: S, text: string | null, where: string): z.infer<S> | null {
  if (!text) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    console.warn(`[data] ${where} does not match its schema`, parsed.error.issues[0]);
  } catch {
    console.warn(`[data] ${where} is not JSON`);
  }
  return null;
}
