import "server-only";
import { getLesson } from "@/lib/content/server/lessons";
import { db } from "@/lib/db";
import { studentOf, type InstructorScope } from "@/lib/classes/data/scope";
import type { TutorOutcome } from "@/lib/tutor/data/tutor";

// What the class asks the tutor, grouped by the section each question matched: a map of what
// confuses students. Names are never shown; only how many different students asked.

export const OUTCOMES: readonly TutorOutcome[] = ["ANSWERED", "PASSAGES", "NOT_COVERED", "REFUSED", "FAILED"];

export type AskedQuestion = { id: string; question: string; askedAt: Date; outcome: TutorOutcome };

export type QuestionGroup = {
  /** null: questions the lesson does not cover */
  anchor: string | null;
  title: string;
  count: number;
  students: number;
  outcomes: Partial<Record<TutorOutcome, number>>;
  /** the most recent first */
  questions: AskedQuestion[];
  more: number;
};

export type ClassQuestions = {
  lesson: string;
  title: string;
  total: number;
  students: number;
  groups: QuestionGroup[];
  sinceDays: number | null;
};

const SHOWN_PER_GROUP = 25;
const SCANNED = 5000;

const asOutcome = (value: string): TutorOutcome => ((OUTCOMES as readonly string[]).includes(value) ? (value as TutorOutcome) : "FAILED");

/** What the students of the scope's classes asked the tutor about `lesson`, grouped by section. */
export async function getClassQuestions(
  scope: InstructorScope,
  lesson: string,
  { sinceDays = null as number | null } = {},
): Promise<ClassQuestions> {
  const file = getLesson(lesson);
  if (!file) throw new Error(`no lesson ${lesson}`);
  const since = sinceDays ? new Date(Date.now() - sinceDays * 86_400_000) : undefined;
  const rows = await db.tutorQuestion.findMany({
    where: { lessonSlug: lesson, user: studentOf(scope.classIds), ...(since ? { createdAt: { gte: since } } : {}) },
    select: { id: true, userId: true, question: true, anchor: true, sectionTitle: true, outcome: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: SCANNED,
  });
  const headingOf = new Map(file.headings.map((h) => [h.id, h.text]));
  const groups = new Map<string, QuestionGroup & { askers: Set<string> }>();
  for (const row of rows) {
    const key = row.anchor ?? "";
    let group = groups.get(key);
    if (!group) {
      const title = row.anchor ? (headingOf.get(row.anchor) ?? row.sectionTitle ?? row.anchor) : "Not covered by the lesson";
      group = { anchor: row.anchor, title, count: 0, students: 0, outcomes: {}, questions: [], more: 0, askers: new Set() };
      groups.set(key, group);
    }
    const outcome = asOutcome(row.outcome);
    group.count++;
    group.askers.add(row.userId);
    group.outcomes[outcome] = (group.outcomes[outcome] ?? 0) + 1;
    if (group.questions.length < SHOWN_PER_GROUP)
      group.questions.push({ id: row.id, question: row.question, askedAt: row.createdAt, outcome });
    else group.more++;
  }
  const sorted = [...groups.values()]
    .map(({ askers, ...group }) => ({ ...group, students: askers.size }))
    .sort((a, b) => b.count - a.count || (a.anchor === null ? 1 : b.anchor === null ? -1 : a.title.localeCompare(b.title)));
  return {
    lesson,
    title: file.title,
    total: rows.length,
    students: new Set(rows.map((r) => r.userId)).size,
    groups: sorted,
    sinceDays,
  };
}
