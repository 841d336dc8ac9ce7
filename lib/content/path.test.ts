import { describe, expect, it } from "vitest";
import { pathProblems, type PathStep } from "@/lib/content/path";
import { loadContentLibrary } from "@/lib/content/server/files";
import { placedChecks } from "@/lib/checks/server/content";

const section = (anchor: string, title: string): PathStep => ({ kind: "section", id: anchor, anchor, title });
const quiz: PathStep = { kind: "quiz", id: "quiz", title: "Take the quiz" };
const headings = [
  { id: "why", text: "Why it matters" },
  { id: "how", text: "How it works" },
  { id: "sources", text: "Sources" },
];

describe("pathProblems", () => {
  it("accepts sections titled as their headings, in page order, with every teaching section on the path", () => {
    expect(pathProblems([section("why", "Why it matters"), section("how", "How it works"), quiz], headings, ["why", "how"])).toEqual([]);
  });

  it("names a step titled after a concept instead of its heading", () => {
    expect(pathProblems([section("why", "Why it matters"), section("how", "works")], headings, [])).toEqual([
      'the step "works" must be titled as its section\'s heading: "How it works"',
    ]);
  });

  it("names a section with a key term or a check that the path leaves out (a section that teaches nothing may stay off)", () => {
    expect(pathProblems([section("why", "Why it matters")], headings, ["how", "how"])).toEqual([
      'the section "How it works" teaches (a key term or a check) but is not on the path',
    ]);
  });

  it("names sections out of the page's order", () => {
    expect(pathProblems([section("how", "How it works"), section("why", "Why it matters")], headings, [])).toEqual([
      "the sections on the path are not in the page's order",
    ]);
  });
});

describe("the shipped lessons' paths", () => {
  it("are the lessons' sections, by their headings, and leave out none that teaches", () => {
    for (const lesson of loadContentLibrary().lessons.values()) {
      const teaching = [
        ...lesson.concepts.map((c) => c.section),
        ...placedChecks(lesson.body).flatMap((c) => (c.section ? [c.section] : [])),
      ];
      const sections = lesson.headings.filter((h) => h.depth === 2);
      expect(pathProblems(lesson.path, sections, teaching), lesson.slug).toEqual([]);
    }
  });

  it("give the flagship the section on matching a model to hardware, task, licence and risk", () => {
    const flagship = loadContentLibrary().lessons.get("local-qwen-vl")!;
    expect(flagship.path.map((s) => s.title)).toContain("Matching a model to hardware, task, licence and risk");
  });
});
