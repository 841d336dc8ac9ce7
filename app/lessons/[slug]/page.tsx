import type { Metadata } from "next";
import { notFound } from "next/navigation";
import {
  getLesson,
  getLessonContent,
  getLessonPosition,
  getLessonSummary,
  getRelatedLessons,
  listLessonSlugs,
} from "@/lib/content/server/lessons";
import { env } from "@/lib/env";
import { getQuizWithKey } from "@/lib/quiz/server/content";
import { lessonComponents } from "@/components/lesson/mdx-components";
import { LessonMap } from "@/components/lesson/lesson-map";
import { BigIdea, KeyTerms, Sources } from "@/components/lesson/key-terms";
import { RelatedLessons } from "@/components/lesson/related-lessons";
import { QuizEntry } from "@/components/lesson/quiz-entry";
import { VisitRecorder } from "@/components/lesson/visit-recorder";
import { ProgressNote } from "@/components/lesson/progress-note";
import { LessonContents, OnThisPage } from "@/components/lesson/on-this-page";
import { Objectives } from "@/components/lesson/objectives";
import { TutorPanel } from "@/components/tutor/tutor-panel";

export const dynamicParams = false;

export function generateStaticParams() {
  return listLessonSlugs().map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: PageProps<"/lessons/[slug]">): Promise<Metadata> {
  const lesson = getLesson((await params).slug);
  if (!lesson) return {};
  return {
    title: lesson.title,
    description: lesson.description,
    openGraph: { title: lesson.title, description: lesson.description, type: "article", siteName: "Lesson Lab" },
    twitter: { card: "summary", title: lesson.title, description: lesson.description },
  };
}

export default async function LessonPage({ params }: PageProps<"/lessons/[slug]">) {
  const { slug } = await params;
  const lesson = getLesson(slug);
  if (!lesson) notFound();
  // The same page for every reader (never the session): their own parts come from /api/me/page.
  const Content = await getLessonContent(slug);
  const position = getLessonPosition(slug)!;
  const quiz = getQuizWithKey(slug);
  const sectionTitle = (id: string) => lesson.headings.find((h) => h.id === id)?.text ?? id;
  const concepts = lesson.concepts.map((c) => ({ ...c, sectionTitle: sectionTitle(c.section) }));
  const trackTitle = getLessonSummary(slug)!.trackTitle;

  return (
    <article className="py-8 sm:py-12">
      <VisitRecorder lesson={slug} />
      <header className="max-w-3xl">
        <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm text-ink-muted">
          <span className="font-semibold text-accent">{trackTitle}</span>
          <span aria-hidden="true">·</span>
          <span>{lesson.minutes} min</span>
          <span aria-hidden="true">·</span>
          <span>
            Lesson {position.number} of {position.total}
          </span>
        </p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">{lesson.title}</h1>
        <p className="mt-3 text-lg text-ink-muted">{lesson.summary}</p>
        <ProgressNote returnTo={`/lessons/${slug}`} />
      </header>
      {lesson.objectives ? <Objectives objectives={lesson.objectives} /> : null}

      <div className="mt-8">
        <LessonMap
          lesson={slug}
          steps={lesson.path}
          // the map shows terms and where they are taught, never the definitions (Key terms does)
          concepts={concepts.map(({ term, section, sectionTitle }) => ({ term, section, sectionTitle }))}
          hasLab={lesson.lab}
          timeZone={env.TIME_ZONE}
        />
      </div>

      <div className="mt-12 grid gap-10 lg:grid-cols-[minmax(0,48rem)_14rem] lg:justify-between">
        <div className="lesson-prose prose max-w-3xl min-w-0">
          <LessonContents headings={lesson.headings.filter((h) => h.depth === 2)} />
          <Content components={lessonComponents(slug, lesson.path, env.TIME_ZONE)} />
        </div>
        <aside className="hidden lg:block">
          <div className="sticky top-6">
            <OnThisPage headings={lesson.headings.filter((h) => h.depth === 2)} />
          </div>
        </aside>
      </div>

      <div className="max-w-5xl">
        <KeyTerms concepts={concepts} />
        <BigIdea text={lesson.bigIdea} />
        {quiz ? <QuizEntry lesson={slug} questionCount={quiz.questions.length} /> : null}
        <TutorPanel lesson={slug} lessonTitle={lesson.title} />
        <Sources sources={lesson.sources} updated={lesson.updated} />
      </div>
      <RelatedLessons lessons={getRelatedLessons(slug)} />
    </article>
  );
}
