import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/server/session";
import { listTaughtClasses } from "@/lib/classes/data/classes";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { CreateClassForm } from "@/components/classes/create-class-form";
import { InviteControls } from "@/components/classes/invite-controls";
import { AddInstructorForm } from "@/components/classes/add-instructor-form";

export const metadata: Metadata = { title: "Classes" };

export default async function ClassesPage() {
  const user = await requireRole("INSTRUCTOR", "/instructor/classes");
  const classes = await listTaughtClasses(user);
  return (
    <div className="mx-auto max-w-3xl py-10">
      <p className="text-sm">
        <Link href="/instructor">← Instructor</Link>
      </p>
      <h1 className="mt-4 text-3xl font-semibold tracking-tight">Classes</h1>
      <p className="mt-2 mb-8 text-ink-muted">
        A class is its instructors and its students: add a co-teacher or a teaching assistant by the email of their instructor account.
        Students join with the class&apos;s join code or join link, which you can replace or revoke at any time; a code works for two weeks.
        A student may be in several classes.
      </p>
      <CreateClassForm />
      <section aria-labelledby="your-classes" className="mt-12 border-t border-line pt-8">
        <h2 id="your-classes" className="text-xl font-semibold">
          Classes you teach
        </h2>
        {classes.length ? (
          <ul className="mt-4 flex flex-col gap-6">
            {classes.map((c) => (
              <li key={c.id}>
                <article aria-labelledby={`class-${c.id}`} className="rounded-xl border border-line bg-surface p-5" data-testid="class">
                  <h3 id={`class-${c.id}`} className="text-lg font-semibold">
                    {c.name}
                  </h3>
                  <p className="mt-1 mb-4 text-sm text-ink-muted">
                    {c.students === 1 ? "1 student" : `${c.students} students`} · taught by {c.instructors.join(", ")} · created{" "}
                    {formatDateTime(c.createdAt, env.TIME_ZONE)}
                  </p>
                  <InviteControls
                    classId={c.id}
                    classTitle={c.name}
                    invite={c.invite ? { code: c.invite.code, expires: formatDateTime(c.invite.expiresAt, env.TIME_ZONE) } : null}
                  />
                  <div className="mt-6 border-t border-line pt-4">
                    <AddInstructorForm classId={c.id} classTitle={c.name} />
                  </div>
                </article>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-ink-muted">None yet. Create one above.</p>
        )}
      </section>
    </div>
  );
}
