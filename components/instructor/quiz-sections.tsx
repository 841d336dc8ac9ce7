import type { ReactNode } from "react";
import { formatNumber, formatPercent } from "@/lib/format";
import { formatScore } from "@/lib/format/score";
import {
  FLAG_RULES,
  formatIndex,
  GROUP_SHARE,
  RELIABILITY_LINES,
  reliabilityReading,
  versionName,
  type QuizAnalysis,
  type ReliabilityReading,
} from "@/lib/quiz/analysis";
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

const LINES = `Moodle: ${formatPercent(RELIABILITY_LINES.satisfactoryFrom)} or more satisfactory, under ${formatPercent(RELIABILITY_LINES.unsatisfactoryBelow)} unsatisfactory`;
const READINGS: Record<ReliabilityReading, string> = {
  satisfactory: `Satisfactory. ${LINES}`,
  middle: `Between Moodle's two lines. ${LINES}`,
  unsatisfactory: `Unsatisfactory. ${LINES}`,
};

export function QuizFigures({ analysis, students }: { analysis: QuizAnalysis; students: number }) {
  const { summary } = analysis;
  return (
    <dl className="mt-6 grid max-w-3xl grid-cols-2 gap-3 sm:grid-cols-4">
      <Figure label="Attempts" value={String(analysis.attempts)} testId="attempt-count" />
      <Figure label="Students" value={String(students)} />
      <Figure
        label="Mean score"
        value={summary ? formatScore(summary.mean, summary.outOf) : "—"}
        note={summary ? `median ${formatNumber(summary.median, 1)}, SD ${formatNumber(summary.standardDeviation, 2)}` : undefined}
      />
      <Figure
        label="Reliability (α, KR-20)"
        value={summary?.alpha != null ? formatPercent(summary.alpha) : "—"}
        note={summary?.alpha != null ? READINGS[reliabilityReading(summary.alpha)] : undefined}
        testId="reliability"
      />
    </dl>
  );
}

export function QuizGlance({ analysis }: { analysis: QuizAnalysis }) {
  // Every version with enough answers can earn flags; the chart keeps one point per question.
  const flagged = analysis.slots.flatMap((s) => s.versions).filter((v) => v.flags.length > 0);
  const plotted = analysis.items.filter((i) => i.isEnough);
  return (
    <section aria-labelledby="chart-heading" className="mt-10">
      <h2 id="chart-heading" className="text-xl font-semibold">
        At a glance
      </h2>
      {analysis.isEnough ? (
        <div className="mt-4 grid items-start gap-6 lg:grid-cols-[minmax(0,28rem)_minmax(0,1fr)]">
          <figure className="rounded-xl border border-line bg-surface p-3">
            <ItemChart items={plotted} />
            <figcaption className="mt-2 text-xs text-ink-muted">
              <span aria-hidden="true" className="text-accent">
                ●
              </span>{" "}
              no flag,{" "}
              <span aria-hidden="true" className="text-danger">
                ◆
              </span>{" "}
              flagged. Each question&apos;s first version (the one every first attempt asks), with {analysis.minimum} attempts or more; the
              other versions are rows in the table below. Points in a shaded band are flagged; up and to the middle is where good items sit.
            </figcaption>
          </figure>
          <div>
            <h3 className="font-semibold">
              {flagged.length
                ? `${flagged.length} ${flagged.length === 1 ? "question version" : "question versions"} to look at`
                : "No question is flagged"}
            </h3>
            {flagged.length ? (
              <ul className="mt-3 space-y-3">
                {flagged.map((item) => (
                  <li key={`${item.slotId}/${item.versionId}`} data-testid="flagged-item">
                    <p className="text-sm font-semibold">{versionName(item)}</p>
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
  const group = formatNumber(GROUP_SHARE * 100);
  return (
    <section aria-labelledby="items-heading" className="mt-10">
      <h2 id="items-heading" className="text-xl font-semibold">
        Every question
      </h2>
      <div className="mt-4">
        <ItemTable slots={analysis.slots} minimum={analysis.minimum} />
      </div>
      <dl className="mt-6 max-w-3xl space-y-2 text-sm text-ink-muted">
        <Definition term="Version">
          Each version of a question is its own row under it: the first version, each alternative a retake asks, a generated question&apos;s
          drawn numbers (all draws together), and any older version still in attempts. Attempts is the number of answers behind every figure
          in the row; under {analysis.minimum} a row carries a caution, earns no flags and stays off the chart.
        </Definition>
        <Definition term="Facility">
          Moodle&apos;s facility index: the mean credit as a share of the question&apos;s maximum, with the same partial credit the student
          was given (a multiple-select question earns right ticks minus wrong ticks over its right options, never below zero); a blank
          scores 0.
        </Definition>
        <Definition term="D (discrimination index)">
          The mean credit among the top {group}% of attempts by total score, minus the mean credit among the bottom {group}% (of the
          row&apos;s attempts; attempts tied at the cut share the last places). From −1 to 1; higher separates better. The chart and the
          flags use D.
        </Definition>
        <Definition term="r (rest)">
          The correlation between the credit on this version and the rest of the test (the total minus this question, so the question is not
          correlated with itself): what Moodle&apos;s quiz statistics report calls its discrimination index. With all-or-nothing scores it
          is the point-biserial. “No spread” when everyone scored the same on it.
        </Definition>
        <Definition term="Reliability">
          Cronbach&apos;s α over the {analysis.summary?.outOf ?? "quiz's"} questions, each scored with partial credit: KR-20 when every
          score is 0 or 1, and Moodle&apos;s coefficient of internal consistency. Moodle reads{" "}
          {formatPercent(RELIABILITY_LINES.satisfactoryFrom)} or more as satisfactory and under{" "}
          {formatPercent(RELIABILITY_LINES.unsatisfactoryBelow)} as unsatisfactory.
        </Definition>
        <Definition term="Options chosen">
          The share of the row&apos;s attempts that chose each option (for multiple select: ticked it), then the same in the upper and lower
          groups. A working distractor draws more of the lower group than of the upper.
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
