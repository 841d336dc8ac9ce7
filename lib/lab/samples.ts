import "server-only";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CONTENT_DIR, ContentError, parseWith, readYamlFile } from "@/lib/content/files";

// The sample screenshots that ship with the app, each with its ground truth (what a careful person
// would transcribe): visible text in reading order, visible controls with their state, the likely
// task, and the trap a model is likely to fall into.

const sampleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  kind: z.enum(["ui", "receipt", "diagram", "chart", "form", "injection"]),
  file: z.string().regex(/^[a-z0-9-]+\.png$/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  description: z.string().min(1),
  visibleText: z.array(z.string().min(1)).min(1),
  controls: z.array(z.strictObject({ type: z.string().min(1), label: z.string().min(1), state: z.string().min(1) })),
  likelyTask: z.string().min(1),
  trap: z.string().optional(),
});

export type LabSample = z.infer<typeof sampleSchema>;

export const SAMPLES_DIR = path.join(CONTENT_DIR, "lab", "samples");

export function readSamplesFile(file = path.join(SAMPLES_DIR, "samples.yaml")): LabSample[] {
  const { samples } = parseWith(z.strictObject({ samples: z.array(sampleSchema).min(1) }), readYamlFile(file), file);
  samples.forEach((s, i) => {
    if (!existsSync(path.join(SAMPLES_DIR, s.file))) throw new ContentError(file, `samples.${i}.file`, `${s.file} is missing`);
  });
  const kinds = new Set(samples.map((s) => s.kind));
  for (const kind of sampleSchema.shape.kind.options) {
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
