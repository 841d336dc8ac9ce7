import type { LabRunView } from "@/lib/lab/types";
import { formatDuration } from "@/lib/format";

const seconds = formatDuration;

/** Where each model's time went over all prompts: load, prefill and generation, to scale. */
export function TimeBars({ run }: { run: LabRunView }) {
  const rows = (["TEXT", "VISION"] as const).flatMap((column) => {
    const cells = run.cells.filter((c) => c.column === column && c.status === "DONE");
    if (!cells.length) return [];
    const sum = (key: "loadMs" | "prefillMs") => cells.reduce((n, c) => n + (c.metrics?.[key] ?? 0), 0);
    const gen = cells.reduce((n, c) => (c.metrics ? n + Math.max(0, c.metrics.totalMs - c.metrics.loadMs - c.metrics.prefillMs) : n), 0);
    const lanesInParallel = cells.some((c) => c.metrics?.lanesInParallel);
    return [{ model: cells[0]?.model ?? "", load: sum("loadMs"), prefill: sum("prefillMs"), generation: gen, lanesInParallel }];
  });
  if (!rows.length) return null;
  const max = Math.max(...rows.map((r) => r.load + r.prefill + r.generation), 1);
  return (
    <figure className="rounded-xl border border-line bg-surface p-4">
      <figcaption className="font-semibold">Where the time went (all prompts)</figcaption>
      <div className="mt-3 flex flex-col gap-3">
        {rows.map((r) => (
          <div key={r.model}>
            <p className="font-mono text-xs">{r.model}</p>
            <div
              className="mt-1 flex h-4 overflow-hidden rounded bg-sunken"
              role="img"
              aria-label={`${r.model}: load ${seconds(r.load)}, prefill ${seconds(r.prefill)}, generation ${seconds(r.generation)}`}
            >
              <div className="bg-warning" style={{ width: `${(r.load / max) * 100}%` }} />
              <div className="bg-accent" style={{ width: `${(r.prefill / max) * 100}%` }} />
              <div className="bg-success" style={{ width: `${(r.generation / max) * 100}%` }} />
            </div>
            <p className="text-xs text-ink-muted">
              load {seconds(r.load)} · prefill {seconds(r.prefill)} · generation {seconds(r.generation)}
            </p>
          </div>
        ))}
      </div>
      <p className="mt-2 text-xs text-ink-muted">
        <span className="mr-1 inline-block size-2 rounded-sm bg-warning" /> load{" "}
        <span className="mr-1 ml-3 inline-block size-2 rounded-sm bg-accent" /> prefill
        <span className="mr-1 ml-3 inline-block size-2 rounded-sm bg-success" /> generation
      </p>
      <p className="mt-2 text-xs text-ink-muted">
        {rows.some((r) => r.lanesInParallel)
          ? "Both models ran at once and Ollama loads one model at a time, so a load can include waiting for the other model's. Tick “Measure a cold start” to run them one after the other. "
          : ""}
        Prefill: the first vision prompt pays for the image; the later prompts on the same image reuse Ollama&apos;s prompt cache, so their
        prefill is much shorter. Compare the image&apos;s cost on the first prompt.
      </p>
    </figure>
  );
}
