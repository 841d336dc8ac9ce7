import type { LessonSummary } from "@/lib/content/server/lessons";
import { LessonCard } from "@/components/catalogue/lesson-card";

export function RelatedLessons({ lessons }: { lessons: LessonSummary[] }) {
  if (!lessons.length) return null;
  return (
    <section aria-labelledby="keep-going" className="mt-14">
      <p className="text-sm font-semibold text-accent">Related lessons</p>
      <h2 id="keep-going" className="text-2xl font-semibold tracking-tight">
        Keep going
      </h2>
      <ul className="mt-5 grid gap-4 md:grid-cols-3">
        {lessons.map((l) => (
          <LessonCard key={l.slug} lesson={l} />
        ))}
      </ul>
    </section>
  );
}
