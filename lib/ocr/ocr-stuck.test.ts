import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ocrEngine, RECOGNIZE_TIMEOUT_MS, START_TIMEOUT_MS } from "@/lib/ocr/server/tesseract";

// What a stuck OCR worker does to a run: its answer fails with a message after a while, and the
// next OCR answer starts a fresh worker. The engine is given stand-in workers (one that never
// starts, one that never finishes); lib/ocr/ocr.test.ts runs the real one.

const never = () => new Promise<never>(() => {});
const recognized = (text: string) => ({ data: { text, confidence: 80.4 } });

function worker() {
  return { recognize: vi.fn(), terminate: vi.fn(async () => undefined) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("a stuck OCR worker", () => {
  it("that never starts fails the answer after 60 s, and the next answer starts another", async () => {
    const good = worker();
    good.recognize.mockResolvedValue(recognized("Wi-Fi  On"));
    const start = vi.fn().mockImplementationOnce(never).mockResolvedValue(good);
    const ocr = ocrEngine(start);
    const first = ocr.recognizeText(Buffer.from("png")).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(START_TIMEOUT_MS);
    expect(await first).toMatchObject({ message: "OCR did not start within 60 s. Retry the OCR answer." });
    await expect(ocr.recognizeText(Buffer.from("png"))).resolves.toMatchObject({ text: "Wi-Fi  On", confidence: 80, words: 2 });
    expect(start).toHaveBeenCalledTimes(2);
  });

  it("that never finishes fails the answer after 120 s and is stopped; the next answer starts another", async () => {
    const stuck = worker();
    stuck.recognize.mockImplementation(never);
    const good = worker();
    good.recognize.mockResolvedValue(recognized("ok"));
    const start = vi.fn().mockResolvedValueOnce(stuck).mockResolvedValue(good);
    const ocr = ocrEngine(start);
    const first = ocr.recognizeText(Buffer.from("png")).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(RECOGNIZE_TIMEOUT_MS);
    expect(await first).toMatchObject({ message: "OCR did not finish within 120 s. Retry the OCR answer." });
    expect(stuck.terminate).toHaveBeenCalledTimes(1);
    await expect(ocr.recognizeText(Buffer.from("png"))).resolves.toMatchObject({ text: "ok" });
    expect(start).toHaveBeenCalledTimes(2);
  });

  it("keeps one warm worker for every answer while it works", async () => {
    const good = worker();
    good.recognize.mockResolvedValue(recognized("a b c"));
    const start = vi.fn().mockResolvedValue(good);
    const ocr = ocrEngine(start);
    await Promise.all([ocr.recognizeText(Buffer.from("1")), ocr.recognizeText(Buffer.from("2")), ocr.recognizeText(Buffer.from("3"))]);
    expect(start).toHaveBeenCalledTimes(1);
    await ocr.stop();
    expect(good.terminate).toHaveBeenCalledTimes(1);
  });
});
