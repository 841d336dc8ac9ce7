import { RemovePlatform } from "@/components/lti/remove-platform";
import { formatDateTime } from "@/lib/format";
import type { RegisteredPlatform } from "@/lib/lti/types";

export const PLATFORMS_HEADING_ID = "registered-platforms";

/** "Registered platforms": every course site this Lesson Lab accepts launches from. */
export function PlatformList({ platforms, timeZone }: { platforms: RegisteredPlatform[]; timeZone: string }) {
  return (
    <section aria-labelledby={PLATFORMS_HEADING_ID} className="mt-12 border-t border-line pt-8">
      <h2 id={PLATFORMS_HEADING_ID} tabIndex={-1} className="text-xl font-semibold">
        Registered platforms
      </h2>
      {platforms.length ? (
        <ul className="mt-4 flex flex-col gap-6">
          {platforms.map((p) => (
            <li key={p.id}>
              <article aria-labelledby={`platform-${p.id}`} className="rounded-xl border border-line bg-surface p-5" data-testid="platform">
                <h3 id={`platform-${p.id}`} className="text-lg font-semibold">
                  {p.name}
                </h3>
                <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                  <dt className="font-semibold">Issuer</dt>
                  <dd className="font-mono break-all">{p.issuer}</dd>
                  <dt className="font-semibold">Client ID</dt>
                  <dd className="font-mono break-all">{p.clientId}</dd>
                  <dt className="font-semibold">Deployment IDs</dt>
                  <dd className="font-mono break-all">{p.deploymentIds.join(", ")}</dd>
                  <dt className="font-semibold">Registered</dt>
                  <dd>
                    by {p.registeredBy ?? "an account no longer here"}
                    {p.mine ? " (you)" : ""} on {formatDateTime(p.registeredAt, timeZone)}
                  </dd>
                </dl>
                {p.mine ? <RemovePlatform id={p.id} name={p.name} headingId={PLATFORMS_HEADING_ID} /> : null}
              </article>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-ink-muted">None yet.</p>
      )}
    </section>
  );
}
