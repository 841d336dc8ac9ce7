import "server-only";
import { listTracks } from "@/lib/content/server/lessons";
import type { DeepLinkChoice } from "@/lib/lti/data/deep-linking";
import { QUIZ_LENGTH } from "@/lib/quiz/schema";
import { getQuizTemplate } from "@/lib/quiz/server/content";
import { scoreRubric } from "@/lib/submissions/scoring";
import { getRubric } from "@/lib/submissions/server/rubric";

/** What an instructor may add to a course, per lesson: the lesson, its quiz (if it has one) and its lab write-up (if it has a lab). */
export function deepLinkChoices(): { lesson: { slug: string; title: string }; choices: DeepLinkChoice[] }[] {
  const writeUpMaximum = scoreRubric(getRubric(), {}).max;
  return listTracks()
    .flatMap((track) => track.lessons)
    .map((lesson) => ({
      lesson: { slug: lesson.slug, title: lesson.title },
      choices: [
        { target: "LESSON" as const, lessonSlug: lesson.slug, title: lesson.title, scoreMaximum: null },
        ...(getQuizTemplate(lesson.slug)
          ? [{ target: "QUIZ" as const, lessonSlug: lesson.slug, title: `${lesson.title}: quiz`, scoreMaximum: QUIZ_LENGTH }]
          : []),
        ...(lesson.lab
          ? [{ target: "WRITEUP" as const, lessonSlug: lesson.slug, title: `${lesson.title}: lab write-up`, scoreMaximum: writeUpMaximum }]
          : []),
      ],
    }));
}

/** A choice by its form value ("QUIZ:local-qwen-vl"), or null for anything not offered. */
export function choiceByValue(value: string): DeepLinkChoice | null {
  for (const { choices } of deepLinkChoices()) {
    const found = choices.find((c) => `${c.target}:${c.lessonSlug}` === value);
    if (found) return found;
  }
  return null;
}
