import { PullTagButton } from "@/components/models/pull-context";

/**
 * The lesson's recommended text + vision pairs, each model with where it is installed, or how to pull
 * it: the command, and for those who may pull (`canPull`, inside a PullProvider) a "Pull <tag>" button.
 */
export function RecommendedPairs({
  pairs,
  holders,
  answering,
  hostCount,
  canPull = false,
}: {
  pairs: { text: string; vision: string; why: string }[];
  /** how many answering hosts have the tag */
  holders: (tag: string) => number;
  answering: number;
  hostCount: number;
  canPull?: boolean;
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
                  <li key={tag} className={count === 0 && canPull ? "flex flex-wrap items-center gap-x-3 gap-y-1 py-0.5" : undefined}>
                    <span>
                      <span className="font-mono">{tag}</span>:{" "}
                      {count === 0 ? (
                        <>
                          not installed · <code>ollama pull {tag}</code>
                        </>
                      ) : null}
                    </span>
                    {count === 0 ? (
                      canPull ? (
                        <PullTagButton tag={tag} />
                      ) : null
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
