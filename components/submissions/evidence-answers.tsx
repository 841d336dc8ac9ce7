import { PROMPT_KIND_INFO, PROMPT_KINDS } from "@/lib/lab/prompt-kinds";
import { cellLabel } from "@/lib/submissions/completeness";
import type { Evidence, EvidenceCell, WriteUp } from "@/lib/submissions/schemas";
import { formatBytes, formatDuration, formatNumber, formatPercent } from "@/lib/format";
import type { EvidenceTruth } from "@/lib/submissions/server/ground-truth";
import { StructuredOutput } from "@/components/lab/structured-output";
import { CellScoresView, GroundTruth } from "@/components/lab/run-summary";

function Metrics({ cell }: { cell: EvidenceCell }) {
  const m = cell.metrics;
  if (!m) return null;
  return (
    <p className="text-xs text-ink-muted">
      {m.isCold ? `cold, load ${formatDuration(m.loadMs)}` : "warm"} · first token {formatDuration(m.timeToFirstTokenMs)} ·{" "}
      {formatNumber(m.tokensPerSecond, 1)} tok/s ·{" "}
      {m.resident ? `${formatBytes(m.resident.sizeBytes)}, ${m.resident.percentOnGpu}% on GPU` : "memory not reported"}
    </p>
  );
}

function Answer({ cell }: { cell: EvidenceCell }) {
  // Model output is untrusted text: rendered as text, never as HTML.
  if (cell.structured) return <StructuredOutput value={cell.structured} />;
  return (
    <pre tabIndex={0} className="max-h-72 overflow-auto rounded-lg bg-sunken p-3 font-sans text-sm whitespace-pre-wrap">
      {cell.output || "(no text)"}
    </pre>
  );
}

function Rating({ writeUp, cell }: { writeUp: WriteUp | null; cell: EvidenceCell }) {
  const rating = writeUp?.ratings[cell.key];
  if (!writeUp) return null;
  return (
    <div className="rounded-lg bg-accent-soft px-3 py-2 text-sm" data-testid={`student-rating-${cell.key}`}>
      <p>
        <span className="font-semibold">Student&apos;s rating: {rating?.rating ?? "—"} / 5</span>
        {rating?.guessedHiddenState ? <span className="ml-2 font-semibold text-warning">Guessed hidden state</span> : null}
      </p>
      {rating?.note ? <p className="mt-1 whitespace-pre-wrap">{rating.note}</p> : null}
    </div>
  );
}

/**
 * The frozen run, read as a reviewer needs it: the screenshot, each prompt with both models' answers
 * side by side and their numbers, the student's rating of each, and the OCR baseline. With `truth`
 * (a sample's run), each answer's ground-truth scores as the student's lab showed them, and the
 * sample's ground truth and trap.
 */
export function EvidenceAnswers({ evidence, writeUp, truth }: { evidence: Evidence; writeUp: WriteUp | null; truth?: EvidenceTruth }) {
  const cell = (column: string, kind: string) => evidence.cells.find((c) => c.column === column && c.promptKind === kind);
  const ocr = evidence.cells.find((c) => c.column === "OCR");
  return (
    <div className="flex flex-col gap-6">
      <figure className="rounded-xl border border-line bg-surface p-3">
        {/* eslint-disable-next-line @next/next/no-img-element -- the stored screenshot, served by a route that checks access */}
        <img
          src={`/api/lab/images/${evidence.imageId}`}
          alt={`The screenshot of this run${evidence.sampleId ? ` (sample: ${evidence.sampleId})` : ""}`}
          className="mx-auto max-h-[28rem] w-auto rounded"
        />
        <figcaption className="mt-2 text-center text-sm text-ink-muted">
          {evidence.textModel} (no image) vs {evidence.visionModel} (with the image) ·{" "}
          {evidence.measureCold ? "cold start measured" : "models as loaded"}
        </figcaption>
      </figure>
      {PROMPT_KINDS.map((kind) => {
        const text = cell("TEXT", kind);
        const vision = cell("VISION", kind);
        return (
          <section key={kind} aria-labelledby={`prompt-${kind}-title`} className="flex flex-col gap-3">
            <h3 id={`prompt-${kind}-title`} className="text-lg font-semibold">
              {PROMPT_KIND_INFO[kind].label} prompt
            </h3>
            <p className="rounded-lg bg-sunken px-3 py-2 text-sm whitespace-pre-wrap">{evidence.prompts[kind]}</p>
            <div className="grid gap-4 lg:grid-cols-2">
              {[text, vision].map((c) =>
                c ? (
                  <article
                    key={c.key}
                    aria-label={cellLabel(c)}
                    className="flex min-w-0 flex-col gap-2 rounded-xl border border-line bg-surface p-4"
                  >
                    <p className="text-sm">
                      <span className="font-semibold">{c.column === "TEXT" ? "Text-only" : "Vision"}</span> ·{" "}
                      <span className="font-mono text-xs">{c.model}</span>
                    </p>
                    <Answer cell={c} />
                    <Metrics cell={c} />
                    {c.accuracy ? (
                      <p className="text-xs">
                        Visible text: recall {formatPercent(c.accuracy.wordRecall)}, precision {formatPercent(c.accuracy.wordPrecision)}
                      </p>
                    ) : null}
                    {truth?.scores[c.key] ? <CellScoresView scores={truth.scores[c.key]!} /> : null}
                    <Rating writeUp={writeUp} cell={c} />
                  </article>
                ) : null,
              )}
            </div>
          </section>
        );
      })}
      {ocr ? (
        <section aria-labelledby="ocr-title" className="flex flex-col gap-2">
          <h3 id="ocr-title" className="text-lg font-semibold">
            OCR baseline
          </h3>
          <pre tabIndex={0} className="max-h-56 overflow-auto rounded-lg bg-sunken p-3 font-sans text-sm whitespace-pre-wrap">
            {ocr.output || "(no text)"}
          </pre>
          {ocr.accuracy ? (
            <p className="text-sm">
              Visible text: recall {formatPercent(ocr.accuracy.wordRecall)}, precision {formatPercent(ocr.accuracy.wordPrecision)}
            </p>
          ) : (
            <p className="text-sm text-ink-muted">No ground truth: accuracy is scored for the sample screenshots only.</p>
          )}
          {truth?.scores[ocr.key] ? <CellScoresView scores={truth.scores[ocr.key]!} /> : null}
        </section>
      ) : null}
      {truth?.truth ? <GroundTruth truth={truth.truth} /> : null}
    </div>
  );
}
