import "server-only";
import { db } from "@/lib/db";
import { getLesson } from "@/lib/content/server/lessons";
import { sectionSteps } from "@/lib/content/path";
import { emptyProgress, mergeProgress, type ProgressDoc } from "@/lib/progress/model";
import { importGuestResults, quizProgressFrom, type SubmittedAttemptRow } from "@/lib/quiz/data/attempt-history";
import { AppError } from "@/lib/app-error";
import { importGuestCheckResults, latestCheckResultsFrom, type CheckAnswerRow } from "@/lib/checks/data/answers";

export class UnknownStepError extends AppError {
  constructor(message: string) {
    super("UNKNOWN_STEP", message);
  }
}

/** Only sections are marked done by hand; the lab, the write-up and the quiz are done by doing them. */
function assertKnownStep(lessonSlug: string, step: string) {
  const lesson = getLesson(lessonSlug);
  if (!lesson || !sectionSteps(lesson.path).some((s) => s.anchor === step)) {
    throw new UnknownStepError(`There is no step "${step}" in the lesson "${lessonSlug}".`);
  }
}

type Client = Pick<typeof db, "stepProgress" | "lessonVisit">;

/** Steps and visits of an account as a progress document (quiz results come from attempts). */
async function readStepsAndVisits(client: Client, userId: string): Promise<ProgressDoc> {
  const [steps, visits] = await Promise.all([
    client.stepProgress.findMany({ where: { userId }, select: { lessonSlug: true, step: true, doneAt: true } }),
    client.lessonVisit.findMany({ where: { userId }, select: { lessonSlug: true, visitedAt: true } }),
  ]);
  const doc = emptyProgress();
  for (const s of steps) (doc.steps[s.lessonSlug] ??= {})[s.step] = s.doneAt.toISOString();
  for (const v of visits) doc.visits[v.lessonSlug] = v.visitedAt.toISOString();
  return doc;
}

export type Answers = { attempts: (SubmittedAttemptRow & { id: string; kind: string })[]; checks: CheckAnswerRow[] };

/**
 * Everything the account answered, read once: the progress document's quiz results and check
 * answers, and (for the reader's JSON) a lesson's concept mastery, come from the same rows.
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

/**
 * The account's progress and the answers it was made from (the reader's JSON reads mastery from
 * them too). Best and latest quiz results count quiz attempts only, not reviews.
 */
export async function getProgressWithAnswers(userId: string): Promise<{ progress: ProgressDoc; answers: Answers }> {
  const [doc, answers] = await Promise.all([readStepsAndVisits(db, userId), readAnswers(userId)]);
  const checks = latestCheckResultsFrom(answers.checks);
  const progress = {
    ...doc,
    quizzes: quizProgressFrom(answers.attempts.filter((a) => a.kind === "QUIZ")),
    ...(Object.keys(checks).length ? { checks } : {}),
  };
  return { progress, answers };
}

/** A signed-in reader's progress, in the same shape the browser keeps for guests. */
export async function getProgress(userId: string): Promise<ProgressDoc> {
  return (await getProgressWithAnswers(userId)).progress;
}

export async function setStepDone(userId: string, lessonSlug: string, step: string, done: boolean, at = new Date()): Promise<void> {
  assertKnownStep(lessonSlug, step);
  const key = { userId_lessonSlug_step: { userId, lessonSlug, step } };
  if (done) {
    // Marking twice keeps the first time.
    await db.stepProgress.upsert({ where: key, create: { userId, lessonSlug, step, doneAt: at }, update: {} });
  } else {
    await db.stepProgress.deleteMany({ where: { userId, lessonSlug, step } });
  }
}

export async function recordVisit(userId: string, lessonSlug: string, at = new Date()): Promise<void> {
  if (!getLesson(lessonSlug)) return;
  await db.lessonVisit.upsert({
    where: { userId_lessonSlug: { userId, lessonSlug } },
    create: { userId, lessonSlug, visitedAt: at },
    update: { visitedAt: at },
  });
}

/** Only what the platform knows about: unknown lessons or steps from a browser are dropped. */
function knownPartsOf(doc: ProgressDoc): ProgressDoc {
  const out = emptyProgress();
  for (const [slug, steps] of Object.entries(doc.steps)) {
    const lesson = getLesson(slug);
    if (!lesson) continue;
    const anchors = new Set(sectionSteps(lesson.path).map((s) => s.anchor));
    const kept = Object.fromEntries(Object.entries(steps).filter(([anchor]) => anchors.has(anchor)));
    if (Object.keys(kept).length) out.steps[slug] = kept;
  }
  for (const [slug, at] of Object.entries(doc.visits)) if (getLesson(slug)) out.visits[slug] = at;
  return out;
}

/**
 * Merges a guest's local progress into the account, item by item (see mergeProgress): a step done
 * anywhere stays done, the newer visit wins, quiz results this server signed become attempts (so
 * best and latest follow), check results it signed become check answers. Returns the account's
 * progress afterwards.
 */
export async function mergeIntoAccount(userId: string, local: ProgressDoc): Promise<ProgressDoc> {
  const incoming = knownPartsOf(local);
  await importGuestResults(userId, local.quizzes);
  await importGuestCheckResults(userId, local.checks);
  await db.$transaction(async (tx) => {
    const server = await readStepsAndVisits(tx, userId);
    const merged = mergeProgress(server, incoming);
    for (const [lessonSlug, steps] of Object.entries(merged.steps)) {
      for (const [step, at] of Object.entries(steps)) {
        if (server.steps[lessonSlug]?.[step] === at) continue;
        await tx.stepProgress.upsert({
          where: { userId_lessonSlug_step: { userId, lessonSlug, step } },
          create: { userId, lessonSlug, step, doneAt: new Date(at) },
          update: { doneAt: new Date(at) },
        });
      }
    }
    for (const [lessonSlug, at] of Object.entries(merged.visits)) {
      if (server.visits[lessonSlug] === at) continue;
      await tx.lessonVisit.upsert({
        where: { userId_lessonSlug: { userId, lessonSlug } },
        create: { userId, lessonSlug, visitedAt: new Date(at) },
        update: { visitedAt: new Date(at) },
      });
    }
  });
  return getProgress(userId);
}
