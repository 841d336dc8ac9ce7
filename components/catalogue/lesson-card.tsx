import Link from "next/link";
import type { LessonSummary } from "@/lib/content/server/lessons";
import { LessonProgressBadge } from "@/components/catalogue/lesson-progress";

/** A lesson as a card (catalogue and "Keep going"): the whole card is the link, progress below. */
export function LessonCard({ lesson }: { lesson: LessonSummary }) {
  return (
    <li className="relative flex flex-col rounded-2xl border border-line bg-surface p-5 hover:border-line-strong">
      <p className="text-sm text-ink-muted">
        {lesson.trackTitle} · {lesson.minutes} min · {lesson.steps.length} steps
      </p>
      <h3 className="mt-1 text-lg font-semibold">
        <Link href={`/lessons/${lesson.slug}`} className="text-ink no-underline after:absolute after:inset-0 hover:underline">
          {lesson.title}
        </Link>
      </h3>
      <p className="mt-2 flex-1 text-sm text-ink-muted">{lesson.summary}</p>
      <LessonProgressBadge lesson={lesson.slug} steps={lesson.steps} className="mt-4" />
    </li>
  );
}
