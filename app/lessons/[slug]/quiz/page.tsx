import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/server/session";
import { getLesson, listLessonSlugs } from "@/lib/content/server/lessons";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import { getOrStartAttempt, getSubmittedAttempt } from "@/lib/quiz/data/attempts";
import { listAttemptHistory } from "@/lib/quiz/data/attempt-history";
import { issueGuestAttempt } from "@/lib/quiz/server/attempt-views";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { readGuestViewer } from "@/lib/quiz/server/guest-cookie";
import { buildResultView, reviewPolicy } from "@/lib/quiz/server/results";
import { describeReviewPolicy } from "@/lib/quiz/review-policy";
import { guestFromToken, mintGuestToken, userViewer, type QuizViewer } from "@/lib/quiz/server/viewer";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { QuizLastResult } from "@/components/quiz/quiz-last-result";
import { describeRetakes } from "@/lib/quiz/draw";
import { describeStanding, standingOf } from "@/lib/quiz/standing";
import { formatScore, formatScorePercent } from "@/lib/format/score";
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

export default async function QuizPage({ params, searchParams }: PageProps<"/lessons/[slug]/quiz">) {
  const { slug } = await params;
  const lesson = getLesson(slug);
  const template = getQuizTemplate(slug);
  if (!lesson || !template) notFound();
  const user = await getCurrentUser();
  const viewAttempt = (await searchParams).attempt;
  const policy = reviewPolicy();
  let attempt = null;
  let initialResult = null;
  let viewer: QuizViewer;
  // A guest without the identity cookie yet: a render cannot set cookies, so the page mints the
  // identity, draws the option ids for it, and the runner has the quiz's adopt action keep it.
  let pendingGuestToken: string | null = null;
  const history = user ? await listAttemptHistory(user.id, slug) : [];
  if (user) {
    viewer = userViewer(user.id);
    const submitted = typeof viewAttempt === "string" ? await getSubmittedAttempt(user.id, slug, viewAttempt) : null;
    if (submitted) {
      const view = buildResultView(submitted.quiz, submitted.grade, { ...submitted, viewer }, policy);
      const standing = submitted.kind === "QUIZ" ? standingOf(history, submitted.attemptId) : null;
      initialResult = standing ? { ...view, standing } : view;
    }
    attempt = await getOrStartAttempt(user.id, slug);
  } else {
    const fromCookie = await readGuestViewer();
    if (!fromCookie) pendingGuestToken = mintGuestToken();
    viewer = fromCookie ?? guestFromToken(pendingGuestToken)!;
  }
  // Guests: a fresh first attempt's questions; the runner asks for others (a resumed attempt, a retake).
  const guestStart = attempt ? null : issueGuestAttempt(template, viewer, 0);
  const publicQuiz = attempt?.quiz ?? guestStart!.quiz;
  // Coming back after an attempt the student can review: its result first, the next attempt on request.
  const last = history.at(-1);
  const lastResult = !initialResult && last && last.source === "ACCOUNT" ? standingOf(history) : null;
  const runner = (
    <QuizRunner
      // A link to another attempt's result is a different runner, not a prop change.
      key={initialResult ? `result-${String(viewAttempt)}` : "current"}
      quiz={publicQuiz}
      isSignedIn={Boolean(user)}
      pendingGuestToken={pendingGuestToken}
      policy={policy}
      attempt={attempt}
      guestAttempt={guestStart?.guestAttempt ?? null}
      initialResult={initialResult}
    />
  );
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
        {describeReviewPolicy(policy, Boolean(user))}
      </p>
      <ProgressNote returnTo={`/lessons/${slug}/quiz`} />
      <div className="mt-8">
        {lastResult && last ? (
          <QuizLastResult
            summary={describeStanding(lastResult)}
            reviewHref={`/lessons/${slug}/quiz?attempt=${last.id}`}
            lastNumber={lastResult.number}
            answeredSoFar={Object.keys(attempt?.answers ?? {}).length}
          >
            {runner}
          </QuizLastResult>
        ) : (
          runner
        )}
      </div>
      {history.length ? (
        <section aria-labelledby="history-title" className="mt-12 border-t border-line pt-8">
          <h2 id="history-title" className="text-xl font-semibold">
            Your attempts
          </h2>
          <ol className="mt-3 flex flex-col gap-2 text-sm" data-testid="attempt-history">
            {history.map((a, i) => (
              <li key={a.id}>
                {a.source === "GUEST" ? (
                  <span>
                    Attempt {i + 1}: {formatScore(a.score, a.total)}
                  </span>
                ) : (
                  <Link href={`/lessons/${slug}/quiz?attempt=${a.id}`}>
                    Attempt {i + 1}: {formatScore(a.score, a.total)}
                  </Link>
                )}{" "}
                <span className="text-ink-muted">
                  · {formatScorePercent(a.score, a.total)} · {formatDateTime(a.submittedAt, env.TIME_ZONE)}
                  {a.source === "GUEST" ? " · taken before you signed in" : ""}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
