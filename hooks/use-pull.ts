"use client";

import { useRef, useState } from "react";
import { usePageRefresh } from "@/hooks/use-page-refresh";
import { readNdjson } from "@/hooks/read-ndjson";
import type { PullEvent, PullProgress } from "@/lib/ollama/types";

export type PullHost = { url: string; label: string; isAnswering: boolean };
export type RowState = "waiting" | "pulling" | "done" | "error" | "skipped" | "cancelled";
export type PullRow = { host: PullHost; state: RowState; progress: PullProgress | null; message: string | null };
export type PullJob = { model: string; hostLabel: string | null };
export type PullState = "idle" | "pulling" | "done" | "error" | "cancelled";

export const EVERY_HOST = "all";

/**
 * One pull at a time from /api/models/pull: its NDJSON progress, host by host, and its outcome.
 * `isPool`: several hosts, so the request names the target (one host, or every host).
 */
export function usePull(isPool: boolean) {
  const refresh = usePageRefresh();
  const [job, setJob] = useState<PullJob | null>(null);
  const [rows, setRows] = useState<PullRow[]>([]);
  const [state, setState] = useState<PullState>("idle");
  const [message, setMessage] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const update = (url: string, change: Partial<PullRow>) =>
    setRows((all) => all.map((r) => (r.host.url === url ? { ...r, ...change } : r)));
  const settle = (from: RowState[], to: RowState) => setRows((all) => all.map((r) => (from.includes(r.state) ? { ...r, state: to } : r)));

  /** Pulls `tag` to `chosen` (one host of a pool) or to every host in `targets`. */
  async function pull(tag: string, chosen: PullHost | undefined, targets: PullHost[]) {
    setMessage(null);
    setJob({ model: tag, hostLabel: chosen?.label ?? null });
    setRows(targets.map((host) => ({ host, state: "waiting", progress: null, message: null })));
    setState("pulling");
    controller.current = new AbortController();
    let isInstalledSomewhere = false;
    const onEvent = (event: PullEvent) => {
      if (event.type === "progress") update(event.host, { state: "pulling", progress: event });
      else if (event.type === "host-done") {
        isInstalledSomewhere = true;
        update(event.host, { state: "done" });
      } else if (event.type === "host-error") update(event.host, { state: "error", message: event.message });
      else if (event.type === "done") {
        settle(["pulling"], "done");
        settle(["waiting"], "skipped");
        setState("done");
        refresh();
      } else {
        settle(["waiting", "pulling"], chosen || !isPool ? "error" : "skipped");
        setState("error");
        setMessage(event.message);
      }
    };
    try {
      const response = await fetch("/api/models/pull", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(isPool ? { model: tag, host: chosen?.url ?? EVERY_HOST } : { model: tag }),
        signal: controller.current.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        throw new Error(body.error ?? `The server answered ${response.status}.`);
      }
      await readNdjson<PullEvent>(response.body, onEvent);
    } catch (error) {
      if ((error as Error).name === "AbortError") {
        settle(["pulling"], "cancelled");
        settle(["waiting"], "skipped");
        setState("cancelled");
        setMessage("Pull cancelled. Ollama keeps the layers it already has, so pulling again resumes.");
        // hosts that finished before the cancel have the model now
        if (isInstalledSomewhere) refresh();
      } else {
        settle(["waiting", "pulling"], "error");
        setState("error");
        setMessage((error as Error).message);
      }
    } finally {
      controller.current = null;
    }
  }

  return { job, rows, state, message, setMessage, pull, cancel: () => controller.current?.abort() };
}
