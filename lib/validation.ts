import { z } from "zod";

// Zod pieces every action and route handler checks its input with, so a lesson slug or a row id is
// the same shape wherever it arrives. Pure: browser code may use them too.

/** A lesson, step or check slug as it arrives from a page (lower-case letters, digits, hyphens). */
export const SLUG_PATTERN = /^[a-z0-9-]{1,100}$/;

export const slugSchema = z.string().regex(SLUG_PATTERN);

/** A database id (cuid) as it arrives from a page. */
export const idSchema = z.string().min(1).max(40);

/** The revision a page last saw of something saved (a write-up draft), for optimistic concurrency. */
export const revisionSchema = z.number().int().min(0);

/**
 * The schema, taking `unknown` at the type level: for actions whose callers pass along what they
 * hold (a draft, a browser's saved progress) and leave the judging to the server.
 */
export function fromUnknown<S extends z.ZodType>(schema: S): z.ZodPipe<z.ZodUnknown, S> {
  return z.unknown().pipe(schema);
}
