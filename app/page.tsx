import type { Metadata } from "next";
import { listTracks } from "@/lib/content/server/lessons";
import { getCurrentUser } from "@/lib/auth/server/session";
import { getLabProgress, labActivity } from "@/lib/lab/data/progress";
import type { ActivityProgress } from "@/lib/progress/model";
import { LessonCard } from "@/components/catalogue/lesson-card";
import { ContinueCard } from "@/components/catalogue/continue-card";
import { ReviewDue } from "@/components/catalogue/review-due";
import { listDueReviews } from "@/lib/quiz/data/review-sets";
import { ProgressNote } from "@/components/lesson/progress-note";
import { LabCard } from "@/components/lesson/lab-card";
import { env } from "@/lib/env";
import { listMySubmissions } from "@/lib/submissions/data/store";
import { getRubric } from "@/lib/submissions/server/rubric";
import { scoreRubric } from "@/lib/submissions/scoring";
import type { WriteUpGrade } from "@/lib/progress/write-up-headline";

export const metadata: Metadata = {
  title: { absolute: "Lesson Lab: choose and judge local vision models with evidence" },
  description:
    "Lessons, a quiz and a hands-on lab for running Qwen-VL and other vision-language models locally with Ollama, and judging them with evidence.",
};

export default async function CataloguePage() {
  const [tracks, user] = await Promise.all([listTracks(), getCurrentUser()]);
  const lessons = tracks.flatMap((t) => t.lessons.map((l) => ({ slug: l.slug, title: l.title, steps: l.steps })));
  // The lab and write-up steps are done from the account's runs and submissions.
  const labLessons = user ? tracks.flatMap((t) => t.lessons.filter((l) => l.lab)) : [];
  const [labProgress, dueReviews, submissions] = await Promise.all([
    Promise.all(labLessons.map(async (l) => ({ lesson: l, progress: await getLabProgress(user!.id, l.slug) }))),
    user ? listDueReviews(user.id) : Promise.resolve([]),
    user && labLessons.length ? listMySubmissions(user) : Promise.resolve([]),
  ]);
  // The lab card leads with a completed write-up's grade, out of the rubric's maximum.
  const max = submissions.length ? scoreRubric(getRubric(), {}).max : 0;
  const gradeOf = (lesson: string): WriteUpGrade | null => {
    const review = submissions.find((s) => s.lessonSlug === lesson)?.review;
    return review?.decision === "COMPLETED" && review.grade !== null ? { points: review.grade, max } : null;
  };
  const activities: Record<string, ActivityProgress> = Object.fromEntries(labProgress.map((l) => [l.lesson.slug, labActivity(l.progress)]));
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
        <ProgressNote isSignedIn={Boolean(user)} returnTo="/" />
      </section>

      <ReviewDue reviews={dueReviews} />
      <ContinueCard lessons={lessons} activities={activities} />

      {labProgress.length ? (
        <section aria-labelledby="your-lab-title" className="mt-10 max-w-3xl">
          <h2 id="your-lab-title" className="text-xl font-semibold tracking-tight">
            Your lab
          </h2>
          {labProgress.map(({ lesson, progress }) => (
            <div key={lesson.slug} className="mt-3">
              <p className="mb-2 text-sm text-ink-muted">{lesson.title}</p>
              <LabCard
                lesson={lesson.slug}
                isSignedIn
                progress={progress}
                grade={gradeOf(lesson.slug)}
                timeZone={env.TIME_ZONE}
                className="bg-surface"
              />
            </div>
          ))}
        </section>
      ) : null}

      {tracks.map((track) => (
        <section key={track.slug} aria-labelledby={`track-${track.slug}`} className="mt-12">
          <h2 id={`track-${track.slug}`} className="text-2xl font-semibold tracking-tight">
            {track.title}
          </h2>
          <p className="mt-1 text-ink-muted">{track.description}</p>
          <ul className="mt-5 grid gap-4 md:grid-cols-2">
            {track.lessons.map((lesson) => (
              <LessonCard key={lesson.slug} lesson={lesson} activity={activities[lesson.slug]} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
