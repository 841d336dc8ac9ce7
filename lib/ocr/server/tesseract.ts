import "server-only";
import path from "node:path";
import { createWorker, type Worker } from "tesseract.js";
import engData from "@tesseract.js-data/eng";

// OCR runs in-process and offline: the English model ships in an npm package, and one warm worker
// serves every request (starting one costs about half a second). Jobs queue on the worker.

export type OcrResult = { text: string; confidence: number; ms: number; words: number };

/** A worker that has not started by then never will (tesseract.js reports some load failures only as an uncaught exception). */
export const START_TIMEOUT_MS = 60_000;
/** far above a screenshot's few seconds; past it the worker is presumed stuck and replaced */
export const RECOGNIZE_TIMEOUT_MS = 120_000;

type OcrWorker = Pick<Worker, "recognize" | "terminate">;

function within<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function startTesseract(): Promise<OcrWorker> {
  // The "best_int" model is the accurate one; langPath from the package avoids any download.
  const langPath = path.join(path.dirname(engData.langPath), "4.0.0_best_int");
  // No cache file: tesseract.js would write the unpacked model into a shared folder and read it
  // back at the next start, and a process starting while another was still writing it read a
  // partial file ("Error opening data file ./eng.traineddata", seen when the app and a seed
  // script started OCR at once). Unpacking the packaged .gz in memory costs a fraction of a
  // second, once per process.
  return createWorker("eng", 1, { langPath, gzip: true, cacheMethod: "none", logger: () => undefined, errorHandler: () => undefined });
}

/**
 * OCR on one shared worker, started by `start` on first use. A worker that does not start within
 * START_TIMEOUT_MS, or a recognition that takes longer than RECOGNIZE_TIMEOUT_MS, fails that
 * answer with a message and is dropped (and stopped), so the next answer starts a fresh one rather
 * than wait forever. `slot` holds the worker (the process-wide one survives module reloads in dev).
 */
export function ocrEngine(start: () => Promise<OcrWorker>, slot: { lessonLabOcr?: Promise<OcrWorker> } = {}) {
  function discard(worker: Promise<OcrWorker>): void {
    if (slot.lessonLabOcr === worker) slot.lessonLabOcr = undefined;
    void worker.then((w) => w.terminate()).catch(() => undefined);
  }

  async function getWorker(): Promise<{ worker: OcrWorker; handle: Promise<OcrWorker> }> {
    const handle = (slot.lessonLabOcr ??= start());
    try {
      return {
        worker: await within(handle, START_TIMEOUT_MS, `OCR did not start within ${START_TIMEOUT_MS / 1000} s. Retry the OCR answer.`),
        handle,
      };
    } catch (error) {
      discard(handle);
      throw error;
    }
  }

  /** Reads the text of an image (PNG or JPEG bytes). */
  async function recognizeText(image: Buffer): Promise<OcrResult> {
    const { worker, handle } = await getWorker();
    const started = performance.now();
    let data: { text: string; confidence: number };
    try {
      ({ data } = await within(
        worker.recognize(image),
        RECOGNIZE_TIMEOUT_MS,
        `OCR did not finish within ${RECOGNIZE_TIMEOUT_MS / 1000} s. Retry the OCR answer.`,
      ));
    } catch (error) {
      discard(handle);
      throw error;
    }
    const text = data.text.replace(/\n{3,}/g, "\n\n").trim();
    return {
      text,
      confidence: Math.round(data.confidence),
      ms: Math.round(performance.now() - started),
      words: text.split(/\s+/).filter(Boolean).length,
    };
  }

  async function stop(): Promise<void> {
    const worker = slot.lessonLabOcr;
    slot.lessonLabOcr = undefined;
    if (worker) await (await worker).terminate();
  }

  return { recognizeText, stop };
}

const engine = ocrEngine(startTesseract, globalThis as { lessonLabOcr?: Promise<OcrWorker> });

export const recognizeText = engine.recognizeText;
export const stopOcr = engine.stop;
