import { randomUUID } from "node:crypto";
import type { SessionUser } from "@/lib/auth/server/session";
import { db } from "@/lib/db";
import { LTI_CLAIM } from "@/lib/lti/claims";
import { recordLaunchLink } from "@/lib/lti/data/links";
import { accountForLaunch, classForLaunch } from "@/lib/lti/data/provision";
import { attemptQuiz } from "@/lib/quiz/attempt-quiz";
import { startAttempt, submitAttempt } from "@/lib/quiz/data/attempts";
import { requireQuiz } from "@/lib/quiz/server/attempt-access";
import { publicOptionId } from "@/lib/quiz/server/public";
import { userViewer } from "@/lib/quiz/server/viewer";
import type { LaunchWorld } from "@/test/lti-launch";

// Grade passback for database tests: a course on the platform double whose teacher and learners
// launched a graded link (a quiz or a lab write-up), so the tool knows the course, its class, the
// link and its line item, as a real launch leaves them; and quiz attempts submitted with a chosen
// number of right answers.

export const LESSON = "local-qwen-vl";
const AGS_SCOPES = ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem", "https://purl.imsglobal.org/spec/lti-ags/scope/score"];

export type GradedCourse = {
  contextId: string;
  classId: string;
  teacher: SessionUser;
  linkRowId: string;
  /** the line item the launches named, if any */
  lineItem: string | null;
  /** launches a learner of this course into it: their account */
  learner(name?: string): Promise<SessionUser & { sub: string }>;
};

/**
 * A course with one graded link: `target` "quiz" or "lab"; `lineItem` true names one at
 * `…/lineitems/<n>/lineitem?type_id=1` (Moodle's shape), false leaves the tool to make one.
 */
export async function gradedCourse(
  world: LaunchWorld,
  { target = "quiz", lineItem = true, linkTitle }: { target?: "quiz" | "lab"; lineItem?: boolean; linkTitle?: string } = {},
): Promise<GradedCourse> {
  const contextId = `course-${randomUUID().slice(0, 8)}`;
  const base = `${world.platform.url}/contexts/${contextId}`;
  const lineItemUrl = lineItem ? `${base}/lineitems/${randomUUID().slice(0, 4)}/lineitem?type_id=1` : null;
  const launchOf = (sub: string, name: string, roles: string[]) =>
    world.launchAs({
      sub,
      name,
      roles,
      context: { id: contextId, title: `Course ${contextId}` },
      resourceLink: { id: `${target}-link`, title: linkTitle ?? `Local Qwen-VL ${target}` },
      targetLinkUri: `https://lab.example.test/lessons/${LESSON}/${target}`,
      extra: {
        [LTI_CLAIM.agsEndpoint]: {
          scope: AGS_SCOPES,
          lineitems: `${base}/lineitems?type_id=1`,
          ...(lineItemUrl ? { lineitem: lineItemUrl } : {}),
        },
      },
    });
  const enter = async (sub: string, name: string, roles: string[]) => {
    const launch = await launchOf(sub, name, roles);
    const user = await accountForLaunch(launch);
    const joined = await classForLaunch(launch, user.id);
    const recorded = await recordLaunchLink(launch);
    return { user, classId: joined!.id, linkRowId: recorded!.linkRowId! };
  };
  const first = await enter(`t-${contextId}`, "Tess Teacher", ["Instructor"]);
  return {
    contextId,
    classId: first.classId,
    teacher: first.user,
    linkRowId: first.linkRowId,
    lineItem: lineItemUrl,
    learner: async (name = "Lu Learner") => {
      const sub = `l-${randomUUID().slice(0, 8)}`;
      const { user } = await enter(sub, name, ["Learner"]);
      return { ...user, sub };
    },
  };
}

/** Submits a new quiz attempt with the first `right` questions answered right (the rest blank): its id. */
export async function takeQuiz(userId: string, right: number): Promise<string> {
  const { attemptId } = await startAttempt(userId, LESSON);
  const row = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const shown = attemptQuiz(requireQuiz(LESSON), row);
  const answers = Object.fromEntries(
    shown.questions
      .slice(0, right)
      .map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => publicOptionId(userViewer(userId), LESSON, q.id, o.id))]),
  );
  await submitAttempt(userId, { lesson: LESSON, attemptId, answers });
  return attemptId;
}
