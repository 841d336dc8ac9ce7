"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { PullEvent, PullProgress } from "@/lib/ollama/types";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { formatBytes } from "@/lib/format";
import { cn } from "@/lib/utils/cn";

export type PullHost = { url: string; label: string; isAnswering: boolean };

type RowState = "waiting" | "pulling" | "done" | "error" | "skipped" | "cancelled";
type Row = { host: PullHost; state: RowState; progress: PullProgress | null; message: string | null };
type Job = { model: string; hostLabel: string | null };

const EVERY_HOST = "all";
const gb = (bytes: number) => formatBytes(bytes, 2);

/**
 * "Pull a model" with a real progress bar fed by the server's NDJSON stream; cancellable. With
 * several hosts, "Pull to" picks one host or every host (the server pulls to them one after the
 * other) and each host gets its own bar and its own outcome.
 */
export function PullForm({ suggestions, hosts }: { suggestions: string[]; hosts: PullHost[] }) {
  const router = useRouter();
  const isPool = hosts.length > 1;
  const [model, setModel] = useState("");
  const [target, setTarget] = useState(EVERY_HOST);
  const [job, setJob] = useState<Job | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [state, setState] = useState<"idle" | "pulling" | "done" | "error" | "cancelled">("idle");
  const [message, setMessage] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  const update = (url: string, change: Partial<Row>) => setRows((all) => all.map((r) => (r.host.url === url ? { ...r, ...change } : r)));
  const settle = (from: RowState[], to: RowState) => setRows((all) => all.map((r) => (from.includes(r.state) ? { ...r, state: to } : r)));

  async function pull(event: React.FormEvent) {
    event.preventDefault();
    const tag = model.trim();
    if (!tag) return setMessage("Enter a model tag, for example qwen3-vl:4b.");
    const chosen = isPool && target !== EVERY_HOST ? hosts.find((h) => h.url === target) : undefined;
    const targets = chosen ? [chosen] : hosts;
    setMessage(null);
    setJob({ model: tag, hostLabel: chosen?.label ?? null });
    setRows(targets.map((host) => ({ host, state: "waiting", progress: null, message: null })));
    setState("pulling");
    controller.current = new AbortController();
    let isInstalledSomewhere = false;
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
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) {
          if (!line.trim()) continue;
          const event = JSON.parse(line) as PullEvent;
          if (event.type === "progress") update(event.host, { state: "pulling", progress: event });
          else if (event.type === "host-done") {
            isInstalledSomewhere = true;
            update(event.host, { state: "done" });
          } else if (event.type === "host-error") update(event.host, { state: "error", message: event.message });
          else if (event.type === "done") {
            settle(["pulling"], "done");
            settle(["waiting"], "skipped");
            setState("done");
            router.refresh();
          } else {
            settle(["waiting", "pulling"], chosen || !isPool ? "error" : "skipped");
            setState("error");
            setMessage(event.message);
          }
        }
      }
    } catch (error) {
      if ((error as Error).name === "AbortError") {
        settle(["pulling"], "cancelled");
        settle(["waiting"], "skipped");
        setState("cancelled");
        setMessage("Pull cancelled. Ollama keeps the layers it already has, so pulling again resumes.");
        // hosts that finished before the cancel have the model now
        if (isInstalledSomewhere) router.refresh();
      } else {
        settle(["waiting", "pulling"], "error");
        setState("error");
        setMessage((error as Error).message);
      }
    } finally {
      controller.current = null;
    }
  }

  const installedOn = rows.filter((r) => r.state === "done").length;

  return (
    <form onSubmit={pull} className="rounded-2xl border border-line bg-surface p-5" aria-labelledby="pull-title">
      <h2 id="pull-title" className="text-xl font-semibold">
        Pull a model
      </h2>
      <p className="mt-1 text-sm text-ink-muted">
        {isPool
          ? "Downloads into the Ollama of the host you pick, or of every host, one after the other. Big models take a while; you can leave the page open or cancel."
          : "Downloads into the Ollama at this host. Big models take a while; you can leave the page open or cancel."}
      </p>
      <div className="mt-4 flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="pull-model" className="text-sm font-semibold">
            Model tag
          </label>
          <input
            id="pull-model"
            name="model"
            list="pull-suggestions"
            value={model}
            onChange={(e) => setModel(e.target.value)}
            placeholder="qwen3-vl:4b"
            autoComplete="off"
            className="min-h-11 w-64 max-w-full rounded-lg border border-line-strong bg-surface px-3 font-mono"
          />
          <datalist id="pull-suggestions">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
        {isPool ? (
          <div className="flex max-w-full flex-col gap-1.5">
            <label htmlFor="pull-host" className="text-sm font-semibold">
              Pull to
            </label>
            <select
              id="pull-host"
              name="host"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              disabled={state === "pulling"}
              className="min-h-11 max-w-full rounded-lg border border-line-strong bg-surface px-3"
            >
              <option value={EVERY_HOST}>Every host</option>
              {hosts.map((h) => (
                <option key={h.url} value={h.url}>
                  {h.isAnswering ? h.label : `${h.label} (not answering)`}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {/* Two keyed buttons, not one that changes type: the cancel settles the state before the
            click's default action runs, and a button turned back into "submit" would pull again. */}
        {state === "pulling" ? (
          <Button
            key="cancel"
            variant="secondary"
            onClick={(e) => {
              e.preventDefault();
              controller.current?.abort();
            }}
          >
            Cancel pull
          </Button>
        ) : (
          <Button key="pull" type="submit">
            Pull
          </Button>
        )}
      </div>
      {job && state !== "idle" ? (
        isPool ? (
          <ul className="mt-4 grid gap-4" aria-label={`Pull of ${job.model}, host by host`}>
            {rows.map((row) => (
              <li key={row.host.url}>
                <HostProgress row={row} barLabel={`Pulling ${job.model} to ${row.host.label}`} />
              </li>
            ))}
          </ul>
        ) : rows[0] && (state === "pulling" || rows[0].progress) ? (
          <div className="mt-4">
            <ProgressBar row={rows[0]} barLabel={`Pulling ${job.model}`} showLayers />
          </div>
        ) : null
      ) : null}
      {/* Only outcomes are announced: the bars change many times a second. */}
      <div aria-live="polite" className="mt-3">
        {job && state === "done" ? (
          <Notice tone="success" className="mt-3">
            {!isPool
              ? `${job.model} is installed.`
              : job.hostLabel
                ? `${job.model} is installed on ${job.hostLabel}.`
                : installedOn === rows.length
                  ? `${job.model} is installed on every host (${rows.length}).`
                  : `${job.model} is installed on ${installedOn} of ${rows.length} hosts. Not on: ${rows
                      .filter((r) => r.state !== "done")
                      .map((r) => r.host.label)
                      .join("; ")}.`}
          </Notice>
        ) : null}
        {message ? (
          <Notice tone={state === "cancelled" ? "warning" : "danger"} className="mt-3">
            {message}
          </Notice>
        ) : null}
      </div>
    </form>
  );
}

const ROW_STATE: Record<RowState, { text: string; className: string }> = {
  waiting: { text: "Waiting", className: "text-ink-muted" },
  pulling: { text: "Pulling", className: "text-ink" },
  done: { text: "Installed", className: "text-success" },
  error: { text: "Failed", className: "text-danger" },
  skipped: { text: "Not pulled", className: "text-ink-muted" },
  cancelled: { text: "Cancelled", className: "text-warning" },
};

function HostProgress({ row, barLabel }: { row: Row; barLabel: string }) {
  const shown = ROW_STATE[row.state];
  return (
    <div className="rounded-xl border border-line p-3" data-testid="pull-host">
      <p className="flex flex-wrap justify-between gap-x-3 text-sm">
        <span className="font-mono font-medium [overflow-wrap:anywhere]">{row.host.label}</span>
        <span className={cn("font-semibold", shown.className)}>{shown.text}</span>
      </p>
      {row.state === "skipped" || (row.state === "error" && !row.progress) ? null : (
        <div className="mt-2">
          <ProgressBar row={row} barLabel={barLabel} waitingText="Waiting for its turn" />
        </div>
      )}
      {row.message ? <p className="mt-2 text-sm [overflow-wrap:anywhere] text-danger">{row.message}</p> : null}
    </div>
  );
}

function ProgressBar({
  row,
  barLabel,
  showLayers = false,
  waitingText = "Starting…",
}: {
  row: Row;
  barLabel: string;
  showLayers?: boolean;
  waitingText?: string;
}) {
  const { progress } = row;
  const percent = row.state === "done" ? 100 : (progress?.percent ?? 0);
  return (
    <div>
      <div className="flex flex-wrap justify-between gap-x-3 text-sm">
        <span>{progress?.status ?? (row.state === "waiting" ? waitingText : "")}</span>
        <span>{progress ? `${progress.percent}% · ${gb(progress.completed)} of ${gb(progress.total)}` : null}</span>
      </div>
      <div
        role="progressbar"
        aria-label={barLabel}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="mt-2 h-3 overflow-hidden rounded-full bg-sunken"
      >
        <div
          className={cn("h-full rounded-full transition-[width]", row.state === "error" ? "bg-danger" : "bg-accent")}
          style={{ width: `${percent}%` }}
        />
      </div>
      {showLayers && progress?.layers.length ? (
        <ul className="mt-2 text-xs text-ink-muted">
          {progress.layers.map((l) => (
            <li key={l.digest} className="font-mono">
              {l.digest.replace("sha256:", "").slice(0, 12)}: {gb(Math.min(l.completed, l.total))} of {gb(l.total)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
