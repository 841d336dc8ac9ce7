import "server-only";
import { EventEmitter } from "node:events";

// Wakes the run's event streams in this process as soon as a cell is written. Streams still poll
// the database as a fallback, so a run executing in another instance is followed too.

const shared = globalThis as unknown as { lessonLabRunEvents?: EventEmitter };
const emitter = (shared.lessonLabRunEvents ??= new EventEmitter().setMaxListeners(0));

export function notifyRunChanged(runId: string): void {
  emitter.emit(runId);
}

/** Resolves on the next change of the run, or after `timeoutMs`, whichever comes first. */
export function waitForRunChange(runId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      emitter.off(runId, done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    emitter.once(runId, done);
    signal?.addEventListener("abort", done, { once: true });
  });
}
