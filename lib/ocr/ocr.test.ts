import { afterAll, describe, expect, it } from "vitest";
import { scoreVisibleText } from "@/lib/lab/accuracy";
import { listSamples, readSampleImage } from "@/lib/lab/server/samples";
import { recognizeText, stopOcr } from "@/lib/ocr/server/tesseract";

// OCR runs offline from the packaged English model; one warm worker serves every call.

afterAll(() => stopOcr());

describe("OCR baseline", () => {
  it("reads most of the settings sample's visible text, and nothing about its controls' state", async () => {
    const sample = listSamples().find((s) => s.id === "settings-screen")!;
    const result = await recognizeText(readSampleImage(sample));
    const score = scoreVisibleText(sample.visibleText, result.text);
    expect(score.wordRecall).toBeGreaterThan(0.6);
    expect(result.text).toContain("Notification settings");
    expect(result.text.toLowerCase()).not.toMatch(/\b(enabled|disabled|toggled on)\b/);
    expect(result.confidence).toBeGreaterThan(50);
  }, 60_000);

  it("reads a second sample on the same warm worker", async () => {
    const sample = listSamples().find((s) => s.id === "receipt")!;
    const result = await recognizeText(readSampleImage(sample));
    expect(scoreVisibleText(sample.visibleText, result.text).wordRecall).toBeGreaterThan(0.6);
  }, 60_000);
});
