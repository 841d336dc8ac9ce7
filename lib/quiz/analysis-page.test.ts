import { readFileSync } from "node:fs";
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { analyseQuiz, versionCatalogue, type AnalysedAttempt } from "@/lib/quiz/analysis";
import { attemptQuiz } from "@/lib/quiz/attempt-quiz";
import { quizFileSchema } from "@/lib/quiz/schema";
import { QuizFigures, QuizGlance, QuizItems } from "@/components/instructor/quiz-sections";

// The instructor page's table and figures rendered from the real quiz file: each slot's versions
// are rows grouped under one row-group header, so the page keeps one row header per question.

const template = quizFileSchema.parse(parse(readFileSync("content/quizzes/local-qwen-vl.yaml", "utf8")));
const attempts: AnalysedAttempt[] = Array.from({ length: 12 }, (_, i) => {
  const quiz = attemptQuiz(template, { seed: `s${i}`, rotation: 0, format: 2, slots: null });
  const answers = Object.fromEntries(quiz.questions.map((q, j) => [q.id, [q.options[(i + j) % 3 === 0 ? 1 : 0]!.id]]));
  return { student: `s${i}`, quiz, answers };
});
// One retake: it asks every slot's first alternative.
attempts.push({ student: "s0", quiz: attemptQuiz(template, { seed: "retake", rotation: 1, format: 2, slots: null }), answers: {} });

describe("the item analysis page's sections", () => {
  const analysis = analyseQuiz(versionCatalogue(template), attempts);
  const html = renderToStaticMarkup(
    h("div", null, h(QuizFigures, { analysis, students: analysis.students }), h(QuizGlance, { analysis }), h(QuizItems, { analysis })),
  );
  const versions = analysis.slots.reduce((n, s) => n + s.versions.length, 0);

  it("groups every version under one row-group header per question", () => {
    expect(html.match(/scope="rowgroup"/g)).toHaveLength(15);
    expect(html.match(/scope="row"/g)).toBeNull();
    expect(html.match(/<tbody/g)).toHaveLength(15);
    expect(html.match(/data-testid="item-row"/g)).toHaveLength(versions);
    expect(versions).toBeGreaterThan(15);
    const spans = [...html.matchAll(/scope="rowgroup" rowspan="(\d+)"/gi)].map((m) => Number(m[1]));
    expect(spans).toEqual(analysis.slots.map((s) => s.versions.length));
  });

  it("cautions on the retake's versions (1 answer) and keeps the chart to one point per question", () => {
    expect(html).toContain("Under 10 attempts: one student moves every figure");
    expect(html).toContain("Facility against discrimination, one point per question");
    expect(html).toMatch(/Reliability \(α, KR-20\)/);
  });
});
