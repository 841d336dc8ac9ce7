"use client";

import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { QuizLastResult } from "@/components/quiz/quiz-last-result";
import { QuizRunner } from "@/components/quiz/quiz-runner";
import { useQuizPage } from "@/hooks/use-quiz-page";
import { formatScore, formatScorePercent } from "@/lib/format/score";
import type { ReviewPolicy } from "@/lib/quiz/review-policy";
import type { QuizHistoryEntry } from "@/lib/quiz/types";

/**
 * The reader's part of the quiz page, under the shared heading: a member's last result, open
 * attempt and list of attempts, or a guest's questions. Until they arrive it holds a screen's
 * height, so the footer is out of sight and nothing visible moves when the questions replace it.
 */
export function QuizPage({ lesson, policy }: { lesson: string; policy: ReviewPolicy }) {
  const { state, noteUrl } = useQuizPage(lesson);

  if (state.status === "loading")
    return (
      <div className="mt-8 min-h-[100svh]" aria-busy="true" data-testid="quiz-loading">
        <p className="text-sm text-ink-muted" role="status">
          Loading your questions…
        </p>
        <noscript>
          <p className="mt-2 text-sm">
            The quiz needs JavaScript: it loads your questions and grades your answers on the server. Turn it on and reload.
          </p>
        </noscript>
      </div>
    );

  if (state.status === "failed")
    return (
      <div className="mt-8 min-h-[50svh]">
        <Notice tone="danger">{state.message}</Notice>
      </div>
    );

  if (state.status === "guest") {
    const { start } = state;
    return (
      <div className="mt-8">
        <QuizRunner
          quiz={start.quiz}
          isSignedIn={false}
          attempt={null}
          guest={start}
          policy={policy}
          initialResult={null}
          onUrlChange={noteUrl}
        />
      </div>
    );
  }

  const { page, attempt: open } = state;
  const runner = (
    <QuizRunner
      // A link to another attempt's result is a different runner, not a prop change.
      key={page.result ? `result-${String(state.requested)}` : `current-${open.attemptId}`}
      quiz={open.quiz}
      isSignedIn
      attempt={open}
      policy={policy}
      initialResult={page.result}
      onUrlChange={noteUrl}
    />
  );
  return (
    <>
      <div className="mt-8">
        {page.last ? (
          <QuizLastResult
            summary={page.last.summary}
            reviewHref={`/lessons/${lesson}/quiz?attempt=${page.last.id}`}
            lastNumber={page.last.number}
            answeredSoFar={Object.keys(open.answers).length}
          >
            {runner}
          </QuizLastResult>
        ) : (
          runner
        )}
      </div>
      {page.history.length ? <AttemptHistory lesson={lesson} history={page.history} /> : null}
    </>
  );
}

function AttemptHistory({ lesson, history }: { lesson: string; history: QuizHistoryEntry[] }) {
  return (
    <section aria-labelledby="history-title" className="mt-12 border-t border-line pt-8">
      <h2 id="history-title" className="text-xl font-semibold">
        Your attempts
      </h2>
      <ol className="mt-3 flex flex-col gap-2 text-sm" data-testid="attempt-history">
        {history.map((a, i) => (
          <li key={a.id}>
            {a.isGuest ? (
              <span>
                Attempt {i + 1}: {formatScore(a.score, a.total)}
              </span>
            ) : (
              <Link href={`/lessons/${lesson}/quiz?attempt=${a.id}`}>
                Attempt {i + 1}: {formatScore(a.score, a.total)}
              </Link>
            )}{" "}
            <span className="text-ink-muted">
              · {formatScorePercent(a.score, a.total)} · {a.when}
              {a.isGuest ? " · taken before you signed in" : ""}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
