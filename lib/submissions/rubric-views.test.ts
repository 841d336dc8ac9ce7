import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { readExemplarsFile, readRubricFile } from "@/lib/submissions/server/rubric";
import { scoreRubric } from "@/lib/submissions/scoring";
import type { DecidedReview } from "@/lib/submissions/types";
import { ExemplarList } from "@/components/submissions/exemplar-view";
import { GradeField } from "@/components/submissions/review-decision";
import { ReviewSummary } from "@/components/submissions/review-summary";
import { RubricGuide } from "@/components/submissions/rubric-guide";

// What students and instructors see of the rubric, its grade bands and the exemplars, rendered from
// the real content files.

const rubric = readRubricFile();
const exemplars = readExemplarsFile(undefined, rubric);
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");
const top = Object.fromEntries(rubric.criteria.map((c) => [c.id, c.levels.at(-1)!.id]));
const review = (grade: number | null, levels = top): DecidedReview => ({
  decision: "COMPLETED",
  decidedAt: "2026-12-07T03:00:00.000Z",
  levels,
  feedback: "",
  grade,
  reviewerName: null,
});

describe("the rubric beside the write-up", () => {
  const html = renderToStaticMarkup(h(RubricGuide, { rubric }));

  it("is a disclosure with every criterion, each level with its points, and the grade bands", () => {
    expect(html).toMatch(/^<details[^>]*><summary[^>]*>Rubric: how your write-up is marked<\/summary>/);
    expect(html.match(/<h3/g)).toHaveLength(rubric.criteria.length);
    for (const criterion of rubric.criteria) {
      expect(html).toContain(`>${criterion.title}</h3>`);
      for (const level of criterion.levels) expect(text(html)).toContain(`${level.title} (${level.points} point`);
    }
    expect(text(html)).toContain("6 criteria, 18 points in all");
    expect(html).toContain("<caption");
    for (const band of rubric.gradeBands) expect(text(html)).toContain(`${band.min} to ${band.max} ${band.title}`);
  });

  it("labels no region, so no name there repeats a write-up field's", () => {
    expect(html).not.toContain("aria-labelledby");
    expect(html).not.toContain("<section");
  });
});

describe("the exemplars", () => {
  const html = renderToStaticMarkup(h(ExemplarList, { exemplars, rubric }));

  it("fold one write-up per recommendation under its title, with the levels it reaches and their band", () => {
    expect(html.match(/<details/g)).toHaveLength(3);
    for (const exemplar of exemplars) expect(html).toContain(`>${exemplar.title}</summary>`);
    expect(text(html)).toContain("Recommendation: Use it");
    expect(text(html)).toContain("Recommendation: Do not use it");
    expect(text(html)).toContain("Recommendation: Use it only for a narrow job: Reading the visible labels");
    expect(text(html)).toContain("qwen3-vl:4b-instruct, Likely failure: 2 / 5, guessed hidden state.");
    expect(text(html)).toContain("Rubric levels it reaches: 18 of 18 points, Excellent");
    expect(text(html)).toContain("Rubric levels it reaches: 17 of 18 points, Excellent");
  });

  it("are a region named Exemplars (a name with write-up in it would match the write-up's region)", () => {
    expect(html).toMatch(/<section aria-labelledby="exemplars-title"[^>]*><h3 id="exemplars-title"[^>]*>Exemplars<\/h3>/);
    expect(html.match(/<h4/g)!.length).toBe(exemplars.length * 5);
  });
});

describe("the grade band for the points given", () => {
  it("shows under a decided review, for the grade given or else the rubric's points", () => {
    const criteria = rubric.criteria;
    const bands = rubric.gradeBands;
    const given = renderToStaticMarkup(h(ReviewSummary, { review: review(6), rubric: criteria, gradeBands: bands, timeZone: "UTC" }));
    expect(text(given)).toContain("Grade: 6 / 18 Grade band: Not yet (0 to 6 points)");
    const points = renderToStaticMarkup(h(ReviewSummary, { review: review(null), rubric: criteria, gradeBands: bands, timeZone: "UTC" }));
    expect(text(points)).toContain("Grade band: Excellent (16 to 18 points)");
  });

  it("shows under the grade while the instructor reviews", () => {
    const levels = Object.fromEntries(rubric.criteria.map((c) => [c.id, c.levels[2]!.id]));
    const score = scoreRubric(rubric, levels);
    const field = (grade: number | null) =>
      text(renderToStaticMarkup(h(GradeField, { grade, score, bands: rubric.gradeBands, onChange: () => {} })));
    expect(field(null)).toContain("Grade band: Secure (12 to 15 points)");
    expect(field(16)).toContain("Grade band: Excellent (16 to 18 points)");
  });
});
