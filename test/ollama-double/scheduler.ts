import { msToNs } from "./durations";
import { residentSize, type ScriptedModel } from "./models";
import { newLoadedModel, type LoadedModel, type TestServerState } from "./state";
import { sleep } from "./wire";

/** load_duration of a warm request: the scheduler's bookkeeping only. */
export const WARM_LOAD_NS = 50_000;

export type Slot = {
  loaded: LoadedModel;
  /** Nanoseconds from the request reaching the scheduler to the runner being ready (queue and evictions included). */
  loadNs: number;
  coldLoad: boolean;
  evicted: string[];
  /** The request is done with the runner (idempotent). */
  release: () => void;
};

/**
 * Ollama's scheduler, reduced to what a client can observe (server/sched.go; docs/ollama.md, "Two engines"):
 * - a warm runner with the same num_ctx is reused at once, skipping the queue;
 * - otherwise the request joins the pending queue; with `serialiseLoads` one load runs at a time,
 *   and `load_duration` covers the wait (checkpointLoaded - checkpointStart in routes.go);
 * - a runner with another num_ctx is reloaded once its in-flight requests finish;
 * - over `memoryBudgetBytes`, the least recently used other runner is evicted first, again after
 *   its in-flight requests finish, and that wait lands in load_duration too.
 * An abort (client gone) stops the work at any point: nothing is marked loaded.
 */
export async function schedule(
  state: TestServerState,
  model: ScriptedModel,
  numCtx: number,
  keepAliveMs: number,
  signal: AbortSignal,
): Promise<Slot> {
  const started = performance.now();
  const warm = state.getLoaded(model.name);
  if (warm && warm.numCtx === numCtx && !warm.evicting) {
    return { loaded: warm, loadNs: WARM_LOAD_NS, coldLoad: false, evicted: [], release: claim(warm, keepAliveMs) };
  }

  const releaseQueue = state.behaviour.serialiseLoads ? await state.loadQueue.acquire(signal) : () => undefined;
  const flagged: LoadedModel[] = [];
  try {
    const current = state.getLoaded(model.name);
    // Loaded by the request ahead in the queue: use it; the wait was this request's load_duration.
    if (current && current.numCtx === numCtx && (!current.evicting || state.behaviour.serialiseLoads)) {
      current.evicting = false;
      const loadNs = Math.max(msToNs(performance.now() - started), WARM_LOAD_NS);
      return { loaded: current, loadNs, coldLoad: false, evicted: [], release: claim(current, keepAliveMs) };
    }
    if (current) {
      current.evicting = true;
      flagged.push(current);
      await waitUntilIdle(current, signal);
      state.unload(model.name);
    }
    const evicted = await makeRoom(state, model, numCtx, signal, flagged);

    const queuedMs = performance.now() - started;
    await sleepAtLeast(state.latency.load, signal);
    const loaded = newLoadedModel(numCtx, Date.now() + Math.max(keepAliveMs, 1));
    state.markLoaded(model.name, loaded);
    const loadNs = Math.max(msToNs(performance.now() - started), msToNs(queuedMs + state.latency.load), 1_000_000);
    return { loaded, loadNs, coldLoad: true, evicted, release: claim(loaded, keepAliveMs) };
  } finally {
    for (const runner of flagged) runner.evicting = false;
    releaseQueue();
  }
}

/** Evicts least recently used runners until this model fits the memory budget (or nothing else is loaded). */
async function makeRoom(
  state: TestServerState,
  model: ScriptedModel,
  numCtx: number,
  signal: AbortSignal,
  flagged: LoadedModel[],
): Promise<string[]> {
  const evicted: string[] = [];
  const needed = residentSize(model, numCtx);
  for (;;) {
    const budget = state.behaviour.memoryBudgetBytes;
    if (budget === null) return evicted;
    const others = state.loadedModels().filter(([name]) => name !== model.name);
    const used = others.reduce((sum, [name, loaded]) => {
      const other = state.findKnown(name)?.model;
      return sum + (other ? residentSize(other, loaded.numCtx) : 0);
    }, 0);
    if (used + needed <= budget || others.length === 0) return evicted;
    const [victimName, victim] = others.sort(([, a], [, b]) => a.lastUsedAt - b.lastUsedAt)[0] as [string, LoadedModel];
    victim.evicting = true;
    flagged.push(victim);
    // "waiting for pending requests to complete and unload to occur"
    await waitUntilIdle(victim, signal);
    state.unload(victimName);
    evicted.push(victimName);
  }
}

/** Counts a request on the runner; the returned function ends it and restarts the keep_alive clock. */
function claim(loaded: LoadedModel, keepAliveMs: number): () => void {
  loaded.inFlight++;
  loaded.lastUsedAt = Date.now();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    loaded.inFlight--;
    loaded.lastUsedAt = Date.now();
    loaded.expiresAt = Date.now() + keepAliveMs;
    if (loaded.inFlight === 0) for (const wake of loaded.idleWaiters.splice(0)) wake();
  };
}

function waitUntilIdle(loaded: LoadedModel, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (loaded.inFlight === 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const wake = () => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    };
    const onAbort = () => {
      loaded.idleWaiters.splice(loaded.idleWaiters.indexOf(wake), 1);
      reject(signal.reason as Error);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    loaded.idleWaiters.push(wake);
  });
}

/** Timers can fire a hair early against performance.now(); a load never takes less than asked. */
async function sleepAtLeast(ms: number, signal: AbortSignal): Promise<void> {
  const start = performance.now();
  await sleep(ms, signal);
  let left = ms - (performance.now() - start);
  while (left > 0) {
    await sleep(Math.max(1, Math.ceil(left)), signal);
    left = ms - (performance.now() - start);
  }
}
