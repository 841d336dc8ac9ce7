import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createElement as h, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { chartRows, tableFromNodes, type TableText } from "@/lib/charts/table-data";
import {
  CONTENT_DIR,
  extractHeadings,
  loadContentLibrary,
  readModelFactsFile,
  readVisionPromptTemplateFile,
  type LessonFile,
} from "@/lib/content/server/files";
import { compileMdx } from "@/lib/content/server/mdx";
import { OBJECTIVE_VERBS } from "@/lib/content/schema";
import { readSamplesFile } from "@/lib/lab/server/samples";
import { assertNoStrayChecks, checksFile, readChecksFile } from "@/lib/checks/server/content";

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

  it("gives the flagship a learning path of its sections, by their headings, then the lab, the write-up and the quiz", () => {
    const flagship = library.lessons.get("local-qwen-vl")!;
    expect(flagship.path.map((s) => s.title)).toEqual([
      "Why Qwen-VL matters locally",
      "What Qwen-VL is",
      "How a vision-language model sees",
      "OCR versus a VLM",
      "Matching a model to hardware, task, licence and risk",
      "Compare the options",
      "Build the small version",
      "The design sketch",
      "Run the lab",
      "Write up your recommendation",
      "Take the quiz",
    ]);
    expect(flagship.path[0]).toEqual({
      kind: "section",
      id: "why-qwen-vl-matters-locally",
      title: "Why Qwen-VL matters locally",
      anchor: "why-qwen-vl-matters-locally",
    });
    expect(flagship.path.slice(8).map((s) => `${s.kind}:${s.id}`)).toEqual(["lab:lab", "write-up:write-up", "quiz:quiz"]);
    expect(flagship.lab).toBe(true);
  });

  it("keeps the lab to the flagship and activities off lessons without them", () => {
    for (const lesson of library.lessons.values()) {
      if (lesson.slug === "local-qwen-vl") continue;
      expect(lesson.lab).toBe(false);
      expect(lesson.path.every((s) => s.kind === "section")).toBe(true);
    }
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

describe("learning objectives", () => {
  const library = loadContentLibrary();

  it("open every lesson, the flagship with 4 or 5, each one a verb the reader can be seen doing", () => {
    const flagship = library.lessons.get("local-qwen-vl")!.objectives!;
    expect(flagship.length).toBeGreaterThanOrEqual(4);
    expect(flagship.length).toBeLessThanOrEqual(5);
    for (const lesson of library.lessons.values()) {
      expect(lesson.objectives?.length, lesson.slug).toBeGreaterThanOrEqual(2);
      for (const objective of lesson.objectives!) expect(OBJECTIVE_VERBS, objective).toContain(objective.split(" ")[0]);
    }
  });

  it.each([
    [
      "one that cannot be checked",
      (t: string) => t.replace(/^ {2}- "Explain how a vision-language model/m, '  - "Understand how a vision-language model'),
      /local-qwen-vl\.mdx: objectives\.0: must start with a verb the reader can be seen doing, .*not "Understand"/,
    ],
    [
      "a repeat",
      (t: string) => t.replace(/^(objectives:\n)( {2}- .*\n)/m, "$1$2$2"),
      /local-qwen-vl\.mdx: objectives\.1: repeats an earlier objective/,
    ],
    [
      "a single one",
      (t: string) => t.replace(/^(objectives:\n {2}- .*\n)(?: {2}- .*\n)+/m, "$1"),
      /local-qwen-vl\.mdx: objectives: needs at least 2/,
    ],
  ])("reject %s, naming the file and the field", (_name, change, message) => {
    const dir = copyOfContent();
    edit(path.join(dir, "lessons", "local-qwen-vl.mdx"), change);
    expect(() => loadContentLibrary(dir)).toThrow(message);
  });

  it("are optional", () => {
    const dir = copyOfContent();
    edit(path.join(dir, "lessons", "vision-model-selection.mdx"), (t) => t.replace(/^objectives:\n(?: {2}- .*\n)+/m, ""));
    expect(loadContentLibrary(dir).lessons.get("vision-model-selection")!.objectives).toBeUndefined();
  });
});

type ChartProps = { series: string[]; label?: string; children?: ReactNode };

/** Renders a lesson's body with every component stubbed, collecting its tables and its charts' tables. */
async function tablesOf(lesson: LessonFile): Promise<{ tables: TableText[]; charts: { props: ChartProps; table: TableText | null }[] }> {
  const Content = await compileMdx(lesson.body, lesson.file);
  const tables: TableText[] = [];
  const charts: { props: ChartProps; table: TableText | null }[] = [];
  const names = new Set([...lesson.body.matchAll(/<([A-Z]\w*)/g)].map((m) => m[1]!));
  const components: Record<string, (props: ChartProps) => ReactNode> = Object.fromEntries([...names].map((name) => [name, () => null]));
  components.TableChart = (props: ChartProps) => {
    charts.push({ props, table: tableFromNodes(props.children) });
    return props.children;
  };
  components.table = (props) => {
    tables.push(tableFromNodes(h("table", null, props.children))!);
    return null;
  };
  renderToStaticMarkup(h(Content, { components }));
  return { tables, charts };
}

describe("charts", () => {
  const library = loadContentLibrary();

  it("each wrap a table whose plotted columns are numbers", async () => {
    let count = 0;
    for (const lesson of library.lessons.values()) {
      for (const { props, table } of (await tablesOf(lesson)).charts) {
        expect(table, lesson.slug).not.toBeNull();
        expect(chartRows(table!, props).length, lesson.slug).toBeGreaterThan(1);
        count++;
      }
    }
    expect(count).toBe(2);
  });

  it("plot the vendor's 3B and 7B scores as the benchmark table gives them", async () => {
    const { charts } = await tablesOf(library.lessons.get("vision-model-selection")!);
    const rows = chartRows(charts[0]!.table!, charts[0]!.props);
    expect(rows.find((r) => r.label === "ScreenSpot")!.values.map((v) => v.value)).toEqual([55.5, 84.7]);
  });

  it("carry the hosted costs per 1,000 screenshots exactly as the worked example has them", async () => {
    const { tables, charts } = await tablesOf(library.lessons.get("vision-cost-comparison")!);
    const worked = tables.find((t) => t.header.includes("Per 1,000"))!;
    const perThousand = new Map(worked.rows.map((r) => [r[0]!, r[worked.header.indexOf("Per 1,000")]!]));
    const hosted = chartRows(charts[0]!.table!, charts[0]!.props).filter((r) => !r.label.startsWith("Local"));
    expect(hosted.map((r) => r.label).sort()).toEqual([...perThousand.keys()].sort());
    for (const row of hosted) expect(row.values[0]!.text, row.label).toBe(perThousand.get(row.label));
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

  const flagshipFile = (dir: string) => path.join(dir, "lessons", "local-qwen-vl.mdx");
  const selectionFile = (dir: string) => path.join(dir, "lessons", "vision-model-selection.mdx");
  const LAB_STEP = '  - { title: "Run the lab", kind: lab }\n';

  it.each([
    [
      "a step with neither an anchor nor a kind",
      (t: string) => t.replace('{ title: "Take the quiz", kind: quiz }', '{ title: "Take the quiz" }'),
      /local-qwen-vl\.mdx: path\.10: needs an anchor \(a section of the lesson\) or a kind/,
    ],
    [
      "a step with both",
      (t: string) => t.replace("kind: quiz }", "kind: quiz, anchor: ocr-versus-a-vlm }"),
      /local-qwen-vl\.mdx: path\.10: has both an anchor and a kind/,
    ],
    [
      "an unknown kind",
      (t: string) => t.replace("kind: quiz }", "kind: essay }"),
      /local-qwen-vl\.mdx: path\.10\.kind: must be "lab", "write-up" or "quiz"/,
    ],
    [
      "an activity twice",
      (t: string) => t.replace(LAB_STEP, LAB_STEP + LAB_STEP),
      /local-qwen-vl\.mdx: path\.9: "lab" is already step 9: each section and each activity is on the path once/,
    ],
    [
      "a section twice",
      (t: string) => t.replace(LAB_STEP, '  - { title: "OCR again", anchor: ocr-versus-a-vlm }\n' + LAB_STEP),
      /local-qwen-vl\.mdx: path\.8: "ocr-versus-a-vlm" is already step 4/,
    ],
    [
      "a lab lesson without its write-up step",
      (t: string) => t.replace(/^ {2}- \{ title: "Write up your recommendation", kind: write-up \}\n/m, ""),
      /local-qwen-vl\.mdx: path: the lesson has a lab: add a step \{ title, kind: write-up \}/,
    ],
    [
      "a quiz file without its quiz step",
      (t: string) => t.replace(/^ {2}- \{ title: "Take the quiz", kind: quiz \}\n/m, ""),
      /local-qwen-vl\.mdx: path: the lesson has a quiz \(content\/quizzes\/local-qwen-vl\.yaml\): add a step/,
    ],
  ])("path steps: %s", (_name, change, message) => {
    const dir = copyOfContent();
    edit(flagshipFile(dir), change);
    expect(() => loadContentLibrary(dir)).toThrow(message);
  });

  it.each([
    ["the lab", "lab", /vision-model-selection\.mdx: path\.4\.kind: "lab" is only for a lesson with a lab \("lab: true"\)/],
    ["the write-up", "write-up", /vision-model-selection\.mdx: path\.4\.kind: "write-up" is only for a lesson with a lab/],
    [
      "a quiz",
      "quiz",
      /vision-model-selection\.mdx: path\.4\.kind: "quiz" needs a quiz file content\/quizzes\/vision-model-selection\.yaml/,
    ],
  ])("path steps: %s on a lesson without one", (_name, kind, message) => {
    const dir = copyOfContent();
    edit(selectionFile(dir), (t) => t.replace(/^concepts:/m, `  - { title: "Activity", kind: ${kind} }\nconcepts:`));
    expect(() => loadContentLibrary(dir)).toThrow(message);
  });

  it("the lab card in a lesson without a lab", () => {
    const dir = copyOfContent();
    edit(selectionFile(dir), (t) => `${t}\n<LabCard />\n`);
    expect(() => loadContentLibrary(dir)).toThrow(/vision-model-selection\.mdx: body: uses <LabCard \/> but the lesson has no lab/);
  });

  it("a lesson gains the lab with lab: true and both steps", () => {
    const dir = copyOfContent();
    edit(selectionFile(dir), (t) =>
      t
        .replace(/^path:/m, "lab: true\npath:")
        .replace(/^concepts:/m, '  - { title: "Lab", kind: lab }\n  - { title: "Write-up", kind: write-up }\nconcepts:'),
    );
    const lesson = loadContentLibrary(dir).lessons.get("vision-model-selection")!;
    expect(lesson.lab).toBe(true);
    expect(lesson.path.slice(-2).map((s) => s.id)).toEqual(["lab", "write-up"]);
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

describe("section checks", () => {
  it("every lesson's checks file parses and matches its lesson (concepts, sections, placements)", () => {
    for (const lesson of loadContentLibrary().lessons.values()) {
      expect(readChecksFile(checksFile(lesson.slug), lesson).checks.length, lesson.slug).toBeGreaterThan(0);
    }
  });

  it("a <SectionCheck /> in a lesson without a checks file names the lesson", () => {
    const lesson = loadContentLibrary().lessons.get("vision-model-selection")!;
    expect(() => assertNoStrayChecks(lesson)).toThrow(
      /vision-model-selection\.mdx: body: <SectionCheck id="benchmark-row-for-ui" \/> needs content\/checks\/vision-model-selection\.yaml/,
    );
  });
});
