import type { Metadata } from "next";
import Link from "next/link";
import { listReviewQueue } from "@/lib/submissions/review";
import { requireRole } from "@/lib/auth/session";
import { listUsersByRole } from "@/lib/auth/users";
import { getLesson, listLessonSlugs } from "@/lib/content/lessons";
import { formatFirstAndBest, getFirstAndBestScores } from "@/lib/quiz/class-scores";
import { getQuizWithKey } from "@/lib/quiz/content";
import { TableHead } from "@/components/ui/table-head";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Instructor" };

export default async function InstructorPage() {
  const instructor = await requireRole("INSTRUCTOR", "/instructor");
  const [students, instructors, queue] = await Promise.all([
    listUsersByRole("STUDENT"),
    listUsersByRole("INSTRUCTOR"),
    listReviewQueue(instructor),
  ]);
  const scores = await getFirstAndBestScores(students.map((s) => s.id));
  const quizLessons = listLessonSlugs().filter((slug) => getQuizWithKey(slug));
  return (
    <div className="py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Instructor</h1>
      <p className="mt-2 max-w-2xl text-ink-muted">
        Your class at a glance. Instructors are named in <code>INSTRUCTOR_EMAILS</code> or promoted with <code>npm run user:role</code>;
        nobody becomes one through the web.
      </p>
      <p className="mt-6">
        <Link href="/instructor/submissions" className="font-semibold">
          Review queue: {queue.counts.SUBMITTED} waiting, {queue.counts.IN_REVIEW} in review
        </Link>
        {" · "}
        <Link href="/instructor/password-reset">Password reset links</Link>
      </p>
      <dl className="mt-8 grid max-w-md grid-cols-2 gap-4">
        <div className="rounded-xl border border-line bg-surface p-4">
          <dt className="text-sm text-ink-muted">Students</dt>
          <dd className="text-2xl font-semibold">{students.length}</dd>
        </div>
        <div className="rounded-xl border border-line bg-surface p-4">
          <dt className="text-sm text-ink-muted">Instructors</dt>
          <dd className="text-2xl font-semibold">{instructors.length}</dd>
        </div>
      </dl>
      <section aria-labelledby="roster-title" className="mt-10">
        <h2 id="roster-title" className="text-xl font-semibold">
          Students
        </h2>
        {students.length === 0 ? (
          <p className="mt-3 text-ink-muted">No students have signed up yet. Share the address of this site with your class.</p>
        ) : (
          <div className="mt-4 overflow-x-auto rounded-xl border border-line">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Students, newest first</caption>
              <TableHead columns={["Name", "Email", "Joined", "Quiz (first / best)"]} />
              <tbody>
                {students.map((s) => (
                  <tr key={s.id} className="border-t border-line">
                    <td className="px-4 py-2">{s.name ?? "—"}</td>
                    <td className="px-4 py-2">{s.email}</td>
                    <td className="px-4 py-2">{formatDate(s.joinedAt, env.TIME_ZONE)}</td>
                    <td className="px-4 py-2 whitespace-nowrap tabular-nums" data-testid="quiz-first-best">
                      {quizLessons.length === 1
                        ? formatFirstAndBest(scores.get(s.id)?.[quizLessons[0]!])
                        : quizLessons.map((lesson) => (
                            <span key={lesson} className="block">
                              {getLesson(lesson)?.title ?? lesson}: {formatFirstAndBest(scores.get(s.id)?.[lesson])}
                            </span>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {students.length > 0 && quizLessons.length > 0 ? (
          <p className="mt-2 text-sm text-ink-muted">
            Quiz: the first attempt taken signed in, then the best of all (guest results brought in at sign-in count toward the best).
          </p>
        ) : null}
      </section>
    </div>
  );
}
