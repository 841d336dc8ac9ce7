import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-accent">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-3 text-ink-muted">The address may be mistyped, or the page may have moved.</p>
      <p className="mt-6">
        <Link href="/">Go to the lessons</Link>
      </p>
    </div>
  );
}
