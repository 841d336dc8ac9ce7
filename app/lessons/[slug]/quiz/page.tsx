import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLesson, listLessonSlugs } from "@/lib/content/server/lessons";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import { reviewPolicy } from "@/lib/quiz/server/results";
import { describeReviewPolicy } from "@/lib/quiz/review-policy";
import { describeRetakes } from "@/lib/quiz/draw";
import { QuizPage as ReaderQuiz } from "@/components/quiz/quiz-page";
import { ProgressNote } from "@/components/lesson/progress-note";

export const dynamicParams = false;

export function generateStaticParams() {
  return listLessonSlugs()
    .filter((slug) => getQuizTemplate(slug))
    .map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: PageProps<"/lessons/[slug]/quiz">): Promise<Metadata> {
  const lesson = getLesson((await params).slug);
  return lesson
    ? {
        title: `Quiz: ${lesson.title}`,
        description: `The end-of-lesson quiz for "${lesson.title}": 15 questions, graded on the server.`,
      }
    : {};
}

/**
 * The quiz page's HTML is the same for every reader (the front door keeps one render of it; see
 * docs/shared-pages-design.md §4): the heading, both readers' sentences (CSS shows the reader's),
 * and the runner, which loads the reader's questions, attempts and results itself.
 */
export default async function QuizPage({ params }: PageProps<"/lessons/[slug]/quiz">) {
  const { slug } = await params;
  const lesson = getLesson(slug);
  const template = getQuizTemplate(slug);
  if (!lesson || !template) notFound();
  const policy = reviewPolicy();
  return (
    <div className="mx-auto max-w-3xl py-8 sm:py-12">
      <p className="text-sm">
        <Link href={`/lessons/${slug}`}>← {lesson.title}</Link>
      </p>
      <p className="mt-4 text-sm font-semibold text-accent">End-of-lesson quiz</p>
      <h1 className="text-3xl font-semibold tracking-tight">Check what stuck</h1>
      <p className="mt-2 text-ink-muted">
        {template.questions.length} questions on “{lesson.title}”, graded on the server; multiple-select questions earn partial credit.
        Retake as often as you like, and your best and latest scores are kept. {describeRetakes(template)}
      </p>
      <p className="mt-2 text-ink-muted" data-testid="review-policy">
        <span className="reader-member">{describeReviewPolicy(policy, true)}</span>
        <span className="reader-guest">{describeReviewPolicy(policy, false)}</span>
      </p>
      <ProgressNote returnTo={`/lessons/${slug}/quiz`} />
      <ReaderQuiz lesson={slug} policy={policy} />
    </div>
  );
}
