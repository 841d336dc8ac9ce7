"use client";

import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { QuizConfirm } from "@/components/quiz/quiz-confirm";
import { QuizProgress } from "@/components/quiz/quiz-progress";
import { QuizQuestion } from "@/components/quiz/quiz-question";
import { QuizResults } from "@/components/quiz/quiz-results";
import { useQuizAttempt, type GuestAttemptStart, type SaveState } from "@/hooks/use-quiz-attempt";
import type { PublicQuiz, QuizResultView } from "@/lib/quiz/types";
import type { ReviewPolicy } from "@/lib/quiz/review-policy";

type Props = {
  quiz: PublicQuiz;
  isSignedIn: boolean;
  /** signed in: the open attempt from the database */
  attempt: { attemptId: string; answers: Record<string, string[]> } | null;
  /** guests: the attempt the server issued, this browser's answers to it, and a just-made identity's token */
  guest?: GuestAttemptStart | null;
  policy: ReviewPolicy;
  initialResult: QuizResultView | null;
  /** a spaced review set: submitted once, no retake */
  isReview?: boolean;
  /** told before the runner writes the attempt's address into the URL */
  onUrlChange?: (attempt: string | null) => void;
};

function saveText(isSignedIn: boolean, saveState: SaveState): string {
  if (!isSignedIn) return "Answers save in this browser as you go";
  if (saveState === "saving") return "Saving…";
  if (saveState === "error") return "Not saved";
  return "Answers save to your account as you go";
}

export function QuizRunner({
  quiz: initialQuiz,
  isSignedIn,
  attempt,
  guest = null,
  policy,
  initialResult,
  isReview = false,
  onUrlChange,
}: Props) {
  const run = useQuizAttempt({ initialQuiz, isSignedIn, attempt, guest, initialResult, isReview, onUrlChange });
  const { quiz, questions, answers, unanswered, phase, setPhase } = run;

  if (phase === "results" && run.result) {
    return <QuizResults lesson={quiz.lesson} view={run.result} headingRef={run.resultsRef} onRetake={isReview ? undefined : run.retake} />;
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setPhase("confirming");
      }}
    >
      {run.isLoadingQuiz ? (
        <p className="mb-4 text-sm text-ink-muted" role="status">
          Loading your questions…
        </p>
      ) : null}
      <QuizProgress
        questions={questions}
        answers={answers}
        status={`${run.answeredCount} of ${questions.length} answered · ${saveText(isSignedIn, run.saveState)}`}
      />
      {run.message ? (
        <Notice tone="danger" className="mt-4">
          {run.message}
        </Notice>
      ) : null}

      <ol className="mt-6 flex flex-col gap-6">
        {questions.map((q) => (
          <QuizQuestion key={q.id} question={q} chosen={answers[q.id] ?? []} onSave={run.save} />
        ))}
      </ol>

      {phase === "confirming" ? (
        <QuizConfirm
          unanswered={unanswered}
          questionCount={questions.length}
          policy={policy}
          headingRef={run.confirmRef}
          isSubmitting={run.isSubmitting}
          onSubmit={() => void run.submit()}
          onKeepAnswering={() => setPhase("answering")}
        />
      ) : (
        <div className="mt-8 flex flex-wrap items-center gap-4">
          <Button type="submit" disabled={run.isLoadingQuiz}>
            {isReview ? "Submit review" : "Submit quiz"}
          </Button>
          <p className="text-sm text-ink-muted">You will see the unanswered questions before anything is graded.</p>
        </div>
      )}
    </form>
  );
}
