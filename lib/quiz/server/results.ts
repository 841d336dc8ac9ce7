import "server-only";
import { getLesson } from "@/lib/content/server/lessons";
import { env } from "@/lib/env";
import type { Grade } from "@/lib/quiz/grading";
import { publicOptionId } from "@/lib/quiz/server/public";
import { parseReviewPolicy, revealsKey, type ReviewPolicy, type ReviewStanding } from "@/lib/quiz/review-policy";
import type { Quiz } from "@/lib/quiz/schema";
import { seededShuffle } from "@/lib/quiz/shuffle";
import type { QuizViewer } from "@/lib/quiz/server/viewer";
import type { ResultQuestion, QuizResultView } from "@/lib/quiz/types";

// Sent to the browser only after grading: every question with the student's answer and the section
// that teaches it, and, where the review policy allows, the right answer and each option's
// explanation. Where it does not, the key is not in the view at all (not merely hidden by the page).

/** The configured QUIZ_REVIEW_POLICY. */
export function reviewPolicy(): ReviewPolicy {
  return parseReviewPolicy(env.QUIZ_REVIEW_POLICY);
}

export function buildResultView(
  quiz: Quiz,
  grade: Grade,
  attempt: { seed: string; submittedAt: Date; viewer: QuizViewer; number: number; submitted: number },
  policy: ReviewPolicy = reviewPolicy(),
): QuizResultView {
  const review: ReviewStanding = { policy, attempt: attempt.number, submitted: Math.max(attempt.submitted, attempt.number) };
  const lesson = getLesson(quiz.lesson);
  const sectionTitle = (id: string) => lesson?.headings.find((h) => h.id === id)?.text ?? id;
  const questions = quiz.questions.map((q, index): ResultQuestion => {
    const graded = grade.questions.find((g) => g.questionId === q.id)!;
    const base = {
      id: q.id,
      number: index + 1,
      kind: q.kind,
      prompt: q.prompt,
      concept: q.concept,
      section: { id: q.section, title: sectionTitle(q.section) },
      isCorrect: graded.isCorrect,
      isAnswered: graded.isAnswered,
      credit: graded.credit,
    };
    const options = q.options
      .map((o) => ({ option: o, id: publicOptionId(attempt.viewer, quiz.lesson, q.id, o.id) }))
      .sort((a, b) => a.id.localeCompare(b.id));
    // The order the student saw during the attempt.
    const shown = seededShuffle(options, attempt.seed, q.id);
    if (revealsKey(review, graded.isAnswered)) {
      return {
        ...base,
        isRevealed: true,
        options: shown.map(({ option: o, id }) => ({
          id,
          text: o.text,
          isChosen: graded.chosen.includes(o.id),
          isCorrect: o.correct,
          explanation: o.explanation,
        })),
      };
    }
    return {
      ...base,
      isRevealed: false,
      options: shown.map(({ option: o, id }) => ({ id, text: o.text, isChosen: graded.chosen.includes(o.id) })),
    };
  });
  const conceptSection = (concept: string) => {
    const c = lesson?.concepts.find((x) => x.term === concept);
    return { id: c?.section ?? "", title: sectionTitle(c?.section ?? "") };
  };
  return {
    score: grade.score,
    total: grade.total,
    submittedAt: attempt.submittedAt.toISOString(),
    review,
    questions,
    concepts: Object.entries(grade.concepts).map(([concept, s]) => ({ concept, ...s, section: conceptSection(concept) })),
  };
}
