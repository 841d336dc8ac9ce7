import Link from "next/link";
import type { LessonSummary } from "@/lib/content/lessons";
import { LessonProgressBadge } from "@/components/catalogue/lesson-progress";

export function RelatedLessons({ lessons }: { lessons: LessonSummary[] }) {
  if (!lessons.length) return null;
  return (
    <section aria-labelledby="keep-going" className="mt-14">
      <p className="text-accent text-sm font-semibold">Related lessons</p>
      <h2 id="keep-going" className="text-2xl font-semibold tracking-tight">
        Keep going
      </h2>
      <ul className="mt-5 grid gap-4 md:grid-cols-3">
        {lessons.map((l) => (
          <li key={l.slug} className="border-line bg-surface relative flex flex-col rounded-xl border p-5 hover:border-line-strong">
            <p className="text-ink-muted text-sm">
              {l.trackTitle} · {l.minutes} min
            </p>
            <h3 className="mt-1 font-semibold">
              <Link href={`/lessons/${l.slug}`} className="text-ink no-underline after:absolute after:inset-0 hover:underline">
                {l.title}
              </Link>
            </h3>
            <p className="text-ink-muted mt-2 flex-1 text-sm">{l.summary}</p>
            <LessonProgressBadge lesson={l.slug} anchors={l.steps.map((s) => s.anchor)} className="mt-3" />
          </li>
        ))}
      </ul>
    </section>
  );
}
