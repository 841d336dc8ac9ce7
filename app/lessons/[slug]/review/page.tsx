import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/server/session";
import { getLesson } from "@/lib/content/server/lessons";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import { reviewPolicy } from "@/lib/quiz/server/results";
import { getReviewState, REVIEW_DELAY_MS, startReview } from "@/lib/quiz/data/review-sets";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { Notice } from "@/components/ui/notice";
import { buttonClasses } from "@/components/ui/button";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/lessons/[slug]/review">): Promise<Metadata> {
  const lesson = getLesson((await params).slug);
  return lesson ? { title: `Review: ${lesson.title}` } : {};
}

export default async function ReviewPage({ params }: PageProps<"/lessons/[slug]/review">) {
  const { slug } = await params;
  const lesson = getLesson(slug);
  if (!lesson || !getQuizTemplate(slug)) notFound();
  const user = await requireUser(`/lessons/${slug}/review`);
  const state = await getReviewState(user.id, slug);
  const attempt = state.status === "due" || state.status === "open" ? await startReview(user.id, slug) : null;

  return (
    <div className="mx-auto max-w-3xl py-8 sm:py-12">
      <p className="text-sm">
        <Link href={`/lessons/${slug}`}>← {lesson.title}</Link>
      </p>
      <p className="mt-4 text-sm font-semibold text-accent">Spaced review</p>
      <h1 className="text-3xl font-semibold tracking-tight">What lasted?</h1>
      <p className="mt-2 text-ink-muted">
        A day after a quiz, a few questions on the ideas you last got wrong, asked differently (other questions, new numbers). Right answers
        a day apart, one of them here or in the quiz, make a concept “mastered” on the lesson map.
      </p>
      {state.status === "waiting" ? (
        <Notice tone="info" className="mt-6" title="Not yet: sleep on it">
          <p>
            Your review of {state.questions} question{state.questions === 1 ? "" : "s"} on {state.concepts.join(", ")} opens on{" "}
            <strong>{formatDateTime(state.availableAt, env.TIME_ZONE)}</strong>, {Math.round(REVIEW_DELAY_MS / 3_600_000)} hours after your
            last attempt, so it tests what stayed rather than what you just read.
          </p>
        </Notice>
      ) : null}
      {state.status === "none" ? (
        <Notice tone="info" className="mt-6" title={state.reason === "no-quiz" ? "Take the quiz first" : "Nothing to review"}>
          <p>
            {state.reason === "no-quiz"
              ? "A review asks again what you missed in the quiz, a day later."
              : "You got every concept right in your latest attempt. Retake the quiz in a day or two to make them mastered."}
          </p>
          <Link href={`/lessons/${slug}/quiz`} className={buttonClasses("primary", "mt-3")}>
            {state.reason === "no-quiz" ? "Take the quiz" : "Open the quiz"}
          </Link>
        </Notice>
      ) : null}
      {attempt ? (
        <div className="mt-8">
          <p className="mb-4 text-sm text-ink-muted" data-testid="review-concepts">
            {attempt.quiz.questions.length} question{attempt.quiz.questions.length === 1 ? "" : "s"} on:{" "}
            {[...new Set(attempt.quiz.questions.map((q) => q.concept))].join(", ")}
          </p>
          <QuizRunner quiz={attempt.quiz} isSignedIn policy={reviewPolicy()} attempt={attempt} initialResult={null} isReview />
        </div>
      ) : null}
    </div>
  );
}
