import "server-only";
import { NotInScopeError, type InstructorScope } from "@/lib/classes/data/scope";
import { db } from "@/lib/db";
import type { ScorePolicy } from "@/lib/lti/ags";
import type { QuizLink } from "@/lib/lti/types";

// Which quiz attempt a course's gradebook gets, per quiz link (docs/lti-design.md §4): the best so
// far (the default) or the latest. Set by the instructors of the course's class; read when an
// attempt is submitted, so a change applies from the next submitted attempt on.

/** The quiz links of the courses whose classes `scope` teaches. */
export async function listQuizLinks(scope: InstructorScope): Promise<QuizLink[]> {
  const rows = await db.ltiResourceLink.findMany({
    where: { target: "QUIZ", context: { classId: { in: [...scope.taughtIds] } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      lessonSlug: true,
      scorePolicy: true,
      lineItemUrl: true,
      context: { select: { title: true, class: { select: { name: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    title: r.title ?? `Quiz: ${r.lessonSlug ?? "a lesson"}`,
    courseTitle: r.context.title ?? r.context.class.name,
    className: r.context.class.name,
    scorePolicy: r.scorePolicy === "LATEST" ? "LATEST" : "BEST",
    graded: r.lineItemUrl !== null,
  }));
}

/** Sets a quiz link's policy; a link outside the classes taught answers as one that does not exist. */
export async function setScorePolicy(scope: InstructorScope, linkId: string, policy: ScorePolicy): Promise<void> {
  const { count } = await db.ltiResourceLink.updateMany({
    where: { id: linkId, target: "QUIZ", context: { classId: { in: [...scope.taughtIds] } } },
    data: { scorePolicy: policy },
  });
  if (count !== 1) throw new NotInScopeError();
}
