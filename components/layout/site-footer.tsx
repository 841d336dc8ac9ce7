import { APP_VERSION } from "@/lib/version";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-line text-sm text-ink-muted">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>Lesson Lab: choose and judge local vision models with evidence, not vibes.</p>
        <p>Runs on your own machine. Models run through your local Ollama. v{APP_VERSION}</p>
      </div>
    </footer>
  );
}
