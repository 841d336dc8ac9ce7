import "server-only";
import path from "node:path";
import { mkdirSync } from "node:fs";
import { createWorker, type Worker } from "tesseract.js";
import engData from "@tesseract.js-data/eng";
import { env } from "@/lib/env";

// OCR runs in-process and offline: the English model ships in an npm package, and one warm worker
// serves every request (starting one costs about half a second). Jobs queue on the worker.

export type OcrResult = { text: string; confidence: number; ms: number; words: number };

const shared = globalThis as unknown as { lessonLabOcr?: Promise<Worker> };

function getWorker(): Promise<Worker> {
  shared.lessonLabOcr ??= (async () => {
    const cachePath = path.join(env.DATA_DIR, "ocr-cache");
    mkdirSync(cachePath, { recursive: true });
    // The "best_int" model is the accurate one; langPath from the package avoids any download.
    const langPath = path.join(path.dirname(engData.langPath), "4.0.0_best_int");
    return createWorker("eng", 1, { langPath, cachePath, gzip: true, logger: () => undefined, errorHandler: () => undefined });
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
