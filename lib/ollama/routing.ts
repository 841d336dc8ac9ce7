// Which Ollama host a lab lane goes to. Pure: the pool (lib/ollama/data/pool.ts) gathers the facts.

export type HostCandidate = {
  url: string;
  /** answering, as the shared health state says */
  up: boolean;
  /** the model is installed there */
  installed: boolean;
  /** the model is loaded there now (/api/ps), so its first answer skips the load */
  loaded: boolean;
  /** lab cells of this model waiting for or running on this host: the length of the lane's queue */
  busy: number;
  /** lab cells of any model on this host (the GPU's other work), to break ties */
  hostBusy?: number;
};

/**
 * How many waiting cells a cold load is worth: a host with the model loaded wins over one without
 * it unless its queue is longer by more than this. (Always preferring the loaded host would keep
 * every lane of a model on the first host that loaded it, however long its queue grew.)
 */
export const COLD_LOAD_COST = 2;

/**
 * A host that already has the model loaded, else the one with the shortest queue for this model
 * among those that have it installed (a loaded host wins within COLD_LOAD_COST cells of waiting);
 * among equals, the host with less other work, the lane's previous host (a retry stays where its run
 * ran), then the configured order. Null when no answering host has the model.
 */
export function chooseHost(candidates: readonly HostCandidate[], options: { prefer?: string | null } = {}): string | null {
  const usable = candidates.filter((c) => c.up && c.installed);
  if (!usable.length) return null;
  const cost = (c: HostCandidate) => c.busy + (c.loaded ? 0 : COLD_LOAD_COST);
  const order = (c: HostCandidate) => candidates.indexOf(c);
  const preferred = (c: HostCandidate) => Number(c.url === options.prefer);
  const sorted = [...usable].sort(
    (a, b) =>
      cost(a) - cost(b) ||
      Number(b.loaded) - Number(a.loaded) ||
      (a.hostBusy ?? 0) - (b.hostBusy ?? 0) ||
      preferred(b) - preferred(a) ||
      order(a) - order(b),
  );
  return sorted[0]!.url;
}

/** Seconds until a host that failed `failures` times in a row is asked again: 5, 10, 20, 40, then every 60. */
export function healthBackoffSeconds(failures: number): number {
  if (failures <= 0) return 10;
  return Math.min(60, 5 * 2 ** (failures - 1));
}
