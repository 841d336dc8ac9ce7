/** What the lab shows while the server asks Ollama which models it has. */
export function LabLoading() {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-6">
      <p className="text-ink-muted">Asking Ollama which models it has…</p>
      <div aria-hidden="true" className="grid gap-4 motion-safe:animate-pulse md:grid-cols-2">
        <div className="h-28 rounded-xl bg-sunken" />
        <div className="h-28 rounded-xl bg-sunken" />
        <div className="h-40 rounded-xl bg-sunken md:col-span-2" />
      </div>
    </div>
  );
}
