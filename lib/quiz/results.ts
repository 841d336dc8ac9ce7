import "server-only";
import { getLesson } from "@/lib/content/lessons";
import type { Grade } from "@/lib/quiz/grading";
import { publicOptionId } from "@/lib/quiz/public";
import type { Quiz } from "@/lib/quiz/schema";
import { seededShuffle } from "@/lib/quiz/shuffle";

// Sent to the browser only after grading: every question with the student's answer, the right
// answer, the explanation of each option and the section that teaches it.

export type ResultOption = { id: string; text: string; isCorrect: boolean; isChosen: boolean; explanation: string };
export type ResultQuestion = {
  id: string;
  number: number;
  kind: "single" | "multiple";
  prompt: string;
  concept: string;
  section: { id: string; title: string };
  isCorrect: boolean;
  isAnswered: boolean;
  options: ResultOption[];
};
export type QuizResultView = {
  score: number;
  total: number;
  submittedAt: string;
  questions: ResultQuestion[];
  concepts: { concept: string; correct: number; total: number; section: { id: string; title: string } }[];
};

export function buildResultView(quiz: Quiz, grade: Grade, seed: string, submittedAt: Date): QuizResultView {
  const lesson = getLesson(quiz.lesson);
  const sectionTitle = (id: string) => lesson?.headings.find((h) => h.id === id)?.text ?? id;
  const questions = quiz.questions.map((q, index) => {
    const graded = grade.questions.find((g) => g.questionId === q.id)!;
    const options = q.options
      .map((o) => ({
        id: publicOptionId(quiz.lesson, q.id, o.id),
        text: o.text,
        isCorrect: o.correct,
        isChosen: graded.chosen.includes(o.id),
        explanation: o.explanation,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    return {
      id: q.id,
      number: index + 1,
      kind: q.kind,
      prompt: q.prompt,
      concept: q.concept,
      section: { id: q.section, title: sectionTitle(q.section) },
      isCorrect: graded.isCorrect,
      isAnswered: graded.isAnswered,
      // The order the student saw during the attempt.
      options: seededShuffle(options, seed, q.id),
    };
  });
  const conceptSection = (concept: string) => {
    const c = lesson?.concepts.find((x) => x.term === concept);
    return { id: c?.section ?? "", title: sectionTitle(c?.section ?? "") };
  };
  return {
    score: grade.score,
    total: grade.total,
    submittedAt: submittedAt.toISOString(),
    questions,
    concepts: Object.entries(grade.concepts).map(([concept, s]) => ({ concept, ...s, section: conceptSection(concept) })),
  };
}
