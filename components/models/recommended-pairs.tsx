/** The lesson's recommended text + vision pairs, each model with where it is installed (or how to pull it). */
export function RecommendedPairs({
  pairs,
  holders,
  answering,
  hostCount,
}: {
  pairs: { text: string; vision: string; why: string }[];
  /** how many answering hosts have the tag */
  holders: (tag: string) => number;
  answering: number;
  hostCount: number;
}) {
  const isPool = hostCount > 1;
  return (
    <section aria-labelledby="pairs-title" className="mt-10">
      <h2 id="pairs-title" className="text-xl font-semibold">
        Recommended lesson pairs
      </h2>
      <ul className="mt-3 grid gap-3 md:grid-cols-2">
        {pairs.map((pair) => (
          <li key={`${pair.text}-${pair.vision}`} className="rounded-xl border border-line bg-surface p-4" data-testid="pair">
            <p className="font-mono font-medium [overflow-wrap:anywhere]">
              {pair.text} + {pair.vision}
            </p>
            <p className="mt-1 text-sm text-ink-muted">{pair.why}</p>
            <ul className="mt-2 text-sm">
              {[pair.text, pair.vision].map((tag) => {
                const count = holders(tag);
                return (
                  <li key={tag}>
                    <span className="font-mono">{tag}</span>:{" "}
                    {count === 0 ? (
                      <span>
                        not installed · <code>ollama pull {tag}</code>
                      </span>
                    ) : isPool ? (
                      <span className={count >= answering ? "font-semibold text-success" : "font-semibold text-warning"}>
                        installed on {count} of {hostCount} hosts
                      </span>
                    ) : (
                      <span className="font-semibold text-success">installed</span>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
