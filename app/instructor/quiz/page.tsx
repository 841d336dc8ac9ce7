import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/server/session";
import { currentScope } from "@/lib/classes/server/class-choice";
import { getLessonSummary, listLessonSlugs } from "@/lib/content/server/lessons";
import { belowMinimumMessage } from "@/lib/quiz/analysis";
import { getQuizWithKey } from "@/lib/quiz/server/content";
import { ATTEMPT_SCOPES, getItemAnalysis, type AttemptScope } from "@/lib/quiz/data/item-analysis";
import { InstructorNav } from "@/components/instructor/instructor-nav";
import { DEFAULT_QUIZ_LESSON, QuizFilters, quizHref } from "@/components/instructor/quiz-filters";
import { QuizFigures, QuizGlance, QuizItems } from "@/components/instructor/quiz-sections";
import { Notice } from "@/components/ui/notice";

export const metadata: Metadata = { title: "Quiz item analysis" };

export default async function QuizItemAnalysisPage({ searchParams }: PageProps<"/instructor/quiz">) {
  const params = await searchParams;
  const quizLessons = listLessonSlugs().filter((slug) => getQuizWithKey(slug));
  const lesson =
    quizLessons.find((slug) => slug === params.lesson) ??
    (quizLessons.includes(DEFAULT_QUIZ_LESSON) ? DEFAULT_QUIZ_LESSON : quizLessons[0]);
  const scope: AttemptScope = ATTEMPT_SCOPES.find((s) => s === params.attempts) ?? "first";
  const instructor = await requireRole("INSTRUCTOR", quizHref(lesson ?? DEFAULT_QUIZ_LESSON, scope));
  const classScope = await currentScope(instructor);

  const header = (
    <>
      <h1 className="text-3xl font-semibold tracking-tight">Quiz item analysis</h1>
      <InstructorNav classes={classScope.classes} selected={classScope.selectedId} />
    </>
  );
  if (!lesson) {
    return (
      <div className="py-10">
        {header}
        <p className="mt-8 text-ink-muted">No lesson has a quiz yet.</p>
      </div>
    );
  }

  const view = await getItemAnalysis(classScope, lesson, scope);
  const { analysis } = view;
  const lessons = quizLessons.map((slug) => ({ slug, title: getLessonSummary(slug)?.title ?? slug }));
  return (
    <div className="py-10">
      {header}
      <p className="mt-6 max-w-3xl text-ink-muted">
        How each question of <strong className="font-semibold text-ink">{view.title}</strong> behaved, version by version: how much credit
        it earned, whether it separates stronger from weaker attempts, and which options drew answers. Figures follow Moodle&apos;s quiz
        statistics with the partial credit students were given. Flags point at questions worth a second look.
      </p>

      <QuizFilters lessons={lessons} lesson={lesson} scope={scope} counts={view.counts} otherVersions={view.otherVersions} />
      <QuizFigures analysis={analysis} students={view.students} />

      {!analysis.isEnough ? (
        <Notice tone="warning" className="mt-6 max-w-3xl">
          <p data-testid="below-minimum">{belowMinimumMessage(analysis.attempts, analysis.minimum)}</p>
        </Notice>
      ) : null}

      <QuizGlance analysis={analysis} />
      <QuizItems analysis={analysis} />
    </div>
  );
}
