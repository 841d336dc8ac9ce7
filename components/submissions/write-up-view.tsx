import { cellLabel } from "@/lib/submissions/completeness";
import { RECOMMENDATION_LABELS, type Evidence, type WriteUp } from "@/lib/submissions/schemas";
import { countWords } from "@/lib/submissions/completeness";

/** A submitted write-up, read-only (ratings are shown beside the answers they judge). */
export function WriteUpView({ writeUp, evidence }: { writeUp: WriteUp; evidence: Evidence | null }) {
  const where = evidence?.cells.find((c) => c.key === writeUp.failure.cell);
  const points = writeUp.cannotKnow
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    <dl className="flex flex-col gap-5" data-testid="write-up-view">
      <div>
        <dt className="font-semibold">What the text-only model cannot know</dt>
        <dd>
          <ul className="mt-1 list-disc pl-5">
            {points.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </dd>
      </div>
      <div>
        <dt className="font-semibold">Surprising failure</dt>
        <dd className="mt-1 whitespace-pre-wrap">{writeUp.failure.text}</dd>
        <dd className="mt-1 text-sm text-ink-muted">Where it happened: {where ? cellLabel(where) : (writeUp.failure.cell ?? "—")}</dd>
      </div>
      <div>
        <dt className="font-semibold">Recommendation</dt>
        <dd className="mt-1">
          <strong>{writeUp.recommendation.choice ? RECOMMENDATION_LABELS[writeUp.recommendation.choice] : "—"}</strong>
          {writeUp.recommendation.choice === "narrow" ? `: ${writeUp.recommendation.narrowJob}` : null}
        </dd>
        <dd className="mt-2 whitespace-pre-wrap">{writeUp.recommendation.paragraph}</dd>
        <dd className="mt-1 text-xs text-ink-muted">{countWords(writeUp.recommendation.paragraph)} words</dd>
      </div>
    </dl>
  );
}
