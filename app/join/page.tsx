import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/server/session";
import { listMyClasses } from "@/lib/classes/data/classes";
import { JoinForm } from "@/components/classes/join-form";

export const metadata: Metadata = { title: "Join a class" };

/** A student joins a class with its code; a join link (`/join?code=…`) opens this with the code filled in. */
export default async function JoinPage({ searchParams }: PageProps<"/join">) {
  const codeParam = (await searchParams).code;
  const code = typeof codeParam === "string" ? codeParam.slice(0, 40) : "";
  const user = await requireUser(code ? `/join?code=${encodeURIComponent(code)}` : "/join");
  const classes = await listMyClasses(user);
  return (
    <div className="mx-auto max-w-xl py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Join a class</h1>
      <p className="mt-2 mb-8 text-ink-muted">
        Your instructor gives you a class code or a join link. Joining lets the class&apos;s instructors see your progress and review your
        lab work.
      </p>
      <JoinForm code={code} />
      {classes.length ? (
        <section aria-labelledby="my-classes" className="mt-12 border-t border-line pt-8">
          <h2 id="my-classes" className="text-xl font-semibold">
            Your classes
          </h2>
          <ul className="mt-3 list-disc pl-5">
            {classes.map((c) => (
              <li key={c.id}>
                {c.name}
                {c.role === "INSTRUCTOR" ? " (you teach it)" : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
