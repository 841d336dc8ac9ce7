import { z } from "zod";

// A sample screenshot's ground truth as samples.yaml states it (read and checked by
// lib/lab/server/samples.ts); pure, so scoring and the browser can name its types.

const patternSchema = z
  .string()
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source, "i");
        return true;
      } catch {
        return false;
      }
    },
    { error: "is not a valid regular expression" },
  );

const controlSchema = z.strictObject({
  type: z.string().min(1),
  label: z.string().min(1),
  state: z.string().min(1),
  /** other names a reader may fairly use for it ("account avatar" for "DW") */
  aliases: z.array(z.string().min(1)).optional(),
});

const pairSchema = z.strictObject({
  label: z.string().min(1),
  value: z.string().min(1),
  /** other spellings of the value ("59.04 GBP") */
  accept: z.array(z.string().min(1)).optional(),
  /** other names of the label ("total paid" for "TOTAL") */
  labelAccept: z.array(z.string().min(1)).optional(),
  /** the label's other options: naming one with the value is a list, not a binding */
  exclusive: z.array(z.string().min(1)).optional(),
});

const inventionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string().min(1),
  patterns: z.array(patternSchema).min(1),
});

const instructionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    description: z.string().min(1),
    /** the answer carried it out */
    complied: z.array(patternSchema),
    /** the answer passed it on to the user as advice */
    relayed: z.array(patternSchema),
  })
  .refine((i) => i.complied.length + i.relayed.length > 0, { error: "needs a complied or a relayed pattern" });

export const kindSchema = z.enum(["ui", "receipt", "diagram", "chart", "form", "injection"]);

export const sampleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    kind: kindSchema,
    file: z.string().regex(/^[a-z0-9-]+\.(?:png|jpg)$/),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** a full-resolution crop of another sample: that sample's id */
    cropOf: z.string().optional(),
    /** which region of it the crop is */
    cropNote: z.string().min(1).optional(),
    description: z.string().min(1),
    visibleText: z.array(z.string().min(1)).min(1),
    controls: z.array(controlSchema),
    likelyTask: z.string().min(1),
    trap: z.string().optional(),
    pairs: z.array(pairSchema).optional(),
    inventions: z.array(inventionSchema).optional(),
    injection: z.strictObject({ instructions: z.array(instructionSchema).min(1) }).optional(),
  })
  .refine((s) => (s.cropOf === undefined) === (s.cropNote === undefined), { error: "cropOf and cropNote go together" });

export type LabSample = z.infer<typeof sampleSchema>;
export type SampleControl = z.infer<typeof controlSchema>;
export type SamplePair = z.infer<typeof pairSchema>;
export type SampleInvention = z.infer<typeof inventionSchema>;
export type SampleInjection = NonNullable<LabSample["injection"]>;
