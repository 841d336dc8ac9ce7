import "server-only";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { listAttemptHistory } from "@/lib/quiz/data/attempt-history";
import { getSubmittedAttempt } from "@/lib/quiz/data/attempts";
import { buildResultView, reviewPolicy } from "@/lib/quiz/server/results";
import { userViewer } from "@/lib/quiz/server/viewer";
import { describeStanding, standingOf } from "@/lib/quiz/standing";
import { QUIZ_PAGE_VERSION, type QuizResultView, type SignedInQuizPage } from "@/lib/quiz/types";

/**
 * A signed-in student's own parts of a lesson's quiz page: the submitted attempts (scores and
 * dates only), the result of `attemptId` when it is theirs, and the last attempt the page leads
 * with when no result was asked for. Reads only; the open attempt is opened by a POST.
 */
export async function quizPageFor(userId: string, lesson: string, attemptId: string | null): Promise<SignedInQuizPage> {
  const [history, submitted] = await Promise.all([
    listAttemptHistory(userId, lesson),
    attemptId ? getSubmittedAttempt(userId, lesson, attemptId) : null,
  ]);
  let result: QuizResultView | null = null;
  if (submitted) {
    const view = buildResultView(submitted.quiz, submitted.grade, { ...submitted, viewer: userViewer(userId) }, reviewPolicy());
    // A spaced review set has no place among the quiz's attempts.
    const standing = submitted.kind === "QUIZ" ? standingOf(history, submitted.attemptId) : null;
    result = standing ? { ...view, standing } : view;
  }
  const latest = history.at(-1);
  const standing = !result && latest?.source === "ACCOUNT" ? standingOf(history) : null;
  return {
    v: QUIZ_PAGE_VERSION,
    user: { id: userId },
    history: history.map((a) => ({
      id: a.id,
      isGuest: a.source === "GUEST",
      score: a.score,
      total: a.total,
      when: formatDateTime(a.submittedAt, env.TIME_ZONE),
    })),
    result,
    last: standing && latest ? { id: latest.id, number: standing.number, summary: describeStanding(standing) } : null,
  };
}
