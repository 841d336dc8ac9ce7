import { splitCitations } from "@/lib/tutor/events";
import type { Turn } from "@/lib/tutor/turns";

/** One question and the tutor's answer: plain text, with [n] citations linking to the lesson's sections. */
export function TutorTurn({ turn }: { turn: Turn }) {
  const sourcesLabel =
    turn.mode === "model"
      ? "Passages the answer used"
      : turn.mode === "passages"
        ? "From the lesson"
        : turn.mode === "refused"
          ? "Sections to read"
          : "Closest sections";
  return (
    <article className="flex flex-col gap-3" aria-label={`You asked: ${turn.question}`}>
      <p className="max-w-[85%] self-end rounded-2xl rounded-br-sm bg-accent-soft px-4 py-2 whitespace-pre-wrap">
        <span className="sr-only">You asked: </span>
        {turn.question}
      </p>
      <div className="flex flex-col gap-3 rounded-2xl rounded-bl-sm border border-line bg-canvas px-4 py-3">
        <p className="sr-only">The tutor:</p>
        {turn.status === "asking" ? <p className="text-ink-muted">Looking through the lesson…</p> : null}
        {turn.message ? <p className="font-medium">{turn.message}</p> : null}
        {turn.mode === "model" ? (
          <p className="whitespace-pre-wrap" data-testid="tutor-answer">
            {splitCitations(turn.answer, turn.sources).map((part, i) =>
              "cite" in part ? (
                <a key={i} href={`#${part.cite.anchor}`} className="font-semibold" title={part.cite.title}>
                  [{part.cite.n}]<span className="sr-only"> {part.cite.title}</span>
                </a>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
            {turn.status === "answering" ? (
              <span aria-hidden="true" className="ml-0.5 inline-block animate-pulse motion-reduce:animate-none">
                ▍
              </span>
            ) : null}
          </p>
        ) : null}
        {turn.error ? (
          <p role="status" className="rounded-lg border border-warning/40 bg-warning-soft px-3 py-2 text-sm">
            {turn.error}
          </p>
        ) : null}
        {turn.sources.length ? (
          <div>
            <p className="text-sm font-semibold text-ink-muted">{sourcesLabel}</p>
            <ol className="mt-2 flex flex-col gap-3">
              {turn.sources.map((source) => (
                <li key={source.n} className="text-sm">
                  <a href={`#${source.anchor}`} className="font-semibold">
                    [{source.n}] {source.title}
                  </a>
                  {turn.mode === "passages" || (turn.mode === "model" && turn.status === "failed") ? (
                    <blockquote className="mt-1 border-l-2 border-line-strong pl-3 whitespace-pre-line text-ink-muted">
                      {source.excerpt}
                    </blockquote>
                  ) : null}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        {turn.note ? <p className="text-sm text-ink-muted">{turn.note}</p> : null}
        {turn.mode === "model" && turn.model && turn.status !== "answering" ? (
          <p className="text-xs text-ink-muted">
            Phrased by {turn.model}, a local model, from the passages above. Check it against the lesson.
          </p>
        ) : null}
      </div>
    </article>
  );
}
