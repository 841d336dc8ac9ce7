import "server-only";
import { db } from "@/lib/db";
import { studentOf, type InstructorScope } from "@/lib/classes/data/scope";
import { getLesson } from "@/lib/content/server/lessons";
import { sectionSteps } from "@/lib/content/path";
import { listAttemptHistory, type AttemptRecord } from "@/lib/quiz/data/attempt-history";
import { listMySubmissions, type MySubmissionRow } from "@/lib/submissions/data/store";
import { FLAGSHIP } from "@/lib/instructor/data/class-progress";

// One student, as an instructor needs them: the lesson's steps, every quiz attempt with its
// answers, every lab run, and the write-up.

export type StudentOverview = {
  student: { id: string; name: string | null; email: string; joinedAt: string };
  steps: { anchor: string; title: string; doneAt: string | null }[];
  attempts: AttemptRecord[];
  runs: { id: string; createdAt: string; status: string; textModel: string | null; visionModel: string | null; screenshot: string }[];
  submissions: MySubmissionRow[];
};

/** A student of one of the classes the instructor teaches (any of them, whatever the picker says), or null. */
export async function getStudentOverview(scope: InstructorScope, studentId: string, lesson = FLAGSHIP): Promise<StudentOverview | null> {
  const student = await db.user.findFirst({
    where: { id: studentId, ...studentOf(scope.taughtIds) },
    select: { id: true, name: true, email: true, role: true, createdAt: true },
  });
  // A student's record only: an instructor's own work is not another instructor's to read here.
  if (!student || student.role !== "STUDENT") return null;
  const [steps, attempts, runs, submissions] = await Promise.all([
    db.stepProgress.findMany({ where: { userId: studentId, lessonSlug: lesson }, select: { step: true, doneAt: true } }),
    listAttemptHistory(studentId, lesson),
    db.labRun.findMany({
      where: { userId: studentId, lessonSlug: lesson },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: {
        id: true,
        createdAt: true,
        status: true,
        textModel: true,
        visionModel: true,
        image: { select: { sampleId: true, fileName: true } },
      },
    }),
    // Only the write-ups these classes may see: one submitted to another class of theirs is not.
    listMySubmissions({ id: student.id, name: student.name, email: student.email, role: "STUDENT" }, { classIds: scope.taughtIds }),
  ]);
  const done = new Map(steps.map((s) => [s.step, s.doneAt]));
  return {
    student: { id: student.id, name: student.name, email: student.email, joinedAt: student.createdAt.toISOString() },
    steps: sectionSteps(getLesson(lesson)?.path ?? []).map((p) => ({
      anchor: p.anchor,
      title: p.title,
      doneAt: done.get(p.anchor)?.toISOString() ?? null,
    })),
    attempts,
    runs: runs.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      status: r.status,
      textModel: r.textModel,
      visionModel: r.visionModel,
      screenshot: r.image.sampleId ?? r.image.fileName ?? "uploaded screenshot",
    })),
    submissions,
  };
}

/** Whose run this is, for the instructor's run view. */
export async function getRunOwner(
  scope: InstructorScope,
  runId: string,
): Promise<{ id: string; name: string | null; email: string } | null> {
  const run = await db.labRun.findFirst({ where: { id: runId, user: studentOf(scope.taughtIds) }, select: { user: { select: { id: true, name: true, email: true } } } });
  return run?.user ?? null;
}
