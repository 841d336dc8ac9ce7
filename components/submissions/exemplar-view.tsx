import { cellLabel } from "@/lib/submissions/completeness";
import { exemplarCells, type Exemplar } from "@/lib/submissions/exemplars";
import { RECOMMENDATION_LABELS } from "@/lib/submissions/schemas";
import { gradeBandFor, scoreRubric, type Rubric } from "@/lib/submissions/scoring";
import { cn } from "@/lib/utils/cn";

// The exemplar write-ups, one per recommendation kind, each laid out as a student's write-up reads
// and with the rubric levels it was written to reach. No hooks: server pages and the write-up
// editor render it alike.

type RubricInfo = Pick<Rubric, "criteria" | "gradeBands">;

function ExemplarBody({ exemplar, rubric, Sub }: { exemplar: Exemplar; rubric: RubricInfo; Sub: "h3" | "h4" }) {
  const { writeUp } = exemplar;
  const cells = exemplarCells(exemplar);
  const labelOf = (key: string) => {
    const cell = cells.find((c) => c.key === key);
    return cell ? cellLabel(cell) : key;
  };
  const score = scoreRubric(rubric, exemplar.levels);
  const band = gradeBandFor(rubric.gradeBands, score.points);
  const choice = writeUp.recommendation.choice;
  return (
    <div className="mt-3 flex flex-col gap-3">
      <p className="text-ink-muted">{exemplar.note}</p>
      <Sub className="font-semibold">Quality ratings</Sub>
      <ul className="flex flex-col gap-1.5">
        {cells.map((cell) => {
          const rating = writeUp.ratings[cell.key];
          return rating ? (
            <li key={cell.key}>
              <span className="font-medium">
                {labelOf(cell.key)}: {rating.rating ?? "—"} / 5{rating.guessedHiddenState ? ", guessed hidden state" : ""}.
              </span>{" "}
              {rating.note}
            </li>
          ) : null;
        })}
      </ul>
      <Sub className="font-semibold">What the text-only model cannot know</Sub>
      <ul className="list-disc pl-5">
        {writeUp.cannotKnow
          .split("\n")
          .filter((line) => line.trim())
          .map((line) => (
            <li key={line}>{line}</li>
          ))}
      </ul>
      <Sub className="font-semibold">Surprising failure{writeUp.failure.cell ? ` (${labelOf(writeUp.failure.cell)})` : ""}</Sub>
      <p>{writeUp.failure.text}</p>
      <Sub className="font-semibold">
        Recommendation: {choice ? RECOMMENDATION_LABELS[choice] : "—"}
        {writeUp.recommendation.narrowJob ? `: ${writeUp.recommendation.narrowJob}` : ""}
      </Sub>
      <p>{writeUp.recommendation.paragraph}</p>
      <Sub className="font-semibold">
        Rubric levels it reaches: {score.points} of {score.max} points{band ? `, ${band.title}` : ""}
      </Sub>
      <ul className="list-disc pl-5">
        {rubric.criteria.map((criterion) => {
          const level = criterion.levels.find((l) => l.id === exemplar.levels[criterion.id]);
          return (
            <li key={criterion.id}>
              {criterion.title}: {level ? `${level.title} (${level.points})` : "—"}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The exemplars, each folded under its title. (Named "Exemplars": a region whose name held "write-up" would share the write-up's.) */
export function ExemplarList({
  exemplars,
  rubric,
  headingLevel = 3,
  className,
}: {
  exemplars: readonly Exemplar[];
  rubric: RubricInfo;
  headingLevel?: 2 | 3;
  className?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="exemplars-title" className={cn("text-sm", className)} data-testid="exemplars">
      <Heading id="exemplars-title" className="text-lg font-semibold">
        Exemplars
      </Heading>
      <p className="mt-1 text-ink-muted">
        A model answer for each recommendation, each about a sample screenshot: what it says about the screen matches that sample&apos;s
        ground truth, and it has only the fields you write.
      </p>
      <div className="mt-3 flex flex-col gap-3">
        {exemplars.map((exemplar) => (
          <details key={exemplar.id} className="rounded-xl border border-line bg-surface p-4">
            <summary className="cursor-pointer font-semibold">{exemplar.title}</summary>
            <ExemplarBody exemplar={exemplar} rubric={rubric} Sub={headingLevel === 2 ? "h3" : "h4"} />
          </details>
        ))}
      </div>
    </section>
  );
}
