import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { editDistance, scoreVisibleText, wordsOf } from "@/lib/lab/accuracy";

describe("visible-text accuracy", () => {
  const truth = ["Notification settings", "Email alerts", "Save changes", "Total: 12.40"];

  it("a perfect transcription scores recall 1, precision 1, CER 0, whatever the case and spacing", () => {
    expect(scoreVisibleText(truth, "NOTIFICATION   settings\nemail alerts save changes total: 12.40")).toMatchObject({
      wordRecall: 1,
      wordPrecision: 1,
      charErrorRate: 0,
    });
  });

  it("missing words lower recall; invented words lower precision", () => {
    const partial = scoreVisibleText(truth, "Notification settings Save changes");
    expect(partial.wordRecall).toBeCloseTo(4 / 8, 3);
    expect(partial.wordPrecision).toBe(1);
    const invented = scoreVisibleText(truth, "Notification settings Email alerts Save changes Total: 12.40 Delete account forever");
    expect(invented.wordRecall).toBe(1);
    expect(invented.wordPrecision).toBeCloseTo(8 / 11, 3);
  });

  it("a misread number counts against it", () => {
    const misread = scoreVisibleText(truth, "Notification settings Email alerts Save changes Total: 12.70");
    expect(misread.wordRecall).toBeCloseTo(7 / 8, 3);
    expect(misread.charErrorRate).toBeGreaterThan(0);
  });

  it("an empty answer recalls nothing", () => {
    expect(scoreVisibleText(truth, "")).toMatchObject({ wordRecall: 0, wordPrecision: 0, charErrorRate: 1 });
  });

  it("keeps numbers and prices as words", () => {
    expect(wordsOf("VAT (20%): £3.10, card ending 4417")).toEqual(["vat", "20", "3.10", "card", "ending", "4417"]);
  });

  it("edit distance", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  test.prop([fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }), fc.string({ maxLength: 200 })])(
    "scores stay in range",
    (lines, answer) => {
      const s = scoreVisibleText(lines, answer);
      expect(s.wordRecall).toBeGreaterThanOrEqual(0);
      expect(s.wordRecall).toBeLessThanOrEqual(1);
      expect(s.wordPrecision).toBeGreaterThanOrEqual(0);
      expect(s.wordPrecision).toBeLessThanOrEqual(1);
      expect(s.charErrorRate).toBeGreaterThanOrEqual(0);
    },
  );

  test.prop([fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 })])(
    "the truth itself is perfect",
    (lines) => {
      const s = scoreVisibleText(lines, lines.join("\n"));
      if (s.truthWords > 0) expect(s).toMatchObject({ wordRecall: 1, charErrorRate: 0 });
    },
  );
});
