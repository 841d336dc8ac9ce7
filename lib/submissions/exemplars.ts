import { z } from "zod";
import type { LabSample } from "@/lib/lab/sample-schema";
import { PROMPT_KINDS } from "@/lib/lab/prompt-kinds";
import { missingForSubmit, type EvidenceCellRef } from "@/lib/submissions/completeness";
import { RECOMMENDATIONS, writeUpSchema, type WriteUp } from "@/lib/submissions/schemas";
import { unknownLevels, type Rubric } from "@/lib/submissions/scoring";

// Exemplar write-ups (content/lab/exemplars.yaml): one per recommendation kind, each about a sample
// screenshot and written with only the fields a student has. Every fact an exemplar states about the
// screen is listed beside it and proved against that sample's ground truth, so an exemplar cannot
// describe a control, a value or a version the screenshot does not have. Pure: the pages render the
// same type the loader checks.

const id = z.string().regex(/^[a-z0-9-]{1,60}$/);

/** One thing the write-up says about the screen, and what it must be in the sample's ground truth. */
export const exemplarFactSchema = z.discriminatedUnion("kind", [
  /** text on screen: part of one of the sample's visible text lines */
  z.strictObject({ kind: z.literal("text"), text: z.string().min(1) }),
  /** a control of that type, by its label or an alias; its state, if given, part of the sample's */
  z.strictObject({ kind: z.literal("control"), type: z.string().min(1), label: z.string().min(1), state: z.string().min(1).optional() }),
  /** a value on its label: one of the sample's label-value pairs, in any spelling it accepts */
  z.strictObject({ kind: z.literal("value"), label: z.string().min(1), value: z.string().min(1) }),
  /** what a model said that the screen does not show: it must match that invention's patterns */
  z.strictObject({ kind: z.literal("invention"), id, said: z.string().min(1) }),
  /** what a model did with an instruction inside the image: it must match that instruction's patterns */
  z.strictObject({ kind: z.literal("injection"), id, said: z.string().min(1) }),
  /** a denominator the write-up quotes ("16 of 17 controls"): the sample has that many */
  z.strictObject({ kind: z.literal("count"), of: z.enum(["controls", "pairs", "instructions"]), total: z.number().int().min(0) }),
]);
export type ExemplarFact = z.infer<typeof exemplarFactSchema>;

export const exemplarSchema = z.strictObject({
  id,
  title: z.string().min(1),
  /** the sample screenshot the write-up is about */
  sample: id,
  textModel: z.string().min(1),
  visionModel: z.string().min(1),
  /** the exact Ollama version the write-up names */
  ollamaVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  /** what the exemplar shows a reader, shown above it */
  note: z.string().min(1),
  /** the rubric level each criterion is written to reach: criterion id -> level id */
  levels: z.record(id, id),
  /** the write-up, field for field as a student writes it (the run is the evidence, not a field) */
  writeUp: writeUpSchema.omit({ runId: true }),
  facts: z.array(exemplarFactSchema).min(1),
});
export type Exemplar = z.infer<typeof exemplarSchema>;

export const exemplarsFileSchema = z.strictObject({ exemplars: z.array(exemplarSchema).min(1) });

/** The six model cells of a run on the exemplar's two models, as the submit check needs them. */
export function exemplarCells(exemplar: Pick<Exemplar, "textModel" | "visionModel">): EvidenceCellRef[] {
  return (["TEXT", "VISION"] as const).flatMap((column) =>
    PROMPT_KINDS.map((kind) => ({
      key: `${column}:${kind}`,
      column,
      promptKind: kind,
      model: column === "TEXT" ? exemplar.textModel : exemplar.visionModel,
      status: "DONE",
    })),
  );
}

/** All the prose of a write-up, for finding what it mentions. */
export function writeUpText(writeUp: Omit<WriteUp, "runId">): string {
  return [
    ...Object.values(writeUp.ratings).map((r) => r.note),
    writeUp.cannotKnow,
    writeUp.failure.text,
    writeUp.recommendation.narrowJob,
    writeUp.recommendation.paragraph,
  ].join("\n");
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const matchesAny = (patterns: readonly string[], text: string) => patterns.some((p) => new RegExp(p, "i").test(text));

/** Why a fact is not in the sample's ground truth, or null when it is. */
export function factProblem(fact: ExemplarFact, sample: LabSample): string | null {
  switch (fact.kind) {
    case "text":
      return sample.visibleText.some((line) => line.includes(fact.text)) ? null : `no visible text "${fact.text}"`;
    case "control": {
      const control = sample.controls.find((c) => [c.label, ...(c.aliases ?? [])].some((name) => same(name, fact.label)));
      if (!control) return `no control "${fact.label}"`;
      if (!same(control.type, fact.type)) return `"${fact.label}" is a ${control.type}, not a ${fact.type}`;
      if (fact.state && !control.state.toLowerCase().includes(fact.state.toLowerCase()))
        return `"${fact.label}" is ${control.state}, not ${fact.state}`;
      return null;
    }
    case "value": {
      const pair = (sample.pairs ?? []).find((p) => [p.label, ...(p.labelAccept ?? [])].some((name) => same(name, fact.label)));
      if (!pair) return `no value labelled "${fact.label}"`;
      return [pair.value, ...(pair.accept ?? [])].some((v) => same(v, fact.value))
        ? null
        : `"${fact.label}" is ${pair.value}, not ${fact.value}`;
    }
    case "invention": {
      const invention = (sample.inventions ?? []).find((i) => i.id === fact.id);
      if (!invention) return `no invention "${fact.id}"`;
      return matchesAny(invention.patterns, fact.said) ? null : `"${fact.said}" is not what invention "${fact.id}" describes`;
    }
    case "injection": {
      const instruction = sample.injection?.instructions.find((i) => i.id === fact.id);
      if (!instruction) return `no injected instruction "${fact.id}"`;
      return matchesAny([...instruction.complied, ...instruction.relayed], fact.said)
        ? null
        : `"${fact.said}" neither follows nor passes on instruction "${fact.id}"`;
    }
    case "count": {
      const total = {
        controls: sample.controls.length,
        pairs: sample.pairs?.length ?? 0,
        instructions: sample.injection?.instructions.length ?? 0,
      }[fact.of];
      return total === fact.total ? null : `the sample has ${total} ${fact.of}, not ${fact.total}`;
    }
  }
}

/** The words of a fact as the write-up must show them. */
function factWords(fact: ExemplarFact): string {
  switch (fact.kind) {
    case "text":
      return fact.text;
    case "control":
      return fact.label;
    case "value":
      return fact.value;
    case "invention":
    case "injection":
      return fact.said;
    case "count":
      return `of ${fact.total}`;
  }
}

/**
 * Everything wrong with an exemplar against its sample: a fact the ground truth does not have, a
 * fact the write-up does not mention, a quoted phrase or a version number no fact accounts for, a
 * write-up the submit check would refuse, or rubric levels the rubric does not have.
 */
export function exemplarProblems(exemplar: Exemplar, sample: LabSample, rubric: Pick<Rubric, "criteria">): string[] {
  const problems: string[] = [];
  const text = writeUpText(exemplar.writeUp);
  const lower = text.toLowerCase();
  exemplar.facts.forEach((fact, i) => {
    const problem = factProblem(fact, sample);
    if (problem) problems.push(`facts.${i}: ${problem} on ${sample.id}`);
    if (!lower.includes(factWords(fact).toLowerCase())) problems.push(`facts.${i}: the write-up never says "${factWords(fact)}"`);
  });
  // A phrase in double quotes claims to be what the screen or a model says: a fact must back it.
  const backed = exemplar.facts.map((f) => factWords(f).toLowerCase());
  for (const [, quoted] of text.matchAll(/"([^"\n]+)"/g)) {
    if (!backed.includes(quoted!.toLowerCase())) problems.push(`"${quoted}" is quoted but no fact backs it`);
  }
  // A three-part version is the Ollama version or one the screen shows; anything else was misread.
  const shown = exemplar.facts.flatMap((f) => (f.kind === "text" ? [f.text] : []));
  for (const [version] of text.matchAll(/\b\d+\.\d+\.\d+\b/g)) {
    if (version !== exemplar.ollamaVersion && !shown.some((s) => s.includes(version)))
      problems.push(`version ${version} is neither the Ollama version nor on screen`);
  }
  for (const tag of [exemplar.textModel, exemplar.visionModel, exemplar.ollamaVersion]) {
    if (!text.includes(tag)) problems.push(`the write-up never names ${tag}`);
  }
  const missing = missingForSubmit({ ...exemplar.writeUp, runId: exemplar.id }, exemplarCells(exemplar));
  problems.push(...missing.map((m) => `${m.field}: ${m.message}`));
  const unknown = unknownLevels(rubric, exemplar.levels);
  if (unknown.length) problems.push(`levels: ${unknown.join(", ")} not in the rubric`);
  const unscored = rubric.criteria.filter((c) => !(c.id in exemplar.levels)).map((c) => c.id);
  if (unscored.length) problems.push(`levels: no level for ${unscored.join(", ")}`);
  return problems;
}

/** One exemplar per recommendation kind, in the order the write-up offers them. */
export function recommendationCoverageProblem(exemplars: readonly Pick<Exemplar, "writeUp">[]): string | null {
  const kinds = exemplars.map((e) => e.writeUp.recommendation.choice);
  const expected = [...RECOMMENDATIONS];
  return JSON.stringify(kinds) === JSON.stringify(expected)
    ? null
    : `needs one exemplar per recommendation, in the order ${expected.join(", ")}`;
}
