import type { DiffPart, FieldChange } from "@/lib/submissions/diff";
import { plural } from "@/lib/format";

// What the student changed since the last version, field by field. Insertions and deletions are
// marked by <ins>/<del> (underlined, struck through) with a spoken prefix, not by colour alone.

function Part({ part }: { part: DiffPart }) {
  if (part.kind === "same") return <span>{part.text}</span>;
  if (part.kind === "inserted") {
    return (
      <ins className="rounded-sm bg-success-soft decoration-2 underline-offset-2">
        <span className="sr-only">[inserted: </span>
        {part.text}
        <span className="sr-only">]</span>
      </ins>
    );
  }
  return (
    <del className="rounded-sm bg-danger-soft decoration-2">
      <span className="sr-only">[deleted: </span>
      {part.text}
      <span className="sr-only">]</span>
    </del>
  );
}

function summary(change: FieldChange): string {
  const bits = [
    change.inserted ? `${change.inserted} ${plural(change.inserted, "word")} inserted` : null,
    change.deleted ? `${change.deleted} ${plural(change.deleted, "word")} deleted` : null,
  ].filter(Boolean);
  return bits.join(", ") || "changed";
}

export function VersionChanges({ changes, from, to }: { changes: FieldChange[]; from: number; to: number }) {
  const changed = changes.filter((c) => c.changed).length;
  return (
    <section aria-labelledby="changes-title" data-testid="version-changes">
      <h2 id="changes-title" className="text-xl font-semibold">
        What changed since version {from}
      </h2>
      <p className="mt-1 text-sm text-ink-muted">
        Version {to} against version {from}: {changed ? `${changed} ${plural(changed, "field")} changed` : "nothing changed"}. Inserted
        words are underlined, deleted words struck through.
      </p>
      <dl className="mt-4 flex flex-col gap-4">
        {changes.map((change) => (
          <div key={change.label} className="flex flex-wrap items-baseline gap-x-1 rounded-lg border border-line bg-surface p-3">
            <dt className="font-semibold">{change.label} </dt>
            <dd className="text-sm text-ink-muted">{`· ${change.changed ? summary(change) : "unchanged"}`}</dd>
            {change.changed ? (
              <dd className="mt-1 basis-full text-sm whitespace-pre-wrap">
                {change.parts.map((part, i) => (
                  <Part key={i} part={part} />
                ))}
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
    </section>
  );
}
