import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { getLesson, listLessonSlugs } from "@/lib/content/lessons";
import { getQuizWithKey } from "@/lib/quiz/content";
import { getOrStartAttempt, getSubmittedAttempt } from "@/lib/quiz/attempts";
import { toPublicQuiz } from "@/lib/quiz/public";
import { buildResultView } from "@/lib/quiz/results";
import { newSeed } from "@/lib/quiz/shuffle";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { ProgressNote } from "@/components/lesson/progress-note";

export const dynamicParams = false;

export function generateStaticParams() {
  return listLessonSlugs()
    .filter((slug) => getQuizWithKey(slug))
    .map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: PageProps<"/lessons/[slug]/quiz">): Promise<Metadata> {
  const lesson = getLesson((await params).slug);
  return lesson
    ? {
        title: `Quiz: ${lesson.title}`,
        description: `The end-of-lesson quiz for "${lesson.title}": 15 questions, graded with explanations.`,
      }
    : {};
}

export default async function QuizPage({ params, searchParams }: PageProps<"/lessons/[slug]/quiz">) {
  const { slug } = await params;
  const lesson = getLesson(slug);
  const quiz = getQuizWithKey(slug);
  if (!lesson || !quiz) notFound();
  const user = await getCurrentUser();
  const viewAttempt = (await searchParams).attempt;
  let attempt = null;
  let initialResult = null;
  if (user) {
    const submitted = typeof viewAttempt === "string" ? await getSubmittedAttempt(user.id, slug, viewAttempt) : null;
    if (submitted) initialResult = buildResultView(quiz, submitted.grade, submitted.seed, submitted.submittedAt);
    attempt = await getOrStartAttempt(user.id, slug);
  }
  return (
    <div className="mx-auto max-w-3xl py-8 sm:py-12">
      <p className="text-sm">
        <Link href={`/lessons/${slug}`}>← {lesson.title}</Link>
      </p>
      <p className="mt-4 text-sm font-semibold text-accent">End-of-lesson quiz</p>
      <h1 className="text-3xl font-semibold tracking-tight">Check what stuck</h1>
      <p className="mt-2 text-ink-muted">
        {quiz.questions.length} questions on “{lesson.title}”. Graded on the server; every option comes with its explanation. Retake as
        often as you like: your best and latest scores are kept.
      </p>
      <ProgressNote isSignedIn={Boolean(user)} returnTo={`/lessons/${slug}/quiz`} />
      <div className="mt-8">
        <QuizRunner
          quiz={toPublicQuiz(quiz)}
          isSignedIn={Boolean(user)}
          attempt={attempt}
          guestSeed={newSeed()}
          initialResult={initialResult}
        />
      </div>
    </div>
  );
}
