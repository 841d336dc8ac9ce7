import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CONTENT_DIR, parseWith, readYamlFile } from "@/lib/content/server/files";
import { quizFileSchema } from "@/lib/quiz/schema";
import { quizItemTexts, refusalKind } from "@/lib/tutor/refusal";

const fixture = z
  .strictObject({
    refuse: z.array(z.strictObject({ q: z.string(), kind: z.enum(["quiz", "write-up"]) })),
    allow: z.array(z.strictObject({ q: z.string() })),
  })
  .parse(parse(readFileSync(path.join(__dirname, "fixtures", "refusals.yaml"), "utf8")));

const quizFile = path.join(CONTENT_DIR, "quizzes", "local-qwen-vl.yaml");
const items = quizItemTexts(parseWith(quizFileSchema, readYamlFile(quizFile), quizFile));
const stems = items.map((i) => i.stem);

describe("requests the tutor will not fulfil", () => {
  it.each(fixture.refuse)("refuses ($kind): $q", ({ q, kind }) => {
    expect(refusalKind(q, stems, items)).toBe(kind);
  });

  it.each(fixture.allow)("answers: $q", ({ q }) => {
    expect(refusalKind(q, stems, items)).toBeNull();
  });

  it("answers every question of the retrieval fixture (ordinary questions about the lessons)", () => {
    const ordinary = z
      .object({ questions: z.array(z.object({ q: z.string() })) })
      .parse(parse(readFileSync(path.join(__dirname, "fixtures", "retrieval.yaml"), "utf8")));
    expect(ordinary.questions.filter(({ q }) => refusalKind(q, stems, items) !== null).map(({ q }) => q)).toEqual([]);
  });
});
