import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/server/session";
import { currentScope } from "@/lib/classes/server/class-choice";
import { listLessonSlugs, getLessonSummary } from "@/lib/content/server/lessons";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { getClassQuestions, type QuestionGroup } from "@/lib/tutor/data/questions";
import type { TutorOutcome } from "@/lib/tutor/data/tutor";
import { InstructorNav } from "@/components/instructor/instructor-nav";
import { cn } from "@/lib/utils/cn";

export const metadata: Metadata = { title: "What the class asks" };

const PERIODS = [
  { days: 7, label: "Last 7 days" },
  { days: 30, label: "Last 30 days" },
  { days: null, label: "All time" },
] as const;

const OUTCOME_LABELS: Record<TutorOutcome, string> = {
  ANSWERED: "answered by the model",
  PASSAGES: "answered with passages",
  NOT_COVERED: "not covered",
  REFUSED: "refused (quiz or write-up)",
  FAILED: "model failed",
};

function hrefFor(lesson: string, days: number | null): string {
  const params = new URLSearchParams({ lesson });
  if (days) params.set("days", String(days));
  return `/instructor/tutor?${params.toString()}`;
}

const pill = (isActive: boolean) =>
  cn(
    "inline-flex min-h-10 items-center gap-2 rounded-full border px-3 no-underline",
    isActive ? "border-accent bg-accent-soft font-semibold text-ink" : "border-line text-ink hover:bg-sunken",
  );

export default async function ClassQuestionsPage({ searchParams }: PageProps<"/instructor/tutor">) {
  const params = await searchParams;
  const lessons = listLessonSlugs();
  const lesson = lessons.find((slug) => slug === params.lesson) ?? lessons[0]!;
  const days = PERIODS.find((p) => String(p.days) === params.days)?.days ?? null;
  const instructor = await requireRole("INSTRUCTOR", hrefFor(lesson, days));
  const scope = await currentScope(instructor);
  const view = await getClassQuestions(scope, lesson, { sinceDays: days });

  return (
    <div className="py-10">
      <h1 className="text-3xl font-semibold tracking-tight">What the class asks</h1>
      <InstructorNav classes={scope.classes} selected={scope.selectedId} />
      <p className="mt-6 max-w-3xl text-ink-muted">
        Questions signed-in students asked the lesson tutor, grouped by the section each one matched: where questions pile up is where the
        lesson is unclear. Students&apos; names are not shown (they are told so); guests&apos; questions are not stored.
      </p>

      <nav aria-label="Lesson" className="mt-6">
        <ul className="flex flex-wrap gap-2 text-sm">
          {lessons.map((slug) => (
            <li key={slug}>
              <Link href={hrefFor(slug, days)} aria-current={slug === lesson ? "page" : undefined} className={pill(slug === lesson)}>
                {getLessonSummary(slug)?.title ?? slug}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="Period" className="mt-3">
        <ul className="flex flex-wrap gap-2 text-sm">
          {PERIODS.map((period) => (
            <li key={period.label}>
              <Link
                href={hrefFor(lesson, period.days)}
                aria-current={period.days === days ? "page" : undefined}
                className={pill(period.days === days)}
              >
                {period.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <p className="mt-6 font-medium" data-testid="question-total">
        {view.total === 0
          ? "No questions yet."
          : `${view.total} question${view.total === 1 ? "" : "s"} from ${view.students} student${view.students === 1 ? "" : "s"}, in ${view.groups.length} group${view.groups.length === 1 ? "" : "s"}.`}
      </p>
      {view.total === 0 ? (
        <p className="mt-2 max-w-3xl text-ink-muted">
          Students ask from the tutor at the end of <Link href={`/lessons/${lesson}#tutor`}>{view.title}</Link>. Their questions appear here
          as they come in.
        </p>
      ) : null}

      <div className="mt-6 flex flex-col gap-6">
        {view.groups.map((group) => (
          <GroupCard key={group.anchor ?? "not-covered"} group={group} lesson={lesson} />
        ))}
      </div>
    </div>
  );
}

function GroupCard({ group, lesson }: { group: QuestionGroup; lesson: string }) {
  const headingId = `group-${group.anchor ?? "not-covered"}`;
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-line bg-surface p-5" data-testid="question-group">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} className="text-lg font-semibold">
          {group.anchor ? <Link href={`/lessons/${lesson}#${group.anchor}`}>{group.title}</Link> : <span>{group.title}</span>}
        </h2>
        <p className="text-sm text-ink-muted">
          {group.count} question{group.count === 1 ? "" : "s"} · {group.students} student{group.students === 1 ? "" : "s"}
        </p>
      </div>
      <p className="mt-1 text-sm text-ink-muted">
        {Object.entries(group.outcomes)
          .map(([outcome, n]) => `${n} ${OUTCOME_LABELS[outcome as TutorOutcome]}`)
          .join(" · ")}
      </p>
      <ul className="mt-3 flex flex-col divide-y divide-line">
        {group.questions.map((q) => (
          <li key={q.id} className="flex flex-col gap-0.5 py-2 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
            <q className="break-words whitespace-pre-wrap">{q.question}</q>
            <span className="shrink-0 text-xs text-ink-muted">
              {formatDateTime(q.askedAt, env.TIME_ZONE)} · {OUTCOME_LABELS[q.outcome]}
            </span>
          </li>
        ))}
      </ul>
      {group.more ? <p className="mt-2 text-sm text-ink-muted">and {group.more} earlier.</p> : null}
    </section>
  );
}
