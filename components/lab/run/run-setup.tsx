import type { LabRunView } from "@/lib/lab/types";
import { PROMPT_KIND_INFO, PROMPT_KINDS } from "@/lib/lab/prompt-kinds";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/lib/format";
import { notColdNotes } from "@/lib/lab/metrics-text";

const DEFENCE_TEXT = {
  textOnlyNote: "text-only prompt says no image was sent",
  injectionLine: "vision prompt says text in the image is not an instruction",
};

/** How the two model lanes ran: at once, or one after the other and why (with the memory figures seen). */
function lanesText(run: LabRunView): string {
  if (run.measureCold) return "one after the other (a cold start is measured one model at a time)";
  const note = run.laneNote;
  if (!note) return "both at once (a model's load can include waiting for the other's)";
  const sizes = note.models
    .map((m) =>
      m.sizeBytes !== null
        ? `${m.name} ${formatBytes(m.sizeBytes)} resident`
        : m.downloadBytes
          ? `${m.name} at least ${formatBytes(m.downloadBytes)} (its download; never seen loaded)`
          : `${m.name} never seen loaded`,
    )
    .join(", ");
  return (
    `one after the other from here on: the two models did not fit in memory together. ${note.evicted.join(" and ")} ` +
    `had to be unloaded to make room for the other (${sizes}; ${formatBytes(note.loadedBytes)} loaded when checked). ` +
    "The rest of the run went lane by lane, so each later answer's numbers are its own model's."
  );
}

/** What was run: the screenshot, models, prompts, defences and predictions; "Run again" refills the form. */
export function RunSetup({ run, onRunAgain }: { run: LabRunView; onRunAgain?: () => void }) {
  const off = (Object.keys(DEFENCE_TEXT) as (keyof typeof DEFENCE_TEXT)[]).filter((k) => !run.defences[k]);
  const notCold = run.measureCold ? notColdNotes(run.cells) : [];
  return (
    <div
      className="mt-4 grid gap-4 rounded-xl border border-line bg-surface p-4 sm:grid-cols-[12rem_minmax(0,1fr)]"
      data-testid="run-setup"
    >
      <a href={`/api/lab/images/${run.imageId}`} target="_blank" rel="noopener" className="block self-start">
        {/* eslint-disable-next-line @next/next/no-img-element -- a private, already normalised upload */}
        <img
          src={`/api/lab/images/${run.imageId}`}
          alt="The screenshot this run used (opens full size)"
          className="max-h-40 w-full rounded-lg border border-line bg-sunken object-contain"
        />
      </a>
      <div className="flex min-w-0 flex-col gap-2 text-sm">
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1">
          <dt className="text-ink-muted">Text-only model</dt>
          <dd className="font-mono text-xs break-all">{run.textModel ?? "none"}</dd>
          <dt className="text-ink-muted">Vision model</dt>
          <dd className="font-mono text-xs break-all">{run.visionModel ?? "none"}</dd>
          <dt className="text-ink-muted">Start</dt>
          <dd>
            {!run.measureCold
              ? "models as they were loaded"
              : notCold.length
                ? "cold start asked for (each model unloaded first)"
                : "cold start measured (each model unloaded first)"}
            {notCold.map((note) => (
              <p key={note} className="mt-1 font-semibold text-warning" data-testid="run-cold-note">
                {note}
              </p>
            ))}
          </dd>
          {run.textModel && run.visionModel ? (
            <>
              <dt className="text-ink-muted">Lanes</dt>
              <dd data-testid="run-lanes">{lanesText(run)}</dd>
            </>
          ) : null}
          <dt className="text-ink-muted">Defences</dt>
          <dd data-testid="run-defences">
            {off.length === 0 ? "both on" : off.length === 2 ? "both off (undefended contrast)" : `off: ${DEFENCE_TEXT[off[0]!]}`}
          </dd>
        </dl>
        <details>
          <summary className="cursor-pointer font-semibold">Prompts used</summary>
          <dl className="mt-2 flex flex-col gap-2">
            {PROMPT_KINDS.map((kind) => (
              <div key={kind}>
                <dt className="text-xs font-semibold text-ink-muted">{PROMPT_KIND_INFO[kind].label}</dt>
                <dd className="whitespace-pre-wrap">{run.prompts[kind]}</dd>
              </div>
            ))}
          </dl>
        </details>
        {onRunAgain ? (
          <Button variant="secondary" className="self-start" onClick={onRunAgain}>
            Run again
          </Button>
        ) : null}
      </div>
    </div>
  );
}
