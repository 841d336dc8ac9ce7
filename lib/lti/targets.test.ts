import { describe, expect, it } from "vitest";
import { isGraded, pathOfTarget, targetOfPath } from "@/lib/lti/targets";

describe("LTI link targets", () => {
  it("reads a lesson, its quiz and its lab from the path, and nothing else", () => {
    expect(targetOfPath("/lessons/local-qwen-vl")).toEqual({ target: "LESSON", lessonSlug: "local-qwen-vl" });
    expect(targetOfPath("/lessons/local-qwen-vl/quiz")).toEqual({ target: "QUIZ", lessonSlug: "local-qwen-vl" });
    expect(targetOfPath("/lessons/local-qwen-vl/lab/")).toEqual({ target: "WRITEUP", lessonSlug: "local-qwen-vl" });
    expect(targetOfPath("/")).toBeNull();
    expect(targetOfPath("/lti/deep-link")).toBeNull();
    expect(targetOfPath("/lessons/Bad_Slug")).toBeNull();
  });

  it("goes back to the same path, and grades quizzes and write-ups only", () => {
    for (const path of ["/lessons/a", "/lessons/a/quiz", "/lessons/a/lab"]) expect(pathOfTarget(targetOfPath(path)!)).toBe(path);
    expect([isGraded("LESSON"), isGraded("QUIZ"), isGraded("WRITEUP")]).toEqual([false, true, true]);
  });
});
