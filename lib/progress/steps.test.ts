import { describe, expect, it } from "vitest";
import { emptyProgress } from "@/lib/progress/model";
import { withStep, withVisit } from "@/lib/progress/steps";

describe("withStep", () => {
  it("keeps the first time a step was done, and forgets it when unticked", () => {
    const once = withStep(emptyProgress(), "l", "s", true, "2026-01-01T00:00:00.000Z");
    const again = withStep(once, "l", "s", true, "2026-02-01T00:00:00.000Z");
    expect(again.steps).toEqual({ l: { s: "2026-01-01T00:00:00.000Z" } });
    expect(withStep(again, "l", "s", false, "2026-03-01T00:00:00.000Z").steps).toEqual({ l: {} });
  });

  it("does not change the document it was given", () => {
    const doc = emptyProgress();
    withStep(doc, "l", "s", true, "t");
    expect(doc.steps).toEqual({});
  });
});

describe("withVisit", () => {
  it("records the latest visit per lesson", () => {
    expect(withVisit(withVisit(emptyProgress(), "l", "a"), "l", "b").visits).toEqual({ l: "b" });
  });
});
