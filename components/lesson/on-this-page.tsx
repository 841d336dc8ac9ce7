export function OnThisPage({ headings }: { headings: { id: string; text: string }[] }) {
  return (
    <nav aria-labelledby="on-this-page" className="text-sm">
      <h2 id="on-this-page" className="font-semibold text-ink-muted">
        On this page
      </h2>
      <ol className="mt-3 flex flex-col gap-1.5 border-l border-line pl-4">
        {headings.map((h) => (
          <li key={h.id}>
            <a href={`#${h.id}`} className="text-ink-muted no-underline hover:text-ink hover:underline">
              {h.text}
            </a>
          </li>
        ))}
        <li>
          <a href="#key-terms" className="text-ink-muted no-underline hover:text-ink hover:underline">
            Key terms
          </a>
        </li>
        <li>
          <a href="#tutor" className="text-ink-muted no-underline hover:text-ink hover:underline">
            Ask the lesson tutor
          </a>
        </li>
      </ol>
    </nav>
  );
}
