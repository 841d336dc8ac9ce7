import "server-only";
import path from "node:path";
import { createWorker, type Worker } from "tesseract.js";
import engData from "@tesseract.js-data/eng";

// OCR runs in-process and offline: the English model ships in an npm package, and one warm worker
// serves every request (starting one costs about half a second). Jobs queue on the worker.

export type OcrResult = { text: string; confidence: number; ms: number; words: number };

const shared = globalThis as unknown as { lessonLabOcr?: Promise<Worker> };

/** A worker that has not started by then never will (tesseract.js reports some load failures only as an uncaught exception). */
const START_TIMEOUT_MS = 60_000;
/** far above a screenshot's few seconds; past it the worker is presumed stuck and replaced */
const RECOGNIZE_TIMEOUT_MS = 120_000;

function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Drops the worker so the next request starts a fresh one (and stops this one if it ever started). */
function discardWorker(worker: Promise<Worker>): void {
  if (shared.lessonLabOcr === worker) shared.lessonLabOcr = undefined;
  void worker.then((w) => w.terminate()).catch(() => undefined);
}

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
  })();
  const worker = shared.lessonLabOcr;
  return within(worker, START_TIMEOUT_MS, `OCR did not start within ${START_TIMEOUT_MS / 1000} s. Retry the OCR answer.`).catch(
    (error: unknown) => {
      discardWorker(worker);
      throw error;
    },
  );
}

/** Reads the text of an image (PNG or JPEG bytes). */
export async function recognizeText(image: Buffer): Promise<OcrResult> {
  const worker = await getWorker();
  const used = shared.lessonLabOcr;
  const started = performance.now();
  const { data } = await within(
    worker.recognize(image),
    RECOGNIZE_TIMEOUT_MS,
    `OCR did not finish within ${RECOGNIZE_TIMEOUT_MS / 1000} s. Retry the OCR answer.`,
  ).catch((error: unknown) => {
    // A stuck worker is replaced: the next OCR answer (a retry) starts a fresh one.
    if (used) discardWorker(used);
    throw error;
  });
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
