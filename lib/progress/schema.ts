import { z } from "zod";
import type { ProgressDoc } from "@/lib/progress/model";
import { slugSchema } from "@/lib/validation";

const isoInstant = z.iso.datetime({ offset: true });
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(100);

export const quizResultSchema = z.strictObject({
  // partial credit on multiple-select questions makes halves and thirds
  score: z.number().min(0).max(1000),
  total: z.number().int().min(1).max(1000),
  at: isoInstant,
  concepts: z.record(z.string().max(200), z.strictObject({ correct: z.number().min(0), total: z.number().int().min(1) })).optional(),
  sig: z.string().max(200).optional(),
});

export const checkResultSchema = z.strictObject({
  concept: z.string().min(1).max(200),
  credit: z.number().min(0).max(1),
  at: isoInstant,
  sig: z.string().max(200).optional(),
});

/** What a browser may send as its progress; checked before anything is merged. */
export const progressDocSchema = z.strictObject({
  v: z.literal(1),
  steps: z.record(slug, z.record(slug, isoInstant)),
  visits: z.record(slug, isoInstant),
  quizzes: z.record(slug, z.strictObject({ best: quizResultSchema.optional(), latest: quizResultSchema.optional() })),
  checks: z.record(slug, z.record(slugSchema, checkResultSchema)).optional(),
}) satisfies z.ZodType<ProgressDoc>;
