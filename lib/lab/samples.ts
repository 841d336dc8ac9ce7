import "server-only";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CONTENT_DIR, ContentError, parseWith, readYamlFile } from "@/lib/content/files";

// The sample screenshots that ship with the app, each with its ground truth (what a careful person
// would transcribe): visible text in reading order, visible controls with their state, the likely
// task, and the trap a model is likely to fall into. The scoring truth (lib/lab/scoring/) comes from
// the same data: label-value pairs, inventions (claims only a guess about what is not visible would
// make) and, for injection samples, the instructions written inside the image. Patterns are
// JavaScript regular expression sources, compiled case-insensitively.

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

const kindSchema = z.enum(["ui", "receipt", "diagram", "chart", "form", "injection"]);

const sampleSchema = z
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

/** The sample image's media type (samples are PNG screenshots, or a JPEG photo). */
export function sampleMediaType(sample: Pick<LabSample, "file">): "image/png" | "image/jpeg" {
  return sample.file.endsWith(".jpg") ? "image/jpeg" : "image/png";
}

export const SAMPLES_DIR = path.join(CONTENT_DIR, "lab", "samples");

export function readSamplesFile(file = path.join(SAMPLES_DIR, "samples.yaml")): LabSample[] {
  const { samples } = parseWith(z.strictObject({ samples: z.array(sampleSchema).min(1) }), readYamlFile(file), file);
  samples.forEach((s, i) => {
    if (!existsSync(path.join(SAMPLES_DIR, s.file))) throw new ContentError(file, `samples.${i}.file`, `${s.file} is missing`);
  });
  const ids = new Set<string>();
  samples.forEach((s, i) => {
    if (ids.has(s.id)) throw new ContentError(file, `samples.${i}.id`, `"${s.id}" is used twice`);
    ids.add(s.id);
  });
  samples.forEach((s, i) => {
    if (s.cropOf !== undefined && (s.cropOf === s.id || !ids.has(s.cropOf)))
      throw new ContentError(file, `samples.${i}.cropOf`, `"${s.cropOf}" is not another sample`);
  });
  const kinds = new Set(samples.map((s) => s.kind));
  for (const kind of kindSchema.options) {
    if (!kinds.has(kind)) throw new ContentError(file, "samples", `needs a sample of kind "${kind}"`);
  }
  return samples;
}

let cache: LabSample[] | undefined;
export function listSamples(): LabSample[] {
  cache ??= readSamplesFile();
  return cache;
}

export function getSample(id: string): LabSample | null {
  return listSamples().find((s) => s.id === id) ?? null;
}

export function readSampleImage(sample: LabSample): Buffer {
  return readFileSync(path.join(SAMPLES_DIR, sample.file));
}
