import Link from "next/link";
import { ATTEMPT_SCOPES, type AttemptScope } from "@/lib/quiz/analysis";
import { cn } from "@/lib/utils/cn";

// The quiz item analysis page's two pickers (which lesson, which attempts) and the address
// both build: defaults stay out of the query string so the plain page address is the default view.

export const DEFAULT_QUIZ_LESSON = "local-qwen-vl";

const SCOPE_LABELS: Record<AttemptScope, string> = { first: "First attempts", all: "All attempts" };

export function quizHref(lesson: string, scope: AttemptScope): string {
  const params = new URLSearchParams();
  if (lesson !== DEFAULT_QUIZ_LESSON) params.set("lesson", lesson);
  if (scope !== "first") params.set("attempts", scope);
  const query = params.toString();
  return query ? `/instructor/quiz?${query}` : "/instructor/quiz";
}

const pill = (isActive: boolean) =>
  cn(
    "inline-flex min-h-10 items-center gap-2 rounded-full border px-3 no-underline",
    isActive ? "border-accent bg-accent-soft font-semibold text-ink" : "border-line text-ink hover:bg-sunken",
  );

export type QuizFiltersProps = {
  /** every lesson with a quiz, with its title */
  lessons: readonly { slug: string; title: string }[];
  lesson: string;
  scope: AttemptScope;
  counts: Record<AttemptScope, number>;
  otherVersions: number;
};

export function QuizFilters({ lessons, lesson, scope, counts, otherVersions }: QuizFiltersProps) {
  return (
    <>
      {lessons.length > 1 ? (
        <nav aria-label="Lesson" className="mt-6">
          <ul className="flex flex-wrap gap-2 text-sm">
            {lessons.map(({ slug, title }) => (
              <li key={slug}>
                <Link href={quizHref(slug, scope)} aria-current={slug === lesson ? "page" : undefined} className={pill(slug === lesson)}>
                  {title}
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
              <Link href={quizHref(lesson, s)} aria-current={s === scope ? "page" : undefined} className={pill(s === scope)}>
                {SCOPE_LABELS[s]} <span className="rounded-full bg-surface px-1.5 text-xs">{counts[s]}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-2 max-w-3xl text-xs text-ink-muted">
          {scope === "first"
            ? "First attempts only, as Moodle's statistics are meant to be read: the summary uses each student's first attempt, and each version of a question each student's first answer to it. A question's first version is answered before any feedback; its alternatives are first met on a retake, after the feedback on the first."
            : "Every submitted attempt, retakes included: a retake comes after the feedback, so items look easier and one student's attempts are not independent. Moodle's statistics are meant for first attempts; this view is for comparison."}{" "}
          {otherVersions > 0
            ? `${otherVersions} ${otherVersions === 1 ? "retake" : "retakes"} asked other versions of the questions (other stems or numbers): each version has its own row under its question.`
            : "Retakes ask other versions of the questions (other stems or numbers); each version gets its own row under its question."}
        </p>
      </nav>
    </>
  );
}
