import type { ReactNode } from "react";
import { formatNumber } from "@/lib/format";
import { FLAG_RULES, formatIndex, GROUP_SHARE, type QuizAnalysis } from "@/lib/quiz/analysis";
import { ItemChart } from "@/components/instructor/item-chart";
import { ItemFlags, ItemTable } from "@/components/instructor/item-table";

// The quiz item analysis page's sections below the pickers: the headline figures, the chart
// with the flagged questions beside it, and the full table with what each column means.

function Figure({ label, value, note, testId }: { label: string; value: string; note?: string | undefined; testId?: string }) {
  return (
    <div className="rounded-xl border border-line bg-surface p-3">
      <dt className="text-sm text-ink-muted">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {note ? <dd className="text-xs text-ink-muted">{note}</dd> : null}
    </div>
  );
}

export function QuizFigures({ analysis, students }: { analysis: QuizAnalysis; students: number }) {
  const { summary } = analysis;
  return (
    <dl className="mt-6 grid max-w-3xl grid-cols-2 gap-3 sm:grid-cols-4">
      <Figure label="Attempts" value={String(analysis.attempts)} testId="attempt-count" />
      <Figure label="Students" value={String(students)} />
      <Figure
        label="Mean score"
        value={summary ? `${formatNumber(summary.mean, 1)} / ${summary.outOf}` : "—"}
        note={summary ? `median ${formatNumber(summary.median, 1)}, SD ${formatNumber(summary.standardDeviation, 2)}` : undefined}
      />
      <Figure
        label="Reliability (KR-20)"
        value={summary?.kr20 != null ? formatIndex(summary.kr20) : "—"}
        note={summary ? "0.7 or more is the usual aim" : undefined}
      />
    </dl>
  );
}

export function QuizGlance({ analysis }: { analysis: QuizAnalysis }) {
  const flagged = analysis.items.filter((i) => i.flags.length > 0);
  return (
    <section aria-labelledby="chart-heading" className="mt-10">
      <h2 id="chart-heading" className="text-xl font-semibold">
        At a glance
      </h2>
      {analysis.isEnough ? (
        <div className="mt-4 grid items-start gap-6 lg:grid-cols-[minmax(0,28rem)_minmax(0,1fr)]">
          <figure className="rounded-xl border border-line bg-surface p-3">
            <ItemChart items={analysis.items} />
            <figcaption className="mt-2 text-xs text-ink-muted">
              <span aria-hidden="true" className="text-accent">
                ●
              </span>{" "}
              no flag,{" "}
              <span aria-hidden="true" className="text-danger">
                ◆
              </span>{" "}
              flagged. Points in a shaded band are flagged; up and to the middle is where good items sit. The table below has every figure.
            </figcaption>
          </figure>
          <div>
            <h3 className="font-semibold">
              {flagged.length ? `${flagged.length} of ${analysis.items.length} questions to look at` : "No question is flagged"}
            </h3>
            {flagged.length ? (
              <ul className="mt-3 space-y-3">
                {flagged.map((item) => (
                  <li key={item.questionId} data-testid="flagged-item">
                    <p className="text-sm font-semibold">Q{item.number}</p>
                    <div className="mt-1">
                      <ItemFlags flags={item.flags} />
                    </div>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      ) : (
        <p className="mt-3 text-ink-muted">The chart appears once there are {analysis.minimum} attempts.</p>
      )}
    </section>
  );
}

function Definition({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="inline font-semibold text-ink">{term}: </dt>
      <dd className="inline">{children}</dd>
    </div>
  );
}

export function QuizItems({ analysis }: { analysis: QuizAnalysis }) {
  return (
    <section aria-labelledby="items-heading" className="mt-10">
      <h2 id="items-heading" className="text-xl font-semibold">
        Every question
      </h2>
      <div className="mt-4">
        <ItemTable items={analysis.items} isEnough={analysis.isEnough} />
      </div>
      <dl className="mt-6 max-w-3xl space-y-2 text-sm text-ink-muted">
        <Definition term="Facility">
          The share of attempts that got the question fully right; a blank counts as wrong. A multiple-select question counts only when
          exactly its right options are ticked: grading is all or nothing, so there is no partial score to average.
        </Definition>
        <Definition term="D (discrimination index)">
          The share right among the top {formatNumber(GROUP_SHARE * 100)}% of attempts by total score, minus the share right among the
          bottom {formatNumber(GROUP_SHARE * 100)}% ({analysis.groupSize} attempts each; attempts tied at the cut share the last places).
          From −1 to 1; higher separates better.
        </Definition>
        <Definition term="r (rest)">
          The point-biserial correlation between the question (right 1, wrong 0) and the rest-score: the total minus this question, so the
          question is not correlated with itself. “No spread” when everyone got it right (or wrong).
        </Definition>
        <Definition term="Options chosen">
          The share of attempts that chose each option (for multiple select: ticked it), then the same in the upper and lower groups. A
          working distractor draws more of the lower group than of the upper.
        </Definition>
        <Definition term="Flags">
          Facility above {formatNumber(FLAG_RULES.tooEasyAbove * 100)}% or below {formatNumber(FLAG_RULES.tooHardBelow * 100)}%, D below{" "}
          {formatIndex(FLAG_RULES.weakDiscriminationBelow)} or negative, or a wrong option nobody chose. Option letters are the ids in the
          quiz file; each student saw the options in their own order.
        </Definition>
      </dl>
    </section>
  );
}
