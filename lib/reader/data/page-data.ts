import "server-only";
import type { SessionUser } from "@/lib/auth/server/session";
import { countUnseenNotices } from "@/lib/auth/data/notices";
import { getLesson, listTracks } from "@/lib/content/server/lessons";
import { getLabProgress, labActivity } from "@/lib/lab/data/progress";
import { db } from "@/lib/db";
import { latestCheckResultsFrom } from "@/lib/checks/data/answers";
import { evidenceFrom, masteryFromEvidence } from "@/lib/progress/data/evidence";
import { readStepsAndVisits } from "@/lib/progress/data/store";
import type { ProgressDoc } from "@/lib/progress/model";
import { quizProgressFrom } from "@/lib/quiz/data/attempt-history";
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

type Answers = {
  attempts: { id: string; kind: string; lessonSlug: string; score: number | null; total: number | null; submittedAt: Date | null; concepts: string | null }[];
  checks: { lessonSlug: string; checkId: string; concept: string; credit: number; createdAt: Date }[];
};

/**
 * Everything the account answered, read once: the progress document's quiz results and check
 * answers, and a lesson's concept mastery, come from the same rows (as getProgress and
 * lessonMastery would read them apart).
 */
async function readAnswers(userId: string): Promise<Answers> {
  const [attempts, checks] = await Promise.all([
    db.quizAttempt.findMany({
      where: { userId, status: "SUBMITTED" },
      select: { id: true, kind: true, lessonSlug: true, score: true, total: true, submittedAt: true, concepts: true },
      orderBy: { submittedAt: "asc" },
    }),
    db.checkAnswer.findMany({
      where: { userId },
      select: { lessonSlug: true, checkId: true, concept: true, credit: true, createdAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { attempts, checks };
}

async function progressOf(userId: string, answers: Answers): Promise<ProgressDoc> {
  const doc = await readStepsAndVisits(db, userId);
  const checks = latestCheckResultsFrom(answers.checks);
  return {
    ...doc,
    quizzes: quizProgressFrom(answers.attempts.filter((a) => a.kind === "QUIZ")),
    ...(Object.keys(checks).length ? { checks } : {}),
  };
}

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
  const answers = readAnswers(user.id);
  const [feedbackWaiting, notices, progress, lesson, catalogue] = await Promise.all([
    countFeedbackWaiting(user.id),
    countUnseenNotices(user.id),
    answers.then((a) => progressOf(user.id, a)),
    query.lesson ? answers.then((a) => lessonPart(user, query.lesson!, a)) : undefined,
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
