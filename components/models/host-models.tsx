import { isNonCommercialTag } from "@/lib/content/server/lessons";
import type { ModelCatalogue } from "@/lib/ollama/server/catalogue";
import type { LoadedModel } from "@/lib/ollama/metrics";
import { Notice } from "@/components/ui/notice";
import { ScrollTable } from "@/components/ui/scroll-table";
import { TableHead } from "@/components/ui/table-head";
import { formatBytes, formatSpan, msUntil } from "@/lib/format";

// What one Ollama host has installed and loaded, as the Models page shows it for each host. With
// one host the headings are h2 and the tables' names say nothing of hosts, as before the pool;
// with several they are h3 under the host's own heading and the names carry the host's label.

// Model cards write 131072 and 262144 (powers of two) as 128K and 256K, and 128000 as 128K too.
const isPowerOfTwo = (n: number) => Number.isInteger(Math.log2(n));
const context = (n: number | null) =>
  n === null ? "unknown" : n < 1000 ? String(n) : `${Math.round(isPowerOfTwo(n) ? n / 1024 : n / 1000)}K`;

type Placement = {
  /** prefix for the element ids, unique per host; `${idPrefix}title` is the host's heading in a pool */
  idPrefix: string;
  /** "Host 1: http://…" or "GPU host 1" with several hosts; null with one */
  hostLabel: string | null;
};

function SectionHeading({ id, hostLabel, children }: { id: string; hostLabel: string | null; children: string }) {
  return hostLabel ? (
    <h3 id={id} className="text-lg font-semibold">
      {children}
    </h3>
  ) : (
    <h2 id={id} className="text-xl font-semibold">
      {children}
    </h2>
  );
}
/** In a pool every host has these sections: the host's heading goes into their names, so each landmark is unique. */
const named = (idPrefix: string, hostLabel: string | null, id: string) =>
  hostLabel ? `${idPrefix}title ${idPrefix}${id}` : `${idPrefix}${id}`;
const on = (hostLabel: string | null) => (hostLabel ? ` on ${hostLabel}` : "");

export function InstalledModels({ catalogue, idPrefix, hostLabel }: { catalogue: ModelCatalogue } & Placement) {
  const installed = catalogue.models;
  return (
    <section aria-labelledby={named(idPrefix, hostLabel, "installed-title")} className={hostLabel ? "mt-8" : "mt-10"}>
      <SectionHeading id={`${idPrefix}installed-title`} hostLabel={hostLabel}>
        Installed models
      </SectionHeading>
      {installed.length === 0 ? (
        <p className="mt-2 text-ink-muted">No models yet. Pull one of the recommended pairs below.</p>
      ) : (
        <ScrollTable label={`Table of installed models${on(hostLabel)}`} className="mt-3 mb-0">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <TableHead columns={["Model", "Kind", "Size", "Quantisation", "Context", "Licence", "Capabilities"]} />
            <tbody>
              {installed.map((m) => (
                <tr key={m.name} className="border-t border-line align-top">
                  <th scope="row" className="px-3 py-2 font-mono font-medium">
                    {m.name}
                  </th>
                  <td className="px-3 py-2">{m.kind === "vision" ? "Vision" : "Text only"}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatBytes(m.sizeBytes)}</td>
                  <td className="px-3 py-2">{m.quantization || "unknown"}</td>
                  <td className="px-3 py-2">{context(m.contextLength)}</td>
                  <td className="px-3 py-2">
                    {m.licence}
                    {isNonCommercialTag(m.name) ? <strong className="block text-xs text-danger">Non-commercial</strong> : null}
                  </td>
                  <td className="px-3 py-2">
                    {m.capabilities.join(", ")}
                    {m.isThinkingVariant ? (
                      <strong className="block text-xs text-warning">Thinking variant: ignores requests not to think</strong>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {catalogue.unavailable.length ? (
        <Notice tone="warning" className="mt-4" title="Installed but unavailable">
          <p>Ollama lists these models but would not describe them, so the lab does not offer them:</p>
          <ul className="mt-1 list-disc pl-5" data-testid="unavailable-models">
            {catalogue.unavailable.map((m) => (
              <li key={m.name}>
                <span className="font-mono">{m.name}</span>: {m.reason}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {catalogue.cloud.length ? (
        <p className="mt-4 text-sm text-ink-muted" data-testid="cloud-models">
          Cloud models listed by Ollama but run on ollama.com, not on this machine, so not offered in the lab:{" "}
          {catalogue.cloud.map((name, i) => (
            <span key={name}>
              {i ? ", " : ""}
              <span className="font-mono">{name}</span>
            </span>
          ))}
          .
        </p>
      ) : null}
    </section>
  );
}

export function LoadedModels({ loaded, idPrefix, hostLabel }: { loaded: LoadedModel[] } & Placement) {
  return (
    <section aria-labelledby={named(idPrefix, hostLabel, "loaded-title")} className={hostLabel ? "mt-8" : "mt-10"}>
      <SectionHeading id={`${idPrefix}loaded-title`} hostLabel={hostLabel}>
        Loaded now
      </SectionHeading>
      {loaded.length === 0 ? (
        <p className="mt-2 text-ink-muted">No model is in memory. The first request to a model loads it (a cold start).</p>
      ) : (
        <ScrollTable label={`Table of models loaded now${on(hostLabel)}`} className="mt-3 mb-0">
          <table className="w-full text-left text-sm">
            <TableHead columns={["Model", "Resident memory", "On GPU", "Context", "Unloads"]} />
            <tbody>
              {loaded.map((m) => (
                <tr key={m.name} className="border-t border-line">
                  <th scope="row" className="px-3 py-2 font-mono font-medium">
                    {m.name}
                  </th>
                  <td className="px-3 py-2">{formatBytes(m.sizeBytes)}</td>
                  <td className="px-3 py-2">
                    {m.percentOnGpu}% {m.percentOnGpu === 0 ? "(CPU only)" : m.percentOnGpu < 100 ? "(partly on CPU: slow)" : ""}
                  </td>
                  <td className="px-3 py-2">{context(m.contextLength)}</td>
                  <td className="px-3 py-2">{m.expiresAt ? <UnloadsIn at={m.expiresAt} /> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}

/** "in 4 min" with the exact time on hover and for assistive tech; Ollama's far-future date for keep_alive -1 reads "never". */
function UnloadsIn({ at }: { at: string }) {
  const ms = msUntil(at);
  if (!Number.isFinite(ms)) return <>—</>;
  if (ms > 365 * 24 * 3600 * 1000) return <>never (kept loaded)</>;
  return (
    <time dateTime={at} title={new Date(at).toUTCString()}>
      {ms <= 0 ? "any moment now" : `in ${formatSpan(ms)}`}
    </time>
  );
}
