import "server-only";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CONTENT_DIR, ContentError, parseWith, readYamlFile } from "@/lib/content/server/files";
import { kindSchema, sampleSchema, type LabSample } from "@/lib/lab/sample-schema";

// The sample screenshots that ship with the app, each with its ground truth (what a careful person
// would transcribe): visible text in reading order, visible controls with their state, the likely
// task, and the trap a model is likely to fall into. The scoring truth (lib/lab/scoring/) comes from
// the same data: label-value pairs, inventions (claims only a guess about what is not visible would
// make) and, for injection samples, the instructions written inside the image. Patterns are
// JavaScript regular expression sources, compiled case-insensitively.

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
