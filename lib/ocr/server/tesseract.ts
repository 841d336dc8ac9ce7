import "server-only";
import path from "node:path";
import { createWorker, type Worker } from "tesseract.js";
import engData from "@tesseract.js-data/eng";

// OCR runs in-process and offline: the English model ships in an npm package, and one warm worker
// serves every request (starting one costs about half a second). Jobs queue on the worker.

export type OcrResult = { text: string; confidence: number; ms: number; words: number };

const shared = globalThis as unknown as { lessonLabOcr?: Promise<Worker> };

function getWorker(): Promise<Worker> {
  shared.lessonLabOcr ??= (async () => {
    // The "best_int" model is the accurate one; langPath from the package avoids any download.
    const langPath = path.join(path.dirname(engData.langPath), "4.0.0_best_int");
    // No cache file: tesseract.js would write the unpacked model into a shared folder and read it
    // back at the next start, and a process starting while another was still writing it read a
    // partial file ("Error opening data file ./eng.traineddata", seen when the app and a seed
    // script started OCR at once). Unpacking the packaged .gz in memory costs a fraction of a
    // second, once per process.
    return createWorker("eng", 1, { langPath, gzip: true, cacheMethod: "none", logger: () => undefined, errorHandler: () => undefined });
  })().catch((error: unknown) => {
    shared.lessonLabOcr = undefined;
    throw error;
  });
  return shared.lessonLabOcr;
}

/** Reads the text of an image (PNG or JPEG bytes). */
export async function recognizeText(image: Buffer): Promise<OcrResult> {
  const worker = await getWorker();
  const started = performance.now();
  const { data } = await worker.recognize(image);
  const text = data.text.replace(/\n{3,}/g, "\n\n").trim();
  return {
    text,
    confidence: Math.round(data.confidence),
    ms: Math.round(performance.now() - started),
    words: text.split(/\s+/).filter(Boolean).length,
  };
}

export async function stopOcr(): Promise<void> {
  const worker = shared.lessonLabOcr;
  shared.lessonLabOcr = undefined;
  if (worker) await (await worker).terminate();
}
