import { describe, expect, it } from "vitest";
import { recheckMissing } from "@/lib/submissions/completeness";
import { emptyWriteUp, type WriteUp } from "@/lib/submissions/schemas";

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

describe("recheckMissing", () => {
  const draft: WriteUp = { ...emptyWriteUp(), recommendation: { choice: "narrow", narrowJob: "", paragraph: words(3) } };
  const flagged = [{ field: "writeup-paragraph", message: "The recommendation paragraph has 3 words; it needs 60 to 250." }];

  it("follows the text: the message counts the words there are now", () => {
    const now = { ...draft, recommendation: { ...draft.recommendation, paragraph: words(9) } };
    expect(recheckMissing(flagged, now, null)).toEqual([
      { field: "writeup-paragraph", message: "The recommendation paragraph has 9 words; it needs 60 to 250." },
    ]);
  });

  it("drops a field once it is right", () => {
    const now = { ...draft, recommendation: { ...draft.recommendation, paragraph: words(70) } };
    expect(recheckMissing(flagged, now, null)).toEqual([]);
  });

  it("names only the fields the refused submit named", () => {
    // The run, the failure and the narrow job are missing too, but that submit did not list them.
    expect(recheckMissing(flagged, draft, null).map((m) => m.field)).toEqual(["writeup-paragraph"]);
  });
});
