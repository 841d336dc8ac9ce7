import "server-only";
import { getModelCatalogue, listLoadedModels, type ModelCatalogue } from "@/lib/ollama/server/catalogue";
import { getOllamaStatus, type OllamaStatus } from "@/lib/ollama/server/client";
import { OllamaError } from "@/lib/ollama/errors";
import { listHostStates, ollamaHosts, type HostState } from "@/lib/ollama/data/hosts";
import type { LoadedModel } from "@/lib/ollama/metrics";

export type HostReport = {
  /** 1-based place in OLLAMA_HOSTS: "Host 2" */
  number: number;
  url: string;
  /** asked now (1.5 s at most) */
  status: OllamaStatus;
  /** what the pool's health probes recorded: marked down since, last error */
  state: HostState;
  /** how long it has been marked down, as of this request */
  downForMs: number | null;
  catalogue: ModelCatalogue;
  loaded: LoadedModel[];
  /** the host answered its version but not its model list */
  problem: string | null;
};

const EMPTY: ModelCatalogue = { models: [], unavailable: [], cloud: [] };

/**
 * Every host of the pool as the Models page shows it, asked in parallel: a host that is down holds
 * the page back by its 1.5 s status timeout at most, however many hosts are down.
 */
export async function readHosts({ refresh }: { refresh: boolean }): Promise<HostReport[]> {
  const states = await listHostStates().catch((error: unknown) => {
    // The page still shows what the hosts say now without the shared record of their health.
    console.error("[models] host states", error);
    return ollamaHosts().map((url): HostState => ({
      url,
      up: true,
      failures: 0,
      downSince: null,
      checkedAt: null,
      version: null,
      lastError: null,
    }));
  });
  return Promise.all(states.map((state, i) => readHost(state, i + 1, refresh)));
}

async function readHost(state: HostState, number: number, refresh: boolean): Promise<HostReport> {
  const status = await getOllamaStatus({ host: state.url });
  const downForMs = !state.up && state.downSince ? Date.now() - state.downSince.getTime() : null;
  const report: HostReport = { number, url: state.url, status, state, downForMs, catalogue: EMPTY, loaded: [], problem: null };
  if (!status.reachable) return report;
  try {
    [report.catalogue, report.loaded] = await Promise.all([
      getModelCatalogue({ host: state.url, refresh }),
      listLoadedModels({ host: state.url }),
    ]);
  } catch (error) {
    if (!(error instanceof OllamaError)) throw error;
    report.problem = error.message;
  }
  return report;
}
