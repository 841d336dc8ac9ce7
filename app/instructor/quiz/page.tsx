import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { requireRole } from "@/lib/auth/server/session";
import { getLessonSummary, listLessonSlugs } from "@/lib/content/server/lessons";
import { formatNumber } from "@/lib/format";
import { belowMinimumMessage, FLAG_RULES, formatIndex, GROUP_SHARE } from "@/lib/quiz/analysis";
import { getQuizWithKey } from "@/lib/quiz/server/content";
import { ATTEMPT_SCOPES, getItemAnalysis, type AttemptScope } from "@/lib/quiz/data/item-analysis";
import { InstructorNav } from "@/components/instructor/instructor-nav";
import { ItemChart } from "@/components/instructor/item-chart";
import { ItemFlags, ItemTable } from "@/components/instructor/item-table";
import { Notice } from "@/components/ui/notice";
import { cn } from "@/lib/utils/cn";

export const metadata: Metadata = { title: "Quiz item analysis" };

const DEFAULT_LESSON = "local-qwen-vl";
const SCOPE_LABELS: Record<AttemptScope, string> = { first: "First attempts", all: "All attempts" };

function hrefFor(lesson: string, scope: AttemptScope): string {
  const params = new URLSearchParams();
  if (lesson !== DEFAULT_LESSON) params.set("lesson", lesson);
  if (scope !== "first") params.set("attempts", scope);
  const query = params.toString();
  return query ? `/instructor/quiz?${query}` : "/instructor/quiz";
}

const pill = (isActive: boolean) =>
  cn(
    "inline-flex min-h-10 items-center gap-2 rounded-full border px-3 no-underline",
    isActive ? "border-accent bg-accent-soft font-semibold text-ink" : "border-line text-ink hover:bg-sunken",
  );

export default async function QuizItemAnalysisPage({ searchParams }: PageProps<"/instructor/quiz">) {
  const params = await searchParams;
  const quizLessons = listLessonSlugs().filter((slug) => getQuizWithKey(slug));
  const lesson =
    quizLessons.find((slug) => slug === params.lesson) ?? (quizLessons.includes(DEFAULT_LESSON) ? DEFAULT_LESSON : quizLessons[0]);
  const scope: AttemptScope = ATTEMPT_SCOPES.find((s) => s === params.attempts) ?? "first";
  const instructor = await requireRole("INSTRUCTOR", hrefFor(lesson ?? DEFAULT_LESSON, scope));

  const header = (
    <>
      <h1 className="text-3xl font-semibold tracking-tight">Quiz item analysis</h1>
      <InstructorNav />
    </>
  );
  if (!lesson) {
    return (
      <div className="py-10">
        {header}
        <p className="mt-8 text-ink-muted">No lesson has a quiz yet.</p>
      </div>
    );
  }

  const view = await getItemAnalysis(instructor, lesson, scope);
  const { analysis } = view;
  const flagged = analysis.items.filter((i) => i.flags.length > 0);
  return (
    <div className="py-10">
      {header}
      <p className="mt-6 max-w-3xl text-ink-muted">
        How each question of <strong className="font-semibold text-ink">{view.title}</strong> behaved: how many got it right, whether it
        separates stronger from weaker attempts, and which options drew answers. Flags point at questions worth a second look.
      </p>

      {quizLessons.length > 1 ? (
        <nav aria-label="Lesson" className="mt-6">
          <ul className="flex flex-wrap gap-2 text-sm">
            {quizLessons.map((slug) => (
              <li key={slug}>
                <Link href={hrefFor(slug, scope)} aria-current={slug === lesson ? "page" : undefined} className={pill(slug === lesson)}>
                  {getLessonSummary(slug)?.title ?? slug}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <nav aria-label="Which attempts" className="mt-6">
        <ul className="flex flex-wrap gap-2 text-sm">
          {ATTEMPT_SCOPES.map((s) => (
            <li key={s}>
              <Link href={hrefFor(lesson, s)} aria-current={s === scope ? "page" : undefined} className={pill(s === scope)}>
                {SCOPE_LABELS[s]} <span className="rounded-full bg-surface px-1.5 text-xs">{view.counts[s]}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-xs text-ink-muted">
          {scope === "first"
            ? "Each student's first submitted attempt: nobody had seen the feedback yet."
            : "Every submitted attempt that asked the first version of each question: a retake comes after the feedback, so items look easier and the attempts are not independent."}{" "}
          {view.otherVersions > 0
            ? `${view.otherVersions} ${view.otherVersions === 1 ? "retake" : "retakes"} asked other versions of the questions (other stems or numbers) and ${view.otherVersions === 1 ? "is" : "are"} not in these figures: a different question is a different item.`
            : "Retakes ask other versions of the questions (other stems or numbers); those are not in these figures."}
        </p>
      </nav>

      <dl className="mt-6 grid max-w-3xl grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure label="Attempts" value={String(analysis.attempts)} testId="attempt-count" />
        <Figure label="Students" value={String(view.students)} />
        <Figure
          label="Mean score"
          value={analysis.summary ? `${formatNumber(analysis.summary.mean, 1)} / ${analysis.summary.outOf}` : "—"}
          note={
            analysis.summary
              ? `median ${formatNumber(analysis.summary.median, 1)}, SD ${formatNumber(analysis.summary.standardDeviation, 2)}`
              : undefined
          }
        />
        <Figure
          label="Reliability (KR-20)"
          value={analysis.summary?.kr20 != null ? formatIndex(analysis.summary.kr20) : "—"}
          note={analysis.summary ? "0.7 or more is the usual aim" : undefined}
        />
      </dl>

      {!analysis.isEnough ? (
        <Notice tone="warning" className="mt-6 max-w-3xl">
          <p data-testid="below-minimum">{belowMinimumMessage(analysis.attempts, analysis.minimum)}</p>
        </Notice>
      ) : null}

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
                flagged. Points in a shaded band are flagged; up and to the middle is where good items sit. The table below has every
                figure.
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
    </div>
  );
}

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

function Definition({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="inline font-semibold text-ink">{term}: </dt>
      <dd className="inline">{children}</dd>
    </div>
  );
}
