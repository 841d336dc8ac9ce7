import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-accent">403</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">Instructors only</h1>
      <p className="mt-3 text-ink-muted">
        This area is for instructors. If you teach this class, ask whoever runs Lesson Lab to add your email to the instructor list.
      </p>
      <p className="mt-6">
        <Link href="/">Back to the lessons</Link>
      </p>
    </div>
  );
}
