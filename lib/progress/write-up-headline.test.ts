import { describe, expect, it } from "vitest";
import { writeUpHeadline } from "@/lib/progress/write-up-headline";

describe("writeUpHeadline", () => {
  it("leads a completed write-up with its grade and the way to the feedback", () => {
    expect(writeUpHeadline("COMPLETED", { points: 18, max: 18 })).toEqual({
      text: "Write-up: completed · 18/18",
      action: { label: "Read feedback", to: "feedback" },
    });
    expect(writeUpHeadline("COMPLETED", null).text).toBe("Write-up: completed");
  });

  it("sends a returned write-up back to revise, without a grade that no longer stands", () => {
    expect(writeUpHeadline("RETURNED", { points: 9, max: 18 })).toEqual({
      text: "Write-up: returned for revision",
      action: { label: "Revise", to: "write-up" },
    });
  });

  it("says a submitted write-up waits, and a draft is saved", () => {
    expect(writeUpHeadline("SUBMITTED", null).text).toBe("Write-up: submitted, waiting for review");
    expect(writeUpHeadline("IN_REVIEW", null).text).toBe("Write-up: submitted, in review");
    expect(writeUpHeadline("DRAFT", null)).toEqual({
      text: "Write-up: draft saved",
      action: { label: "Continue the write-up", to: "write-up" },
    });
  });
});
