import { gradeBandFor, type GradeBand, type Rubric } from "@/lib/submissions/scoring";
import { cn } from "@/lib/utils/cn";

// The rubric as a student reads it while writing, and the grade bands both sides see. No hooks, so
// the write-up editor (client) and the review pages (server) render the same markup.

const pointsText = (points: number) => `${points} ${points === 1 ? "point" : "points"}`;

/** Points to grade band, from the top. */
export function GradeBandsTable({ bands, className }: { bands: readonly GradeBand[]; className?: string }) {
  return (
    <table className={cn("w-full text-left text-sm", className)}>
      <caption className="text-left font-semibold">Grade bands</caption>
      <thead className="text-xs text-ink-muted">
        <tr>
          <th scope="col" className="py-1 pr-3 font-semibold">
            Points
          </th>
          <th scope="col" className="py-1 font-semibold">
            Band
          </th>
        </tr>
      </thead>
      <tbody>
        {bands.map((band) => (
          <tr key={band.id} className="border-t border-line align-top">
            <td className="py-1.5 pr-3 whitespace-nowrap">
              {band.min} to {band.max}
            </td>
            <td className="py-1.5">
              <span className="font-medium">{band.title}</span>
              <span className="block text-ink-muted">{band.description}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Secure (12 to 15 points)" for a grade, or nothing when no band holds it. */
export function GradeBandText({
  bands,
  points,
  live = false,
  className,
}: {
  bands: readonly GradeBand[];
  points: number;
  /** announce a change (the grade field, where choosing levels moves the band) */
  live?: boolean;
  className?: string;
}) {
  const band = gradeBandFor(bands, points);
  if (!band) return null;
  return (
    <p className={className} data-testid="grade-band" aria-live={live ? "polite" : undefined}>
      Grade band: <span className="font-semibold">{band.title}</span> ({band.min} to {band.max} points)
    </p>
  );
}

/** Every criterion with its levels and points, then the bands: open beside the write-up while it is written. */
export function RubricGuide({ rubric, className }: { rubric: Pick<Rubric, "criteria" | "gradeBands">; className?: string }) {
  const max = rubric.criteria.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);
  return (
    <details className={cn("rounded-2xl border border-line bg-surface p-4 text-sm sm:p-5", className)} data-testid="rubric-guide">
      <summary className="cursor-pointer text-base font-semibold">Rubric: how your write-up is marked</summary>
      <p className="mt-2 text-ink-muted">
        Your instructor chooses one level on each of the {rubric.criteria.length} criteria, {max} points in all, and the total maps to a
        grade band. Quote your run&apos;s figures and scores where they support a point: the run is submitted with the write-up.
      </p>
      <div className="mt-4 flex flex-col gap-5">
        {rubric.criteria.map((criterion) => (
          // Not labelled regions: a region named after a criterion would share its name with a write-up field.
          <div key={criterion.id}>
            <h3 className="font-semibold">{criterion.title}</h3>
            <p className="mt-1 text-ink-muted">{criterion.description}</p>
            <ul className="mt-2 flex flex-col gap-1.5">
              {criterion.levels.map((level) => (
                <li key={level.id} className="rounded-lg border border-line p-2">
                  <span className="font-medium">
                    {level.title} ({pointsText(level.points)})
                  </span>
                  <span className="block text-ink-muted">{level.description}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      <GradeBandsTable bands={rubric.gradeBands} className="mt-5" />
    </details>
  );
}
