"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { usePullContext } from "@/components/models/pull-context";
import { HostProgress, ProgressBar, hasBytes } from "@/components/models/pull-progress";
import { EVERY_HOST, type PullJob, type PullRow } from "@/hooks/use-pull";

export type { PullHost } from "@/hooks/use-pull";

/**
 * "Pull a model" with a real progress bar fed by the server's NDJSON stream; cancellable. With
 * several hosts, "Pull to" picks one host or every host (the server pulls to them one after the
 * other) and each host gets its own bar and its own outcome. Inside a PullProvider, which the
 * recommended pairs' "Pull <tag>" buttons share.
 */
export function PullForm({ suggestions }: { suggestions: string[] }) {
  const { hosts, isPool, model, setModel, target, setTarget, heading, start, job, rows, state, message, setMessage, cancel } =
    usePullContext();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const tag = model.trim();
    if (!tag) return setMessage("Enter a model tag, for example qwen3-vl:4b.");
    start(tag);
  }

  return (
    <form onSubmit={submit} className="rounded-2xl border border-line bg-surface p-5" aria-labelledby="pull-title">
      <h2 id="pull-title" ref={heading} tabIndex={-1} className="scroll-mt-4 text-xl font-semibold">
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
              cancel();
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
        ) : rows[0] && (state === "pulling" || hasBytes(rows[0])) ? (
          <div className="mt-4">
            <ProgressBar row={rows[0]} barLabel={`Pulling ${job.model}`} showLayers />
          </div>
        ) : null
      ) : null}
      {/* Only outcomes are announced: the bars change many times a second. */}
      <div aria-live="polite" className="mt-3">
        {job && state === "done" ? (
          <Notice tone="success" className="mt-3">
            {installedText(job, rows, isPool)}
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

function installedText(job: PullJob, rows: PullRow[], isPool: boolean): string {
  if (!isPool) return `${job.model} is installed.`;
  if (job.hostLabel) return `${job.model} is installed on ${job.hostLabel}.`;
  const installedOn = rows.filter((r) => r.state === "done").length;
  if (installedOn === rows.length) return `${job.model} is installed on every host (${rows.length}).`;
  const missing = rows
    .filter((r) => r.state !== "done")
    .map((r) => r.host.label)
    .join("; ");
  return `${job.model} is installed on ${installedOn} of ${rows.length} hosts. Not on: ${missing}.`;
}
