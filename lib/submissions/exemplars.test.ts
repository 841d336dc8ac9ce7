import { describe, expect, it } from "vitest";
import { getModelFacts } from "@/lib/content/server/lessons";
import { getSample } from "@/lib/lab/server/samples";
import type { LabSample } from "@/lib/lab/sample-schema";
import { countWords } from "@/lib/submissions/completeness";
import {
  exemplarProblems,
  exemplarSchema,
  factProblem,
  recommendationCoverageProblem,
  writeUpText,
  type Exemplar,
  type ExemplarFact,
} from "@/lib/submissions/exemplars";
import { readExemplarsFile, readRubricFile } from "@/lib/submissions/server/rubric";
import { gradeBandFor, gradeBandProblem, scoreRubric, type GradeBand } from "@/lib/submissions/scoring";

// The rubric's grade bands and the exemplar write-ups, read from content/lab/, and the check that
// proves every fact an exemplar states against its sample's ground truth.

const rubric = readRubricFile();
const exemplars = readExemplarsFile();
const sampleOf = (exemplar: Exemplar): LabSample => getSample(exemplar.sample)!;
const byChoice = (choice: string) => exemplars.find((e) => e.writeUp.recommendation.choice === choice)!;
const settings = byChoice("narrow");

/** An exemplar with one more fact, and the words that mention it. */
function withFact(exemplar: Exemplar, fact: ExemplarFact, sentence: string): Exemplar {
  const writeUp = { ...exemplar.writeUp, cannotKnow: `${exemplar.writeUp.cannotKnow}\n${sentence}` };
  return { ...exemplar, writeUp, facts: [...exemplar.facts, fact] };
}

describe("the rubric's grade bands", () => {
  it("map every score from 0 to 18 to exactly one band, shown from the top", () => {
    const { max } = scoreRubric(rubric, {});
    expect(max).toBe(18);
    expect(gradeBandProblem(rubric.gradeBands, max)).toBeNull();
    for (let points = 0; points <= max; points++) {
      expect(rubric.gradeBands.filter((b) => points >= b.min && points <= b.max)).toHaveLength(1);
    }
    expect(gradeBandFor(rubric.gradeBands, 18)?.title).toBe("Excellent");
    expect(gradeBandFor(rubric.gradeBands, 6)?.title).toBe("Not yet");
    expect(gradeBandFor(rubric.gradeBands, 19)).toBeNull();
  });

  it("keeps four levels, 0 to 3 points, on every criterion", () => {
    for (const criterion of rubric.criteria) expect(criterion.levels.map((l) => l.points)).toEqual([0, 1, 2, 3]);
  });

  it("names what the lab measures: the OCR column, the automatic scores and the injection sample", () => {
    const text = JSON.stringify(rubric.criteria).toLowerCase();
    for (const words of [
      "ocr column",
      "controls",
      "values on the right label",
      "hidden state invented",
      "injected instruction",
      "injection sample",
    ])
      expect(text).toContain(words);
  });

  it("refuses bands with a gap, an overlap, a wrong top or no zero", () => {
    const band = (id: string, min: number, max: number): GradeBand => ({ id, title: id, min, max, description: id });
    expect(gradeBandProblem([band("a", 10, 18), band("b", 0, 9)], 18)).toBeNull();
    expect(gradeBandProblem([band("a", 10, 18), band("b", 0, 8)], 18)).toMatch(/"b" should start at 9/);
    expect(gradeBandProblem([band("a", 10, 18), band("b", 0, 10)], 18)).toMatch(/"b" should start at 9/);
    expect(gradeBandProblem([band("a", 10, 17), band("b", 0, 9)], 18)).toMatch(/"a" should start at 18/);
    expect(gradeBandProblem([band("a", 10, 18), band("b", 2, 9)], 18)).toMatch(/end at 0/);
    expect(gradeBandProblem([], 18)).toMatch(/at least one/);
  });
});

describe("the exemplar write-ups", () => {
  it("are one per recommendation kind, in the order the write-up offers them", () => {
    expect(exemplars.map((e) => e.writeUp.recommendation.choice)).toEqual(["use", "do-not-use", "narrow"]);
    expect(recommendationCoverageProblem([exemplars[0]!, exemplars[0]!, exemplars[2]!])).toMatch(/one exemplar per recommendation/);
  });

  it("use the pair the lesson recommends and record its digests, the exact Ollama version and warm runs", () => {
    const pair = getModelFacts().recommendedPairs[0]!;
    expect(pair).toMatchObject({ text: "qwen3:4b-instruct", vision: "qwen3-vl:4b-instruct" });
    for (const exemplar of exemplars) {
      expect([exemplar.textModel, exemplar.visionModel]).toEqual([pair.text, pair.vision]);
      const paragraph = exemplar.writeUp.recommendation.paragraph;
      expect(paragraph).toMatch(/digest [0-9a-f]{12}/);
      expect(paragraph).toContain(`Ollama ${exemplar.ollamaVersion}`);
      expect(paragraph).toMatch(/warm/);
      expect(paragraph).toMatch(/cold/);
      expect(countWords(paragraph)).toBeLessThanOrEqual(250);
    }
  });

  it("state only facts their sample's ground truth has, and pass the submit check", () => {
    for (const exemplar of exemplars) expect(exemplarProblems(exemplar, sampleOf(exemplar), rubric)).toEqual([]);
  });

  it("have only the fields a student writes: no evidence paragraph, no run", () => {
    const raw = { ...settings, writeUp: { ...settings.writeUp, evidence: "Both models on Ollama 0.32" } };
    expect(exemplarSchema.safeParse(raw).success).toBe(false);
    expect(exemplarSchema.safeParse({ ...settings, writeUp: { ...settings.writeUp, runId: "r1" } }).success).toBe(false);
    expect(exemplarSchema.safeParse(settings).success).toBe(true);
  });
});

describe("the fact check", () => {
  const sample = sampleOf(settings);

  it("finds each kind of fact in the settings screen's ground truth", () => {
    const facts: ExemplarFact[] = [
      { kind: "text", text: "Northwind Desk 4.12.0" },
      { kind: "control", type: "dropdown", label: "digest", state: "closed" },
      { kind: "control", type: "checkbox", label: "Mute notifications on weekends", state: "checked" },
      { kind: "value", label: "Digest frequency", value: "daily at 9am" },
      { kind: "invention", id: "email-address", said: "alerts go to dana@northwind.example" },
      { kind: "count", of: "controls", total: 17 },
    ];
    for (const fact of facts) expect(factProblem(fact, sample)).toBeNull();
  });

  it("fails the old exemplar's made-up Region dropdown and its 3.21 footer", () => {
    expect(factProblem({ kind: "control", type: "dropdown", label: "Region" }, sample)).toBe('no control "Region"');
    expect(factProblem({ kind: "text", text: "3.21" }, sample)).toBe('no visible text "3.21"');
    const region = withFact(settings, { kind: "control", type: "dropdown", label: "Region" }, 'The collapsed "Region" dropdown.');
    expect(exemplarProblems(region, sample, rubric)).toEqual(['facts.13: no control "Region" on settings-screen']);
    const footer = withFact(settings, { kind: "text", text: "3.21" }, "It read the footer as 3.21.");
    expect(exemplarProblems(footer, sample, rubric)).toEqual(['facts.13: no visible text "3.21" on settings-screen']);
  });

  it("fails a wrong state, a wrong value, a wrong count and an invention the sample does not list", () => {
    expect(factProblem({ kind: "control", type: "toggle", label: "Push notifications", state: "on" }, sample)).toMatch(/is off, not on/);
    expect(factProblem({ kind: "control", type: "toggle", label: "Save changes" }, sample)).toMatch(/is a button, not a toggle/);
    expect(factProblem({ kind: "value", label: "Digest frequency", value: "Weekly" }, sample)).toMatch(/is Daily at 09:00, not Weekly/);
    expect(factProblem({ kind: "value", label: "Region", value: "EU" }, sample)).toBe('no value labelled "Region"');
    expect(factProblem({ kind: "count", of: "controls", total: 16 }, sample)).toMatch(/has 17 controls, not 16/);
    expect(factProblem({ kind: "invention", id: "digest-options", said: "Daily at 09:00" }, sample)).toMatch(/not what invention/);
    expect(factProblem({ kind: "invention", id: "region-options", said: "EU West" }, sample)).toBe('no invention "region-options"');
    expect(factProblem({ kind: "injection", id: "reply-approved", said: "APPROVED" }, sample)).toBe(
      'no injected instruction "reply-approved"',
    );
    const injection = getSample("injection")!;
    expect(factProblem({ kind: "injection", id: "reply-approved", said: "APPROVED" }, injection)).toBeNull();
    expect(factProblem({ kind: "injection", id: "lookalike-domain", said: "the refund is pending" }, injection)).toMatch(/neither follows/);
  });

  it("fails a quoted phrase or a version number no fact backs, and a fact the write-up never mentions", () => {
    const quoted = {
      ...settings,
      writeUp: { ...settings.writeUp, cannotKnow: `${settings.writeUp.cannotKnow}\nWhat the "Region" dropdown holds.` },
    };
    expect(exemplarProblems(quoted, sample, rubric)).toEqual(['"Region" is quoted but no fact backs it']);
    const version = {
      ...settings,
      writeUp: { ...settings.writeUp, cannotKnow: `${settings.writeUp.cannotKnow}\nThat the footer says 3.2.1.` },
    };
    expect(exemplarProblems(version, sample, rubric)).toEqual(["version 3.2.1 is neither the Ollama version nor on screen"]);
    const unmentioned = { ...settings, facts: [...settings.facts, { kind: "text" as const, text: "Billing" }] };
    expect(exemplarProblems(unmentioned, sample, rubric)).toEqual(['facts.13: the write-up never says "Billing"']);
  });

  it("fails an exemplar the submit check would refuse, or one with levels the rubric does not have", () => {
    const short = {
      ...settings,
      writeUp: { ...settings.writeUp, recommendation: { ...settings.writeUp.recommendation, paragraph: "Use it." } },
    };
    expect(exemplarProblems(short, sample, rubric).join()).toMatch(/writeup-paragraph/);
    const levels = { ...settings, levels: { ...settings.levels, evidence: "perfect" } };
    expect(exemplarProblems(levels, sample, rubric)).toEqual(["levels: evidence not in the rubric"]);
  });

  it("reads every field a student writes", () => {
    const text = writeUpText(settings.writeUp);
    expect(text).toContain(settings.writeUp.failure.text);
    expect(text).toContain(settings.writeUp.recommendation.narrowJob);
    expect(text).toContain(settings.writeUp.ratings["VISION:task"]!.note);
  });
});
