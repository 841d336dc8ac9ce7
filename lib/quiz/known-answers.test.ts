import { describe, expect, it } from "vitest";
import { keepKnownAnswers, toggleOption } from "@/lib/quiz/known-answers";
import type { PublicQuiz } from "@/lib/quiz/types";

const quiz: PublicQuiz = {
  lesson: "l",
  title: "t",
  questions: [
    {
      id: "q1",
      number: 1,
      kind: "single",
      prompt: "p",
      concept: "c",
      options: [
        { id: "a", text: "A" },
        { id: "b", text: "B" },
      ],
    },
    {
      id: "q2",
      number: 2,
      kind: "multiple",
      prompt: "p",
      concept: "c",
      options: [
        { id: "c", text: "C" },
        { id: "d", text: "D" },
      ],
    },
  ],
};

describe("keepKnownAnswers", () => {
  it("keeps answers whose options are on the page", () => {
    expect(keepKnownAnswers(quiz, { q1: ["a"], q2: ["c", "d"] })).toEqual({ kept: { q1: ["a"], q2: ["c", "d"] }, dropped: false });
  });

  it("drops option ids drawn for another identity, and questions left empty", () => {
    expect(keepKnownAnswers(quiz, { q1: ["x"], q2: ["c", "y"], q3: ["a"] })).toEqual({ kept: { q2: ["c"] }, dropped: true });
  });
});

describe("toggleOption", () => {
  it("replaces a single choice", () => expect(toggleOption("single", ["a"], "b", true)).toEqual(["b"]));
  it("adds and removes a multiple choice without duplicates", () => {
    expect(toggleOption("multiple", ["c"], "c", true)).toEqual(["c"]);
    expect(toggleOption("multiple", ["c"], "d", true)).toEqual(["c", "d"]);
    expect(toggleOption("multiple", ["c", "d"], "c", false)).toEqual(["d"]);
  });
});
