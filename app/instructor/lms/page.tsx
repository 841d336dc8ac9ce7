import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { requireRole } from "@/lib/auth/server/session";
import { instructorScope } from "@/lib/classes/data/scope";
import { env } from "@/lib/env";
import { listScoreOutbox } from "@/lib/lti/data/outbox-view";
import { listPlatforms, mayRegisterPlatforms } from "@/lib/lti/data/platforms";
import { listQuizLinks } from "@/lib/lti/data/quiz-links";
import { listLinkedClasses } from "@/lib/lti/data/roster";
import { LinkedClasses } from "@/components/lti/linked-classes";
import { PlatformList } from "@/components/lti/platform-list";
import { QuizLinks } from "@/components/lti/quiz-links";
import { RegisterPlatformForm } from "@/components/lti/register-platform-form";
import { ScoreOutbox } from "@/components/lti/score-outbox";
import { ToolValues } from "@/components/lti/tool-values";

export const metadata: Metadata = { title: "Course sites (LTI 1.3)" };

/** The origin this request came in on, as the reset link action builds it (the proxy's scheme when one says). */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${h.get("host") ?? "localhost"}`;
}

export default async function CourseSitesPage() {
  const user = await requireRole("INSTRUCTOR", "/instructor/lms");
  // Grades and rosters are the classes taught, every one of them (the picker is not on this page).
  const scope = await instructorScope(user);
  const [origin, platforms, mayRegister, outbox, linked, quizLinks] = await Promise.all([
    requestOrigin(),
    listPlatforms(user),
    mayRegisterPlatforms(user),
    listScoreOutbox(scope),
    listLinkedClasses(scope),
    listQuizLinks(scope),
  ]);
  return (
    <div className="mx-auto max-w-3xl py-10">
      <p className="text-sm">
        <Link href="/instructor">← Instructor</Link>
      </p>
      <h1 className="mt-4 text-3xl font-semibold tracking-tight">Course sites (LTI 1.3)</h1>
      <p className="mt-2 text-ink-muted">
        Connect Lesson Lab to a course site (Moodle, Canvas or another LMS that speaks LTI 1.3), so its students and teachers open lessons
        from their course without a Lesson Lab password. It takes two steps: add Lesson Lab to the LMS with this tool&apos;s values, then
        register the LMS here with the values it shows you.
      </p>
      <ToolValues origin={origin} />
      <section aria-labelledby="register-platform" className="mt-12 border-t border-line pt-8">
        <h2 id="register-platform" className="text-xl font-semibold">
          Register a platform
        </h2>
        {mayRegister ? (
          <RegisterPlatformForm />
        ) : (
          <p className="mt-3 text-ink-muted">
            Registering a course site is for instructors with a Lesson Lab password account, not accounts made by a course site: ask one of
            them to register yours.
          </p>
        )}
      </section>
      <PlatformList platforms={platforms} timeZone={env.TIME_ZONE} />
      <ScoreOutbox view={outbox} timeZone={env.TIME_ZONE} />
      <QuizLinks links={quizLinks} />
      <LinkedClasses classes={linked} timeZone={env.TIME_ZONE} />
    </div>
  );
}
