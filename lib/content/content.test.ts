import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONTENT_DIR, extractHeadings, loadContentLibrary, readModelFactsFile, readVisionPromptTemplateFile } from "@/lib/content/files";
import { compileMdx } from "@/lib/content/mdx";
import { readSamplesFile } from "@/lib/lab/samples";

function copyOfContent(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ll-content-"));
  cpSync(CONTENT_DIR, dir, { recursive: true });
  return dir;
}

function edit(file: string, change: (text: string) => string) {
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

describe("the shipped content", () => {
  const library = loadContentLibrary();

  it("has the flagship and its three related lessons, in catalogue order", () => {
    expect(library.order).toContain("local-qwen-vl");
    expect(library.lessons.get("local-qwen-vl")!.related).toEqual([
      "vision-model-selection",
      "vision-cost-comparison",
      "multimodal-model-families",
    ]);
    expect(library.order.length).toBe(library.lessons.size);
  });

  it("gives the flagship the learning path of the source page", () => {
    expect(library.lessons.get("local-qwen-vl")!.path.map((s) => s.title)).toEqual([
      "Why Qwen-VL matters locally",
      "Qwen-VL",
      "vision-language model",
      "OCR",
    ]);
  });

  it("compiles every lesson body", async () => {
    for (const lesson of library.lessons.values()) await expect(compileMdx(lesson.body, lesson.file)).resolves.toBeTypeOf("function");
  });

  it("reads the model facts and the prompt template", () => {
    const facts = readModelFactsFile();
    expect(facts.models.find((m) => m.tag === "qwen2.5vl:3b")).toMatchObject({ kind: "vision", nonCommercial: true });
    expect(facts.recommendedPairs).toContainEqual(expect.objectContaining({ text: "qwen3:4b-instruct", vision: "qwen3-vl:4b-instruct" }));
    expect(readVisionPromptTemplateFile().output).toEqual(["visible text", "visible controls", "likely user task", "uncertainties"]);
  });
});

describe("broken content names the file and the field", () => {
  it.each([
    ["a missing title", (t: string) => t.replace(/^title: .*$/m, ""), /local-qwen-vl\.mdx: title: /],
    ["minutes as text", (t: string) => t.replace(/^minutes: .*$/m, "minutes: soon"), /local-qwen-vl\.mdx: minutes: /],
    [
      "a path anchor with no heading",
      (t: string) => t.replace("anchor: ocr-versus-a-vlm", "anchor: no-such-section"),
      /local-qwen-vl\.mdx: path\.3\.anchor: "no-such-section"/,
    ],
    ["an undated source", (t: string) => t.replace(/date: 2026-11-01/, "date: recently"), /local-qwen-vl\.mdx: sources\.0\.date: /],
    [
      "an unknown related lesson",
      (t: string) => t.replace("related: [vision-model-selection", "related: [nope"),
      /local-qwen-vl\.mdx: related\.0: no lesson "nope"/,
    ],
    ["an unknown field", (t: string) => t.replace(/^minutes:/m, "colour: blue\nminutes:"), /local-qwen-vl\.mdx: \(root\): /],
  ])("%s", (_name, change, message) => {
    const dir = copyOfContent();
    edit(path.join(dir, "lessons", "local-qwen-vl.mdx"), change);
    expect(() => loadContentLibrary(dir)).toThrow(message);
  });

  it("a catalogue entry without a file", () => {
    const dir = copyOfContent();
    edit(path.join(dir, "catalogue.yaml"), (t) => t.replace("lessons: [local-qwen-vl,", "lessons: [ghost-lesson, local-qwen-vl,"));
    expect(() => loadContentLibrary(dir)).toThrow(/catalogue\.yaml: tracks\.0\.lessons\.0: no lesson file/);
  });

  it("a syntax error in MDX", async () => {
    await expect(compileMdx("## Title\n\n<Callout>unclosed", "broken.mdx")).rejects.toThrow(/broken\.mdx: MDX does not compile/);
  });
});

describe("lab samples", () => {
  it("ship one of each kind, each with its image and ground truth", () => {
    const samples = readSamplesFile();
    expect(new Set(samples.map((s) => s.kind))).toEqual(new Set(["ui", "receipt", "diagram", "chart", "form", "injection"]));
    for (const s of samples) expect(s.visibleText.length).toBeGreaterThan(5);
    expect(samples.find((s) => s.kind === "injection")!.visibleText.join(" ")).toMatch(/IGNORE ALL PREVIOUS INSTRUCTIONS/);
  });
});

describe("heading ids", () => {
  it("match rehype-slug, skip code fences and number duplicates", () => {
    expect(extractHeadings("## OCR versus a VLM\n```\n## not a heading\n```\n### Why not *just* send it?\n## OCR versus a VLM")).toEqual([
      { depth: 2, text: "OCR versus a VLM", id: "ocr-versus-a-vlm" },
      { depth: 3, text: "Why not just send it?", id: "why-not-just-send-it" },
      { depth: 2, text: "OCR versus a VLM", id: "ocr-versus-a-vlm-1" },
    ]);
  });
});
