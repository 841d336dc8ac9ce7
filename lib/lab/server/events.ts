import "server-only";
import { EventEmitter } from "node:events";
import { env } from "@/lib/env";
import { listen, notify } from "@/lib/lab/data/pg-notify";

// Wakes a run's event streams as soon as one of its cells is written, in this instance at once and
// in every other instance through PostgreSQL NOTIFY (lib/lab/data/pg-notify.ts). Streams still poll the
// database slowly as a backstop, so a lost notification only delays a redraw.

const CHANNEL = "lab_run";
const THROTTLE_MS = 80;

type Shared = { emitter: EventEmitter; bridged: Promise<unknown> | null; pending: Map<string, NodeJS.Timeout> };
const shared = globalThis as unknown as { lessonLabRunEvents?: Shared };
const state = (shared.lessonLabRunEvents ??= { emitter: new EventEmitter().setMaxListeners(0), bridged: null, pending: new Map() });

/** Other instances' notifications reach this instance's streams. */
function bridge(): void {
  if (env.DATABASE_PROVIDER !== "postgresql") return;
  state.bridged ??= listen(CHANNEL, (runId) => state.emitter.emit(runId)).catch((error: unknown) => {
    state.bridged = null;
    console.error("[lab events]", (error as Error).message);
  });
}

export function notifyRunChanged(runId: string): void {
  state.emitter.emit(runId);
  if (env.DATABASE_PROVIDER !== "postgresql" || state.pending.has(runId)) return;
  // A token stream writes every 100 ms: one notification per run per THROTTLE_MS is plenty.
  state.pending.set(
    runId,
    setTimeout(() => {
      state.pending.delete(runId);
      void notify(CHANNEL, runId).catch(() => undefined);
    }, THROTTLE_MS),
  );
}

/** Resolves on the next change of the run, or after `timeoutMs`, whichever comes first. */
export function waitForRunChange(runId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  bridge();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      state.emitter.off(runId, done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    state.emitter.once(runId, done);
    signal?.addEventListener("abort", done, { once: true });
  });
}

const CANCEL_CHANNEL = "lab_cancel";

/** Tells every instance that the run was cancelled, so whoever executes it stops now. */
export async function announceCancel(runId: string): Promise<void> {
  notifyRunChanged(runId);
  await notify(CANCEL_CHANNEL, runId).catch((error: unknown) => console.error("[lab events] cancel", (error as Error).message));
}

export function onCancel(listener: (runId: string) => void): Promise<() => Promise<void>> {
  return listen(CANCEL_CHANNEL, listener);
}
