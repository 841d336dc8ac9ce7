import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getOllamaStatus, type OllamaStatus } from "@/lib/ollama/server/client";
import { getModelCatalogue, listLoadedModels, type InstalledModel } from "@/lib/ollama/server/catalogue";
import { listHostStates, type HostState } from "@/lib/ollama/data/hosts";
import { OllamaError, toOllamaError } from "@/lib/ollama/errors";
import { chooseHost, type HostCandidate } from "@/lib/ollama/routing";
import type { LoadedModel } from "@/lib/ollama/metrics";

// The Ollama hosts as one pool: which models are installed anywhere, and where a lane should run.

export type PoolModel = InstalledModel & { hosts: string[] };

export type PoolCatalogue = {
  /** installed on at least one answering host, with the hosts that have it */
  models: PoolModel[];
  hosts: (HostState & { error: string | null })[];
};

/** Installed models across the answering hosts (each host's catalogue is cached 30 s). */
export async function getPoolCatalogue({ refresh = false } = {}): Promise<PoolCatalogue> {
  const states = await listHostStates();
  const read = await Promise.all(
    states.map(async (state) => {
      if (!state.up) return { state, models: [] as InstalledModel[], error: state.lastError ?? "not answering" };
      try {
        return { state, models: (await getModelCatalogue({ host: state.url, refresh })).models, error: null };
      } catch (error) {
        return { state, models: [] as InstalledModel[], error: toOllamaError(error, { host: state.url }).message };
      }
    }),
  );
  const byName = new Map<string, PoolModel>();
  for (const { state, models } of read) {
    for (const model of models) {
      const entry = byName.get(model.name);
      if (entry) entry.hosts.push(state.url);
      else byName.set(model.name, { ...model, hosts: [state.url] });
    }
  }
  return {
    models: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)),
    hosts: read.map(({ state, error }) => ({ ...state, error })),
  };
}

/**
 * The model as the pool has it. Throws the last host's OllamaError when no host answered at all,
 * so "Ollama is down" and "not installed" stay different messages.
 */
export async function findPoolModel(name: string): Promise<PoolModel | null> {
  let pool = await getPoolCatalogue();
  if (!pool.models.some((m) => m.name === name)) pool = await getPoolCatalogue({ refresh: true });
  const found = pool.models.find((m) => m.name === name);
  if (found) return found;
  if (pool.hosts.every((h) => h.error)) {
    const last = pool.hosts.at(-1);
    throw new OllamaError("UNREACHABLE", last?.error ?? "No Ollama host answers.", { host: last?.url ?? "" });
  }
  return null;
}

const loadedCache = new Map<string, { at: number; models: LoadedModel[] }>();

async function loadedOn(url: string): Promise<LoadedModel[]> {
  const cached = loadedCache.get(url);
  if (cached && Date.now() - cached.at < 3000) return cached.models;
  const models = await listLoadedModels({ host: url }).catch(() => []);
  loadedCache.set(url, { at: Date.now(), models });
  return models;
}

/** Lab cells waiting for or running on each host, per model. */
async function busyByHost(): Promise<{ host: string; model: string | null; cells: number }[]> {
  const rows = await db.labCell.groupBy({
    by: ["host", "model"],
    where: { status: { in: ["PENDING", "RUNNING"] }, host: { not: null } },
    _count: true,
  });
  return rows.map((r) => ({ host: r.host!, model: r.model, cells: r._count }));
}

// Lanes this instance chose a host for and has not yet written: invisible as waiting cells to a
// decision made at the same moment (a class pressing Run together), so counted as busy until the
// run's transaction has committed (releaseLane) or a few seconds have passed.
const recentlySent: { id: number; host: string; model: string; cells: number; until: number }[] = [];
const RECENT_MS = 5000;
let nextReservation = 1;

/** The lane is written (or was never): it counts through the database now. */
export function releaseLane(reservation: number | null): void {
  const index = recentlySent.findIndex((r) => r.id === reservation);
  if (index >= 0) recentlySent.splice(index, 1);
}

function recent(host: string, model: string | null, now: number): number {
  for (let i = recentlySent.length - 1; i >= 0; i--) if (recentlySent[i]!.until <= now) recentlySent.splice(i, 1);
  return recentlySent.filter((r) => r.host === host && (model === null || r.model === model)).reduce((n, r) => n + r.cells, 0);
}

/** Where a lane of `model` should run now (lib/ollama/routing.ts), or null when no answering host has it. */
export async function chooseHostFor(
  model: string,
  options: { prefer?: string | null; exclude?: readonly string[]; cells?: number } = {},
): Promise<string | null> {
  return (await reserveHostFor(model, options)).host;
}

/** As chooseHostFor, keeping the choice counted until releaseLane(reservation). */
export async function reserveHostFor(
  model: string,
  options: { prefer?: string | null; exclude?: readonly string[]; cells?: number } = {},
): Promise<{ host: string | null; reservation: number | null }> {
  const [pool, busy] = await Promise.all([getPoolCatalogue(), busyByHost()]);
  const entry = pool.models.find((m) => m.name === model);
  const candidates: HostCandidate[] = await Promise.all(
    pool.hosts
      .filter((h) => !options.exclude?.includes(h.url))
      .map(async (h) => {
        const installed = Boolean(entry?.hosts.includes(h.url));
        const loaded = installed && h.up ? (await loadedOn(h.url)).some((m) => m.name === model) : false;
        return { url: h.url, up: h.up && !h.error, installed, loaded, busy: 0 };
      }),
  );
  // From here on synchronous: decisions made at the same moment see each other's lanes.
  const now = Date.now();
  const count = (host: string, ofModel: string | null) =>
    busy.filter((b) => b.host === host && (ofModel === null || b.model === ofModel)).reduce((n, b) => n + b.cells, 0) +
    recent(host, ofModel, now);
  const chosen = chooseHost(
    candidates.map((c) => ({ ...c, busy: count(c.url, model), hostBusy: count(c.url, null) })),
    { prefer: options.prefer ?? null },
  );
  if (!chosen) return { host: null, reservation: null };
  const reservation = nextReservation++;
  recentlySent.push({ id: reservation, host: chosen, model, cells: options.cells ?? 1, until: now + RECENT_MS });
  return { host: chosen, reservation };
}

/**
 * Ollama as the lab page needs it: reachable when any host answers (the first that does names the
 * version and engine shown), else the first host's error.
 */
export async function getPoolStatus(): Promise<OllamaStatus> {
  const statuses = await Promise.all(env.OLLAMA_HOSTS.map((host) => getOllamaStatus({ host })));
  return statuses.find((s) => s.reachable) ?? statuses[0]!;
}
