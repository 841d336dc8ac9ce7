import type { Metadata } from "next";
import { listTracks } from "@/lib/content/server/lessons";
import { LessonCard } from "@/components/catalogue/lesson-card";
import { ContinueCard } from "@/components/catalogue/continue-card";
import { ReviewDue } from "@/components/catalogue/review-due";
import { YourLab } from "@/components/catalogue/your-lab";
import { ProgressNote } from "@/components/lesson/progress-note";
import { env } from "@/lib/env";

export const metadata: Metadata = {
  title: { absolute: "Lesson Lab: choose and judge local vision models with evidence" },
  description:
    "Lessons, a quiz and a hands-on lab for running Qwen-VL and other vision-language models locally with Ollama, and judging them with evidence.",
};

/** The same page for every reader (never the session): their reviews, lab and progress come from /api/me/page. */
export default function CataloguePage() {
  const tracks = listTracks();
  const lessons = tracks.flatMap((t) => t.lessons.map((l) => ({ slug: l.slug, title: l.title, steps: l.steps })));
  return (
    <div className="py-10 sm:py-14">
      <section aria-labelledby="catalogue-title" className="max-w-3xl">
        <p className="text-sm font-semibold tracking-wide text-accent uppercase">Local vision models, judged with evidence</p>
        <h1 id="catalogue-title" className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">
          Learn to choose a vision-language model the way an engineer would
        </h1>
        <p className="mt-3 text-lg text-ink-muted">
          Read a lesson, check what stuck with its quiz, then run one screenshot through a text-only model and a Qwen-VL model on your own
          machine and recommend one with evidence.
        </p>
        <ProgressNote returnTo="/" />
      </section>

      <ReviewDue />
      <ContinueCard lessons={lessons} />

      <YourLab timeZone={env.TIME_ZONE} />

      {tracks.map((track) => (
        <section key={track.slug} aria-labelledby={`track-${track.slug}`} className="mt-12">
          <h2 id={`track-${track.slug}`} className="text-2xl font-semibold tracking-tight">
            {track.title}
          </h2>
          <p className="mt-1 text-ink-muted">{track.description}</p>
          <ul className="mt-5 grid gap-4 md:grid-cols-2">
            {track.lessons.map((lesson) => (
              <LessonCard key={lesson.slug} lesson={lesson} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
