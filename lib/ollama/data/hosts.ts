import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getOllamaStatus } from "@/lib/ollama/server/client";
import { healthBackoffSeconds } from "@/lib/ollama/routing";

// The Ollama hosts of the pool (OLLAMA_HOSTS) and what every app instance knows of them, shared in
// the database: a host that stops answering is marked down by whoever noticed (a failed request or
// a health probe) and probed again with a back-off; one answer brings it back.

export type HostState = {
  url: string;
  up: boolean;
  failures: number;
  downSince: Date | null;
  checkedAt: Date | null;
  version: string | null;
  lastError: string | null;
};

export function ollamaHosts(): string[] {
  return env.OLLAMA_HOSTS;
}

/** Every configured host's state; a host nobody has checked yet counts as up. */
export async function listHostStates(): Promise<HostState[]> {
  const hosts = ollamaHosts();
  const rows = await db.ollamaHostState.findMany({ where: { url: { in: hosts } } });
  return hosts.map((url) => {
    const row = rows.find((r) => r.url === url);
    return {
      url,
      up: row?.up ?? true,
      failures: row?.failures ?? 0,
      downSince: row?.downSince ?? null,
      checkedAt: row?.checkedAt ?? null,
      version: row?.version ?? null,
      lastError: row?.lastError ?? null,
    };
  });
}

export async function upHosts(): Promise<string[]> {
  return (await listHostStates()).filter((h) => h.up).map((h) => h.url);
}

export async function isHostUp(url: string): Promise<boolean> {
  const row = await db.ollamaHostState.findUnique({ where: { url }, select: { up: true } });
  return row?.up ?? true;
}

/** A request or a probe failed to reach the host: it is down until a probe answers. */
export async function recordHostFailure(url: string, reason: string, now = new Date()): Promise<void> {
  const row = await db.ollamaHostState.findUnique({ where: { url }, select: { failures: true, up: true, downSince: true } });
  const failures = (row?.failures ?? 0) + 1;
  const data = {
    up: false,
    failures,
    downSince: row?.up === false ? (row.downSince ?? now) : now,
    nextCheckAt: new Date(now.getTime() + healthBackoffSeconds(failures) * 1000),
    checkedAt: now,
    lastError: reason.slice(0, 500),
  };
  await db.ollamaHostState.upsert({ where: { url }, create: { url, ...data }, update: data });
}

export async function recordHostSuccess(url: string, version: string | null, now = new Date()): Promise<void> {
  const data = {
    up: true,
    failures: 0,
    downSince: null,
    nextCheckAt: new Date(now.getTime() + healthBackoffSeconds(0) * 1000),
    checkedAt: now,
    ...(version ? { version } : {}),
    lastError: null,
  };
  await db.ollamaHostState.upsert({ where: { url }, create: { url, ...data }, update: data });
}

/** Probes the hosts whose next check is due (every 10 s when up, backing off when down). */
export async function probeDueHosts(now = new Date()): Promise<void> {
  const hosts = ollamaHosts();
  const rows = await db.ollamaHostState.findMany({ where: { url: { in: hosts } }, select: { url: true, nextCheckAt: true } });
  const due = hosts.filter((url) => {
    const row = rows.find((r) => r.url === url);
    return !row || row.nextCheckAt <= now;
  });
  await Promise.all(
    due.map(async (url) => {
      const status = await getOllamaStatus({ host: url, timeoutMs: 2000 });
      if (status.reachable) await recordHostSuccess(url, status.version);
      else await recordHostFailure(url, status.error);
    }),
  );
}
