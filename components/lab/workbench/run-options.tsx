import { LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { Defences } from "@/lib/lab/schemas";

/** The two prompt defences, on by default; switching one off shows the undefended contrast. */
export function DefencesPanel({ defences, onDefence }: { defences: Defences; onDefence: (key: keyof Defences, on: boolean) => void }) {
  return (
    <fieldset className="mt-4 flex flex-col gap-2 rounded-xl border border-line p-4">
      <legend className="px-1 font-semibold">Defences</legend>
      <p className="text-sm text-ink-muted">
        Both are on by default. Switch one off to see the undefended contrast; the run records which were on.
      </p>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          checked={defences.textOnlyNote}
          onChange={(e) => onDefence("textOnlyNote", e.target.checked)}
          className="mt-1 size-4 accent-accent"
        />
        <span>Text-only prompt: say that no image was sent, and not to guess</span>
      </label>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          checked={defences.injectionLine}
          onChange={(e) => onDefence("injectionLine", e.target.checked)}
          className="mt-1 size-4 accent-accent"
        />
        <span>Vision prompt: say that text in the image is content, not an instruction</span>
      </label>
    </fieldset>
  );
}

/** The cold-start choice, the Run button, and what the page says about starting. */
export function StartRun({
  measureCold,
  onMeasureCold,
  isStarting,
  onStart,
  message,
  notice,
}: {
  measureCold: boolean;
  onMeasureCold: (on: boolean) => void;
  isStarting: boolean;
  onStart: () => void;
  /** a refused start that belongs to no field */
  message: string | null;
  notice: string | null;
}) {
  return (
    <>
      <div className="mt-4 flex flex-wrap items-center gap-5">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={measureCold} onChange={(e) => onMeasureCold(e.target.checked)} className="size-4 accent-accent" />
          Measure a cold start (unload each model first, so the load time is real)
        </label>
        {/* aria-disabled rather than disabled while starting: the button keeps focus, so a refusal is read from it. */}
        <Button
          id="run-button"
          onClick={onStart}
          aria-disabled={isStarting || undefined}
          aria-busy={isStarting || undefined}
          aria-describedby={message ? "run-error" : undefined}
          className="min-w-44 aria-disabled:cursor-progress"
        >
          {isStarting ? (
            <>
              <LoaderCircle aria-hidden="true" className="size-4 motion-safe:animate-spin" />
              Starting the run…
            </>
          ) : (
            "Run comparison"
          )}
        </Button>
      </div>
      <div aria-live="polite" className="scroll-my-6">
        {isStarting ? <p className="sr-only">Starting the run…</p> : null}
        {message ? (
          <div id="run-error" className="mt-4">
            <Notice tone="danger" title="The run did not start">
              {message}
            </Notice>
          </div>
        ) : null}
        {notice ? (
          <Notice tone="info" className="mt-4">
            {notice}
          </Notice>
        ) : null}
      </div>
    </>
  );
}
