import { termId } from "@/lib/content/ids";
import { formatDate } from "@/lib/format";

export function KeyTerms({ concepts }: { concepts: { term: string; definition: string; section: string; sectionTitle: string }[] }) {
  return (
    <section aria-labelledby="key-terms" className="mt-14">
      <h2 id="key-terms" className="text-2xl font-semibold tracking-tight">
        Key terms in this lesson
      </h2>
      <dl className="mt-5 grid gap-3 md:grid-cols-2">
        {concepts.map((c) => (
          <div key={c.term} id={termId(c.term)} className="scroll-mt-6 rounded-xl border border-line bg-surface p-4">
            <dt className="font-semibold">{c.term}</dt>
            <dd className="mt-1 text-sm text-ink-muted">
              {c.definition} <a href={`#${c.section}`}>Taught in “{c.sectionTitle}”</a>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function BigIdea({ text }: { text: string }) {
  return (
    <section aria-labelledby="big-idea" className="mt-10 rounded-2xl bg-accent-soft p-6">
      <h2 id="big-idea" className="text-sm font-semibold tracking-wide text-accent uppercase">
        The big idea
      </h2>
      <p className="mt-2 text-lg font-medium text-balance">{text}</p>
    </section>
  );
}

export function Sources({
  sources,
  updated,
}: {
  sources: { title: string; publisher: string; url?: string; date: string; note?: string }[];
  updated: string;
}) {
  return (
    <section aria-labelledby="sources" className="mt-10">
      <h2 id="sources" className="text-xl font-semibold">
        Sources
      </h2>
      <p className="mt-1 text-sm text-ink-muted">
        Lesson updated {formatDate(`${updated}T00:00:00Z`, "UTC")}. Each fact names where it came from and when it was read.
      </p>
      <ul className="mt-3 flex flex-col gap-2 text-sm">
        {sources.map((s) => (
          <li key={`${s.title}-${s.date}`}>
            {s.url ? (
              <a href={s.url} rel="noopener noreferrer">
                {s.title}
              </a>
            ) : (
              <span className="font-medium">{s.title}</span>
            )}
            , {s.publisher}, read {formatDate(`${s.date}T00:00:00Z`, "UTC")}.
            {s.note ? <span className="text-ink-muted"> {s.note}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
