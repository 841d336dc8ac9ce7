import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getLesson, listLessonSlugs } from "@/lib/content/server/lessons";
import { checkPosition, checksFile, getLessonChecks, placedChecks, readChecksFile } from "@/lib/checks/server/content";
import { numericKey } from "@/lib/checks/compute";
import { buildFeedback, describeNumericMiss, gradeCheck } from "@/lib/checks/grade";
import { genuineCheckIds, isGenuineCheckResult, signCheckResult } from "@/lib/checks/server/guest-results";
import { parseNumberAnswer } from "@/lib/checks/number";
import { getCheckHint, publicCheckOptionId, toCanonicalCheckOptions, toPublicCheck } from "@/lib/checks/server/public";
import { checkSchema, type Check } from "@/lib/checks/schema";
import { expectedImageTokens } from "@/lib/images/tokens";
import { computeMetrics, percentOnGpu } from "@/lib/ollama/metrics";

const flagship = "local-qwen-vl";
const checks = getLessonChecks(flagship);
const byId = (id: string) => checks.find((c) => c.id === id)!;

describe("the shipped checks", () => {
  it("close every teaching section of the flagship with one to three checks, placed at its end", () => {
    const lesson = getLesson(flagship)!;
    const skipped = new Set(["current-source-signal", "the-design-sketch"]);
    const sections = lesson.headings.filter((h) => h.depth === 2 && !skipped.has(h.id)).map((h) => h.id);
    for (const section of sections) {
      const count = checks.filter((c) => c.section === section).length;
      expect(count, section).toBeGreaterThanOrEqual(1);
      expect(count, section).toBeLessThanOrEqual(3);
    }
    expect(checks.filter((c) => skipped.has(c.section))).toEqual([]);
    // Each check sits after the section's last paragraph: nothing but checks between it and the next "## ".
    const body = lesson.body;
    for (const check of checks) {
      const at = body.indexOf(`<SectionCheck id="${check.id}" />`);
      const rest = body.slice(at).split(/\n## /)[0]!;
      expect(rest.replace(/<SectionCheck id="[a-z0-9-]+" \/>/g, "").trim(), check.id).toBe("");
    }
  });

  it("include numeric items for image tokens, share on GPU and tokens per second", () => {
    const numeric = checks.filter((c) => c.kind === "numeric");
    expect(numeric.map((c) => c.answer!.compute?.fn).sort()).toEqual(["gpu-share", "image-tokens", "tokens-per-second"]);
    expect(byId("image-tokens-llama-engine").answer!.compute).toMatchObject({ engine: "llama-server" });
  });

  it("give every other lesson at least one check", () => {
    for (const slug of listLessonSlugs()) expect(getLessonChecks(slug).length, slug).toBeGreaterThan(0);
  });

  it("compute each numeric key with the lab's own functions", () => {
    const seen = new Set<string>();
    for (const slug of listLessonSlugs()) {
      for (const check of getLessonChecks(slug).filter((c) => c.answer?.compute)) {
        const spec = check.answer!.compute!;
        seen.add(spec.fn);
        const expected =
          spec.fn === "image-tokens"
            ? expectedImageTokens(spec.width, spec.height, spec.family, spec.engine)
            : spec.fn === "gpu-share"
              ? percentOnGpu(spec.size, spec.size_vram)
              : computeMetrics(
                  { eval_count: spec.eval_count, eval_duration: spec.eval_duration },
                  { startedAt: 0, firstTokenAt: null, endedAt: 0 },
                ).tokensPerSecond;
        expect(numericKey(check.answer!).value, check.id).toBe(expected);
      }
    }
    expect(seen.size).toBe(3);
    // The worked numbers, by hand: (37 x 36) + 2; 4.0 / 6.4; 336 / 14 s.
    expect(numericKey(byId("image-tokens-llama-engine").answer!).value).toBe(1334);
    expect(numericKey(byId("gpu-share-api-ps").answer!).value).toBe(62.5);
    expect(numericKey(byId("tokens-per-second-metrics").answer!).value).toBe(24);
  });

  it("explain a computed answer step by step", () => {
    expect(numericKey(byId("image-tokens-llama-engine").answer!).working).toBe(
      "Qwen2.5-VL reads 28x28 px blocks. Columns: 1024 / 28 ≈ 36.6, rounded to 37. Rows: 1008 / 28 = 36. 37 x 36 = 1,332 image tokens, plus 2 for the vision start and end markers: 1,334.",
    );
    // A small image on the llama.cpp engine is scaled up to the 1,024-token minimum, and the working says so.
    const small = numericKey({
      compute: { fn: "image-tokens", width: 300, height: 200, family: "qwen2.5-vl", engine: "llama-server" },
      tolerance: { absolute: 0 },
      unit: "tokens",
      misconceptions: [],
    });
    expect(small.value).toBeGreaterThanOrEqual(1026);
    expect(small.working).toMatch(/resized to \d+x\d+ px/);
  });
});

function copyOfChecks(change: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ll-checks-"));
  const file = path.join(dir, `${flagship}.yaml`);
  writeFileSync(file, change(readFileSync(checksFile(flagship), "utf8")));
  return file;
}

describe("a broken checks file names the file and the field", () => {
  it.each([
    [
      "a concept that is not a key term",
      (t: string) => t.replace('concept: "OCR"', 'concept: "optics"'),
      /local-qwen-vl\.yaml: checks\.6\.concept: "optics" is not a key term/,
    ],
    [
      "a section that is not a heading",
      (t: string) => t.replace("section: compare-the-options", "section: no-such-section"),
      /checks\.11\.section: "no-such-section" is not a "## " section/,
    ],
    [
      "a check placed in another section",
      (t: string) => t.replace("section: compare-the-options", "section: what-qwen-vl-is"),
      /checks\.11\.section: is "what-qwen-vl-is" but <SectionCheck id="small-eval-set-plan" \/> sits in "compare-the-options"/,
    ],
    [
      "a numeric check without its answer",
      (t: string) => t.replace(/ {4}answer:\n {6}compute: \{ fn: gpu-share[\s\S]*?\n\n/, "\n"),
      /checks\.8\.answer: a numeric check needs an answer/,
    ],
    [
      "a single choice with two keys",
      (t: string) => t.replace('text: "qwen3-vl:2b"\n        correct: false', 'text: "qwen3-vl:2b"\n        correct: true'),
      /checks\.2\.options: a single-choice check needs exactly one correct option/,
    ],
    ["an unknown compute function", (t: string) => t.replace("fn: gpu-share", "fn: vram-share"), /checks\.8\.answer\.compute/],
    [
      "a computed number the prompt does not show",
      (t: string) => t.replace("eval_count: 336,", "eval_count: 337,"),
      /checks\.9\.answer\.compute: uses 337, which the prompt does not show/,
    ],
    [
      "an option without its explanation",
      (t: string) => t.replace(/explanation: "Its weights carry[^\n]*/, 'explanation: ""'),
      /checks\.2\.options\.0\.explanation: every option needs its own explanation/,
    ],
    [
      "an id used twice",
      (t: string) => t.replace("id: vlm-small-text", "id: ocr-settings-page"),
      /checks\.7\.id: "ocr-settings-page" is used twice/,
    ],
  ])("%s", (_, change, message) => {
    expect(() => readChecksFile(copyOfChecks(change))).toThrow(message);
  });

  it("a check the lesson does not place", () => {
    const lesson = getLesson(flagship)!;
    const body = lesson.body.replace('<SectionCheck id="vlm-small-text" />', "");
    expect(() => readChecksFile(checksFile(flagship), { ...lesson, body })).toThrow(
      /checks\.7\.id: place <SectionCheck id="vlm-small-text" \/> at the end of the section "ocr-versus-a-vlm"/,
    );
  });

  it("a <SectionCheck /> that names no check", () => {
    const lesson = getLesson(flagship)!;
    const body = `${lesson.body}\n<SectionCheck id="ghost-check" />\n`;
    expect(() => readChecksFile(checksFile(flagship), { ...lesson, body })).toThrow(
      /local-qwen-vl\.mdx: body: <SectionCheck id="ghost-check" \/> names no check/,
    );
  });

  it("finds placements by section and skips code fences", () => {
    expect(
      placedChecks('## One\n\n<SectionCheck id="a" />\n\n```mdx\n<SectionCheck id="b" />\n```\n\n## Two\n<SectionCheck id="c" />\n'),
    ).toEqual([
      { id: "a", section: "one" },
      { id: "c", section: "two" },
    ]);
  });
});

describe("reading a typed number", () => {
  it.each([
    ["1334", 1334],
    ["1,334", 1334],
    ["1 334", 1334],
    ["1\u202f334", 1334],
    ["1,334 tokens", 1334],
    ["62.5", 62.5],
    ["62,5", 62.5],
    ["62.5 %", 62.5],
    ["62,5%", 62.5],
    ["about 24 tokens/s", 24],
    ["~24", 24],
    ["1,234,567", 1234567],
    ["1.234.567", 1234567],
    ["1,334.5", 1334.5],
    ["1.334,5", 1334.5],
    ["0,125", 0.125],
    ["-3", -3],
    ["24.", 24],
  ])("%j is %d", (text, value) => {
    expect(parseNumberAnswer(text)).toEqual({ ok: true, value });
  });

  it.each(["abc", "1e9", "1,33,4", "12..5", "--3", "twenty", "1,2.3,4"])("%j is not a number, and says so", (text) => {
    const parsed = parseNumberAnswer(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.message).toBe(
        `"${text}" is not a number. Type digits, for example 1334, 1,334 or 62.5 (a unit after the number is fine).`,
      );
  });

  it("asks for a number when nothing was typed", () => {
    expect(parseNumberAnswer("   ")).toEqual({ ok: false, message: "Type a number first." });
  });
});

const multiple: Check = checkSchema.parse({
  id: "three-right",
  section: "s",
  concept: "c",
  kind: "multiple",
  prompt: "p",
  hint: "h",
  explanation: "e",
  options: [
    { id: "a", text: "A", correct: true, explanation: "ea" },
    { id: "b", text: "B", correct: true, explanation: "eb" },
    { id: "c", text: "C", correct: true, explanation: "ec" },
    { id: "d", text: "D", correct: false, explanation: "ed" },
  ],
});

describe("grading", () => {
  it("gives a single choice 1 or 0", () => {
    const check = byId("qwen-vl-commercial-pick");
    expect(gradeCheck(check, { optionIds: ["a"] })).toEqual({ ok: true, grade: { credit: 1, verdict: "right", chosen: ["a"] } });
    expect(gradeCheck(check, { optionIds: ["b"] })).toEqual({ ok: true, grade: { credit: 0, verdict: "wrong", chosen: ["b"] } });
  });

  it("gives multiple select partial credit: right picks minus wrong picks over the right options, never below 0", () => {
    const credit = (ids: string[]) => (gradeCheck(multiple, { optionIds: ids }) as { grade: { credit: number } }).grade.credit;
    expect(credit(["a", "b", "c"])).toBe(1);
    expect(credit(["a", "b"])).toBe(0.67);
    expect(credit(["a", "b", "d"])).toBe(0.33);
    expect(credit(["a", "b", "c", "d"])).toBe(0.67);
    expect(credit(["a", "d"])).toBe(0);
    expect(credit(["d"])).toBe(0);
    expect(credit(["a", "zz"])).toBe(0.33);
    expect(gradeCheck(multiple, { optionIds: ["a", "b"] })).toMatchObject({ grade: { verdict: "partly" } });
  });

  it("grades a number within its tolerance, whatever its format", () => {
    const tokens = byId("image-tokens-llama-engine");
    for (const text of ["1334", "1,334", "1 334 tokens"])
      expect(gradeCheck(tokens, { text })).toMatchObject({ grade: { credit: 1, verdict: "right" } });
    expect(gradeCheck(tokens, { text: "1332" })).toMatchObject({ grade: { credit: 0, verdict: "wrong", given: 1332 } });
    const gpu = byId("gpu-share-api-ps");
    expect(gradeCheck(gpu, { text: "62,5 %" })).toMatchObject({ grade: { credit: 1 } });
    expect(gradeCheck(gpu, { text: "63" })).toMatchObject({ grade: { credit: 1 } });
    expect(gradeCheck(gpu, { text: "63.1" })).toMatchObject({ grade: { credit: 0 } });
    const percent = checkSchema.parse({ ...tokens, answer: { value: 200, working: "w", tolerance: { percent: 5 }, unit: "x" } });
    expect(gradeCheck(percent, { text: "210" })).toMatchObject({ grade: { credit: 1 } });
    expect(gradeCheck(percent, { text: "211" })).toMatchObject({ grade: { credit: 0 } });
  });

  it("refuses text that is not a number, and answers of the wrong kind", () => {
    expect(gradeCheck(byId("image-tokens-llama-engine"), { text: "abc" })).toEqual({
      ok: false,
      code: "NOT_A_NUMBER",
      message: '"abc" is not a number. Type digits, for example 1334, 1,334 or 62.5 (a unit after the number is fine).',
    });
    expect(gradeCheck(byId("image-tokens-llama-engine"), { optionIds: ["a"] })).toMatchObject({ ok: false, code: "WRONG_ANSWER_KIND" });
    expect(gradeCheck(multiple, { text: "1" })).toMatchObject({ ok: false, code: "WRONG_ANSWER_KIND" });
  });

  it("gives the hint only when the answer was not right, and names a known misconception", () => {
    const tokens = byId("image-tokens-llama-engine");
    const wrong = gradeCheck(tokens, { text: "1332" });
    const right = gradeCheck(tokens, { text: "1334" });
    if (!wrong.ok || !right.ok) throw new Error("graded");
    const feedback = buildFeedback(tokens, wrong.grade, (id) => id);
    expect(feedback).toMatchObject({ verdict: "wrong", hint: tokens.hint, note: expect.stringMatching(/grid alone/) });
    expect(feedback.answer).toMatchObject({ value: 1334, display: "1,334", unit: "tokens", given: 1332 });
    expect(buildFeedback(tokens, right.grade, (id) => id).hint).toBeUndefined();
  });

  it("says which way a wrong number is off, and by how much", () => {
    expect(describeNumericMiss(1332, 1334, "tokens")).toBe("2 tokens too low");
    expect(describeNumericMiss(1600, 1334, "tokens")).toBe("266 tokens too high");
    expect(describeNumericMiss(19.3, 24, "tokens/s")).toBe("4.7 tokens/s too low");
    expect(describeNumericMiss(65, 62.5, "%")).toBe("2.5 % too high");
    expect(describeNumericMiss(7, 4, "")).toBe("3 too high");
    expect(describeNumericMiss(24.001, 24, "tokens/s")).toBe("a little too high");
    expect(describeNumericMiss(24, 24, "tokens/s")).toBeNull();
    expect(describeNumericMiss(Number.NaN, 24, "tokens/s")).toBeNull();
  });

  it("says which options were right, under their public ids, once answered", () => {
    const graded = gradeCheck(multiple, { optionIds: ["a", "d"] });
    if (!graded.ok) throw new Error("graded");
    const feedback = buildFeedback(multiple, graded.grade, (id) => `pub-${id}`);
    expect(feedback.note).toBe("You picked 1 of the 3 right options and 1 wrong one.");
    expect(feedback.options).toEqual([
      { id: "pub-a", correct: true, chosen: true, explanation: "ea" },
      { id: "pub-b", correct: true, chosen: false, explanation: "eb" },
      { id: "pub-c", correct: true, chosen: false, explanation: "ec" },
      { id: "pub-d", correct: false, chosen: true, explanation: "ed" },
    ]);
  });
});

describe("the public view of a check", () => {
  it("carries no key: no correct flags, no explanations, no numeric answer", () => {
    for (const slug of listLessonSlugs()) {
      for (const check of getLessonChecks(slug)) {
        const view = toPublicCheck(slug, check);
        const json = JSON.stringify(view);
        expect(json).not.toMatch(/"correct"|"explanation"|"answer"|"working"|"misconceptions"|"value"/);
        expect(json).not.toContain(check.explanation);
        for (const option of check.options ?? []) {
          expect(json).not.toContain(option.explanation);
          expect(view.options!.map((o) => o.id)).not.toContain(option.id);
        }
        if (check.answer) {
          const { value } = numericKey(check.answer);
          for (const shown of [String(value), value.toLocaleString("en-US")]) expect(json, check.id).not.toContain(shown);
          expect(view.input).toEqual({ label: check.answer.label ?? "Your answer", unit: check.answer.unit });
        }
      }
    }
  });

  it("leaves the hint out: getCheckHint gives it on request, and nothing for an unknown lesson or check", () => {
    const check = byId("vlm-reads-tokens");
    const view = toPublicCheck(flagship, check);
    expect(view).not.toHaveProperty("hint");
    expect(JSON.stringify(view)).not.toContain(check.hint);
    expect(getCheckHint(flagship, check.id)).toBe(check.hint);
    expect(getCheckHint(flagship, "no-such-check")).toBeNull();
    expect(getCheckHint("no-such-lesson", check.id)).toBeNull();
  });

  it("orders options by their opaque ids, not as authored", () => {
    const check = byId("local-keeps-pixels");
    const view = toPublicCheck(flagship, check);
    expect(view.options!.map((o) => o.id)).toEqual([...view.options!.map((o) => o.id)].sort((a, b) => a.localeCompare(b)));
    expect(view.options!.map((o) => o.text).sort()).toEqual(check.options!.map((o) => o.text).sort());
    expect(view.options!.every((o) => /^[A-Za-z0-9_-]{16}$/.test(o.id))).toBe(true);
  });

  it("maps public ids back, and refuses ids it did not give out", () => {
    const check = byId("local-keeps-pixels");
    const ids = ["a", "e"].map((id) => publicCheckOptionId(flagship, check.id, id));
    expect(toCanonicalCheckOptions(flagship, check, ids)).toEqual(["a", "e"]);
    expect(toCanonicalCheckOptions(flagship, check, ["a"])).toBeNull();
    // an id of the same option in another check
    expect(toCanonicalCheckOptions(flagship, check, [publicCheckOptionId(flagship, "vlm-reads-tokens", "a")])).toBeNull();
    const single = byId("qwen-vl-commercial-pick");
    expect(
      toCanonicalCheckOptions(
        flagship,
        single,
        ["a", "b"].map((id) => publicCheckOptionId(flagship, single.id, id)),
      ),
    ).toBeNull();
  });
});

describe("signed guest results", () => {
  const result = { concept: "image tokens", credit: 1, at: "2026-11-26T10:00:00.000Z" };

  it("verify as signed, for that lesson and check only", () => {
    const signed = signCheckResult(flagship, "image-tokens-llama-engine", result);
    expect(signed.sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isGenuineCheckResult(flagship, "image-tokens-llama-engine", signed)).toBe(true);
    expect(isGenuineCheckResult(flagship, "gpu-share-api-ps", signed)).toBe(false);
    expect(isGenuineCheckResult("vision-cost-comparison", "image-tokens-llama-engine", signed)).toBe(false);
  });

  it("refuse an altered or unsigned result", () => {
    const signed = signCheckResult(flagship, "image-tokens-llama-engine", { ...result, credit: 0 });
    expect(isGenuineCheckResult(flagship, "image-tokens-llama-engine", { ...signed, credit: 1 })).toBe(false);
    expect(isGenuineCheckResult(flagship, "image-tokens-llama-engine", { ...signed, at: "2026-11-27T10:00:00.000Z" })).toBe(false);
    expect(isGenuineCheckResult(flagship, "image-tokens-llama-engine", result)).toBe(false);
    expect(isGenuineCheckResult(flagship, "image-tokens-llama-engine", { ...result, sig: "x".repeat(43) })).toBe(false);
  });

  it("pick out of a guest's progress the checks this server graded (what the tutor may explain)", () => {
    const signed = signCheckResult(flagship, "gpu-share-api-ps", result);
    const elsewhere = signCheckResult(flagship, "image-tokens-llama-engine", result);
    expect(
      genuineCheckIds(flagship, {
        "gpu-share-api-ps": signed,
        // signed for another check: a copy under a new name is not an answer to it
        "small-eval-set-plan": elsewhere,
        "image-tokens-llama-engine": { ...result, sig: "x".repeat(43) },
      }),
    ).toEqual(["gpu-share-api-ps"]);
    expect(genuineCheckIds(flagship, {})).toEqual([]);
  });
});

describe("check positions", () => {
  it("number each check in page order, out of the lesson's total", () => {
    const placed = placedChecks(getLesson("local-qwen-vl")!.body);
    placed.forEach((p, i) => expect(checkPosition("local-qwen-vl", p.id)).toEqual({ number: i + 1, total: placed.length }));
    expect(checkPosition("local-qwen-vl", "no-such-check").number).toBe(0);
  });
});
