"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { formatBytes } from "@/lib/format";

type Progress = {
  status: string;
  layers: { digest: string; total: number; completed: number }[];
  total: number;
  completed: number;
  percent: number;
};

const gb = (bytes: number) => formatBytes(bytes, 2);

/** "Pull a model" with a real progress bar fed by the server's NDJSON stream; cancellable. */
export function PullForm({ suggestions }: { suggestions: string[] }) {
  const router = useRouter();
  const [model, setModel] = useState("");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [state, setState] = useState<"idle" | "pulling" | "done" | "error" | "cancelled">("idle");
  const [message, setMessage] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  async function pull(event: React.FormEvent) {
    event.preventDefault();
    const tag = model.trim();
    if (!tag) return setMessage("Enter a model tag, for example qwen3-vl:4b.");
    setMessage(null);
    setProgress(null);
    setState("pulling");
    controller.current = new AbortController();
    try {
      const response = await fetch("/api/models/pull", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ model: tag }),
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
          const event = JSON.parse(line) as ({ type: "progress" } & Progress) | { type: "done" } | { type: "error"; message: string };
          if (event.type === "progress") setProgress(event);
          else if (event.type === "done") {
            setState("done");
            router.refresh();
          } else {
            setState("error");
            setMessage(event.message);
          }
        }
      }
    } catch (error) {
      if ((error as Error).name === "AbortError") {
        setState("cancelled");
        setMessage("Pull cancelled. Ollama keeps the layers it already has, so pulling again resumes.");
      } else {
        setState("error");
        setMessage((error as Error).message);
      }
    } finally {
      controller.current = null;
    }
  }

  return (
    <form onSubmit={pull} className="rounded-2xl border border-line bg-surface p-5" aria-labelledby="pull-title">
      <h2 id="pull-title" className="text-xl font-semibold">
        Pull a model
      </h2>
      <p className="mt-1 text-sm text-ink-muted">
        Downloads into the Ollama at this host. Big models take a while; you can leave the page open or cancel.
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
            className="min-h-11 w-64 rounded-lg border border-line-strong bg-surface px-3 font-mono"
          />
          <datalist id="pull-suggestions">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
        {state === "pulling" ? (
          <Button variant="secondary" onClick={() => controller.current?.abort()}>
            Cancel pull
          </Button>
        ) : (
          <Button type="submit">Pull</Button>
        )}
      </div>
      <div aria-live="polite" className="mt-4">
        {state === "pulling" || (progress && state !== "idle") ? (
          <div>
            <div className="flex justify-between text-sm">
              <span>{progress?.status ?? "Starting…"}</span>
              <span>{progress ? `${progress.percent}% · ${gb(progress.completed)} of ${gb(progress.total)}` : null}</span>
            </div>
            <div
              role="progressbar"
              aria-label={`Pulling ${model}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={progress?.percent ?? 0}
              className="mt-2 h-3 overflow-hidden rounded-full bg-sunken"
            >
              <div className="h-full rounded-full bg-accent transition-[width]" style={{ width: `${progress?.percent ?? 0}%` }} />
            </div>
            {progress?.layers.length ? (
              <ul className="mt-2 text-xs text-ink-muted">
                {progress.layers.map((l) => (
                  <li key={l.digest} className="font-mono">
                    {l.digest.replace("sha256:", "").slice(0, 12)}: {gb(Math.min(l.completed, l.total))} of {gb(l.total)}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {state === "done" ? <Notice tone="success" className="mt-3">{`${model.trim()} is installed.`}</Notice> : null}
        {message ? (
          <Notice tone={state === "cancelled" ? "warning" : "danger"} className="mt-3">
            {message}
          </Notice>
        ) : null}
      </div>
    </form>
  );
}
