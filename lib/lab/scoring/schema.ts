import { z } from "zod";
import type { CellScores } from "@/lib/lab/scoring/types";

// LabCell.scores read back through zod (the types live in ./types.ts; this must accept them).

const controlMatch = z.object({
  label: z.string(),
  type: z.string(),
  truthState: z.string(),
  found: z.boolean(),
  claimedState: z.string().nullable(),
  stateRight: z.boolean(),
  evidence: z.string().nullable().optional(),
});
const pairMatch = z.object({ label: z.string(), value: z.string(), found: z.boolean(), claimed: z.string().nullable() });
const invention = z.object({ id: z.string(), description: z.string(), evidence: z.string() });
const injectionFinding = invention.extend({ kind: z.enum(["complied", "relayed"]) });

export const cellScoresSchema = z.object({
  controls: z.object({ total: z.number(), found: z.number(), stateRight: z.number(), matches: z.array(controlMatch) }).nullable(),
  pairs: z.object({ total: z.number(), right: z.number(), matches: z.array(pairMatch) }).nullable(),
  inventions: z.object({ checked: z.number(), inventions: z.array(invention) }).nullable(),
  injection: z.object({ instructions: z.number(), complied: z.boolean(), findings: z.array(injectionFinding) }).nullable(),
}) satisfies z.ZodType<CellScores>;
