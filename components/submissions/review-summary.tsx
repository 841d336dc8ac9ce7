import type { DecidedReview } from "@/lib/submissions/types";
import { scoreRubric, type GradeBand, type RubricCriterion } from "@/lib/submissions/scoring";
import { GradeBandText } from "@/components/submissions/rubric-guide";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils/cn";

/** A decided review as the student reads it: the feedback, the level reached on each criterion, the grade. */
export function ReviewSummary({
  review,
  rubric,
  gradeBands = [],
  timeZone,
  className,
}: {
  review: DecidedReview;
  rubric: RubricCriterion[];
  /** the rubric's bands: the one the grade falls in is shown under it */
  gradeBands?: readonly GradeBand[];
  timeZone: string;
  className?: string;
}) {
  const { max, points } = scoreRubric({ criteria: rubric }, review.levels);
  return (
    <div className={cn("rounded-xl border border-line bg-surface p-4", className)} data-testid="review-summary">
      <p className="text-sm text-ink-muted">
        {review.decision === "RETURNED" ? "Returned for revision" : "Review completed"}
        {review.reviewerName ? ` by ${review.reviewerName}` : ""} on {formatDateTime(review.decidedAt, timeZone)}
      </p>
      <h3 className="mt-2 font-semibold">Feedback</h3>
      <p className="mt-1 whitespace-pre-wrap">{review.feedback || "No written feedback."}</p>
      <p className="mt-3 font-semibold" data-testid="review-grade">
        Grade: {review.grade ?? "—"} / {max}
      </p>
      {/* A return with comments only (or a partly scored rubric) has no grade: no band to place it in. */}
      {review.grade === null && review.decision === "RETURNED" ? (
        <p className="mt-1 text-sm text-ink-muted">Not graded yet: returned with comments.</p>
      ) : (
        <GradeBandText bands={gradeBands} points={review.grade ?? points} className="mt-1 text-sm" />
      )}
      <table className="mt-3 w-full text-left text-sm">
        <caption className="sr-only">Rubric levels</caption>
        <thead className="text-xs text-ink-muted">
          <tr>
            <th scope="col" className="py-1 pr-3 font-semibold">
              Criterion
            </th>
            <th scope="col" className="py-1 pr-3 font-semibold">
              Level
            </th>
            <th scope="col" className="py-1 font-semibold">
              Points
            </th>
          </tr>
        </thead>
        <tbody>
          {rubric.map((criterion) => {
            const level = criterion.levels.find((l) => l.id === review.levels[criterion.id]);
            const best = Math.max(...criterion.levels.map((l) => l.points));
            return (
              <tr key={criterion.id} className="border-t border-line align-top">
                <th scope="row" className="py-1.5 pr-3 font-medium">
                  {criterion.title}
                </th>
                <td className="py-1.5 pr-3">
                  {level ? (
                    <>
                      <span className="font-medium">{level.title}</span>
                      <span className="block text-xs text-ink-muted">{level.description}</span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="py-1.5">
                  {level?.points ?? "—"} / {best}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
