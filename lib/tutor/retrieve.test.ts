import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadContentLibrary, readModelFactsFile } from "@/lib/content/server/files";
import { lessonPassages } from "@/lib/tutor/passages";
import { buildIndex, retrieve, stem, type TutorIndex } from "@/lib/tutor/retrieve";

const fixture = z
  .strictObject({
    questions: z.array(z.strictObject({ lesson: z.string(), q: z.string(), sections: z.array(z.string()).min(1) })),
    outOfScope: z.array(z.strictObject({ lesson: z.string(), q: z.string() })),
  })
  .parse(parse(readFileSync(path.join(__dirname, "fixtures", "retrieval.yaml"), "utf8")));

const library = loadContentLibrary();
const models = readModelFactsFile().models;
const indexes = new Map<string, TutorIndex>(
  [...library.lessons].map(([slug, lesson]) => [slug, buildIndex(lessonPassages(lesson, null, models))]),
);
const indexOf = (slug: string) => {
  const index = indexes.get(slug);
  if (!index) throw new Error(`no lesson ${slug}`);
  return index;
};

describe("retrieval over a lesson", () => {
  it("fixture anchors are real headings", () => {
    for (const item of fixture.questions) {
      const headings = library.lessons.get(item.lesson)!.headings.map((h) => h.id);
      for (const anchor of item.sections) expect(headings, `${item.q}`).toContain(anchor);
    }
  });

  it("finds the right section in the top 3 for at least 90% of the questions written from the lessons", () => {
    const misses: string[] = [];
    const perLesson = new Map<string, { hit: number; total: number }>();
    for (const item of fixture.questions) {
      const result = retrieve(indexOf(item.lesson), item.q);
      const hit = result.hits.slice(0, 3).some((h) => item.sections.includes(h.anchor));
      const tally = perLesson.get(item.lesson) ?? { hit: 0, total: 0 };
      tally.total++;
      if (hit) tally.hit++;
      else
        misses.push(
          `${item.lesson}: "${item.q}" -> ${result.hits.map((h) => h.anchor).join(", ") || "nothing"} (wanted ${item.sections.join(" | ")})`,
        );
      if (hit && !result.covered) misses.push(`(hit but judged not covered) ${item.lesson}: "${item.q}"`);
      perLesson.set(item.lesson, tally);
    }
    const hits = fixture.questions.length - misses.filter((m) => !m.startsWith("(")).length;
    const rate = hits / fixture.questions.length;
    console.info(
      `tutor retrieval: ${hits}/${fixture.questions.length} (${(rate * 100).toFixed(1)}%) in the top 3; ` +
        [...perLesson].map(([lesson, t]) => `${lesson} ${t.hit}/${t.total}`).join(", "),
    );
    if (misses.length) console.info(misses.join("\n"));
    expect(fixture.questions.length).toBeGreaterThanOrEqual(20);
    expect(rate).toBeGreaterThanOrEqual(0.9);
  });

  it("says the lesson does not cover questions about other things, and covers the lesson's own", () => {
    const wronglyCovered = fixture.outOfScope.filter((item) => retrieve(indexOf(item.lesson), item.q).covered);
    const wronglyRefused = fixture.questions.filter((item) => !retrieve(indexOf(item.lesson), item.q).covered);
    console.info(
      `tutor coverage threshold: ${fixture.outOfScope.length - wronglyCovered.length}/${fixture.outOfScope.length} out-of-scope questions ` +
        `judged not covered; ${fixture.questions.length - wronglyRefused.length}/${fixture.questions.length} lesson questions judged covered`,
    );
    if (wronglyCovered.length) console.info(`covered though out of scope:\n${wronglyCovered.map((i) => i.q).join("\n")}`);
    if (wronglyRefused.length) console.info(`not covered though in the lesson:\n${wronglyRefused.map((i) => i.q).join("\n")}`);
    expect(wronglyCovered.length / fixture.outOfScope.length).toBeLessThanOrEqual(0.1);
    expect(wronglyRefused.length / fixture.questions.length).toBeLessThanOrEqual(0.1);
  });

  it("treats a question of stop words only as not covered", () => {
    expect(retrieve(indexOf("local-qwen-vl"), "what is it?").covered).toBe(false);
    expect(retrieve(indexOf("local-qwen-vl"), "?!").hits).toEqual([]);
  });

  it("stems plurals and verb forms together", () => {
    expect(stem("tokens")).toBe(stem("token"));
    expect(stem("licences")).toBe(stem("licence"));
    expect(stem("running")).toBe("runn");
    expect(stem("quantised")).toBe("quantis");
  });
});
