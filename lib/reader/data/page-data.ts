import "server-only";
import type { SessionUser } from "@/lib/auth/server/session";
import { countUnseenNotices } from "@/lib/auth/data/notices";
import { getLesson, listTracks } from "@/lib/content/server/lessons";
import { getLabProgress, labActivity } from "@/lib/lab/data/progress";
import { evidenceFrom, masteryFromEvidence } from "@/lib/progress/data/evidence";
import { getProgressWithAnswers, type Answers } from "@/lib/progress/data/store";
import type { WriteUpGrade } from "@/lib/progress/write-up-headline";
import { listDueReviews } from "@/lib/quiz/data/review-sets";
import { countFeedbackWaiting, listMySubmissions } from "@/lib/submissions/data/store";
import { getRubric } from "@/lib/submissions/server/rubric";
import { scoreRubric } from "@/lib/submissions/scoring";
import {
  READER_PAGE_VERSION,
  type ReaderCatalogue,
  type ReaderLesson,
  type ReaderQuery,
  type SignedInReaderPage,
} from "@/lib/reader/types";

// The reader's own parts of a shared page, read in parallel: what the header, the lesson map and
// the catalogue used to render on the server for each signed-in reader.

async function lessonPart(user: SessionUser, slug: string, answers: Answers): Promise<ReaderLesson | undefined> {
  const lesson = getLesson(slug);
  if (!lesson) return undefined;
  const lab = lesson.lab ? await getLabProgress(user.id, slug) : null;
  const evidence = evidenceFrom(
    answers.attempts.filter((a) => a.lessonSlug === slug),
    answers.checks.filter((c) => c.lessonSlug === slug),
  );
  return { slug, lab, activity: lab ? labActivity(lab) : null, mastery: masteryFromEvidence(slug, evidence) };
}

async function cataloguePart(user: SessionUser): Promise<ReaderCatalogue> {
  const labLessons = listTracks().flatMap((t) => t.lessons.filter((l) => l.lab));
  const [labs, dueReviews, submissions] = await Promise.all([
    Promise.all(labLessons.map(async (l) => ({ slug: l.slug, title: l.title, progress: await getLabProgress(user.id, l.slug) }))),
    listDueReviews(user.id),
    labLessons.length ? listMySubmissions(user) : Promise.resolve([]),
  ]);
  // The lab card leads with a completed write-up's grade, out of the rubric's maximum.
  const max = submissions.length ? scoreRubric(getRubric(), {}).max : 0;
  const gradeOf = (lesson: string): WriteUpGrade | null => {
    const review = submissions.find((s) => s.lessonSlug === lesson)?.review;
    return review?.decision === "COMPLETED" && review.grade !== null ? { points: review.grade, max } : null;
  };
  return {
    activities: Object.fromEntries(labs.map((l) => [l.slug, labActivity(l.progress)])),
    labs: labs.map((l) => ({ ...l, grade: gradeOf(l.slug) })),
    dueReviews,
  };
}

export async function readerPage(user: SessionUser, query: ReaderQuery): Promise<SignedInReaderPage> {
  const read = getProgressWithAnswers(user.id);
  const [feedbackWaiting, notices, progress, lesson, catalogue] = await Promise.all([
    countFeedbackWaiting(user.id),
    countUnseenNotices(user.id),
    read.then((r) => r.progress),
    query.lesson ? read.then((r) => lessonPart(user, query.lesson!, r.answers)) : undefined,
    query.catalogue ? cataloguePart(user) : undefined,
  ]);
  return {
    v: READER_PAGE_VERSION,
    user: { id: user.id, display: user.name ?? user.email, role: user.role },
    header: { feedbackWaiting, notices },
    progress,
    ...(lesson ? { lesson } : {}),
    ...(catalogue ? { catalogue } : {}),
  };
}
