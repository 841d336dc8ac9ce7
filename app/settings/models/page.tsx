import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { requireUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/roles";
import { getModelFacts, isNonCommercialTag } from "@/lib/content/lessons";
import { getModelCatalogue, listLoadedModels, type ModelCatalogue } from "@/lib/ollama/catalogue";
import type { LoadedModel } from "@/lib/ollama/metrics";
import { getOllamaStatus } from "@/lib/ollama/client";
import { OllamaError } from "@/lib/ollama/errors";
import { Notice } from "@/components/ui/notice";
import { PullForm } from "@/components/models/pull-form";
import { TableHead } from "@/components/ui/table-head";
import { ScrollTable } from "@/components/ui/scroll-table";
import { formatBytes, formatSpan, msUntil } from "@/lib/format";

export const metadata: Metadata = { title: "Models", description: "The Ollama host the lab uses: installed and loaded models, and pulls." };

// Model cards write 131072 and 262144 (powers of two) as 128K and 256K, and 128000 as 128K too.
const isPowerOfTwo = (n: number) => Number.isInteger(Math.log2(n));
const context = (n: number | null) =>
  n === null ? "unknown" : n < 1000 ? String(n) : `${Math.round(isPowerOfTwo(n) ? n / 1024 : n / 1000)}K`;

export default async function ModelsPage({ searchParams }: PageProps<"/settings/models">) {
  const user = await requireUser("/settings/models");
  const isInstructor = hasRole(user, "INSTRUCTOR");
  const refresh = (await searchParams).refresh === "1";
  return (
    <div className="py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Models</h1>
      <p className="mt-2 max-w-2xl text-ink-muted">
        The lab runs models through the Ollama server below.{" "}
        {isInstructor ? "Instructors can pull models here." : "Only instructors can pull models; you can see what is installed."}
      </p>
      {/* The shell goes out at once; Ollama may take a moment (or a timeout) to answer. */}
      <Suspense
        fallback={
          <p role="status" className="mt-8 text-ink-muted">
            Asking Ollama what it has installed and loaded…
          </p>
        }
      >
        <OllamaModels isInstructor={isInstructor} refresh={refresh} />
      </Suspense>
    </div>
  );
}

async function OllamaModels({ isInstructor, refresh }: { isInstructor: boolean; refresh: boolean }) {
  const status = await getOllamaStatus();
  let catalogue: ModelCatalogue = { models: [], unavailable: [], cloud: [] };
  let loaded: LoadedModel[] = [];
  let problem: string | null = null;
  if (status.reachable) {
    try {
      [catalogue, loaded] = await Promise.all([getModelCatalogue({ refresh }), listLoadedModels()]);
    } catch (error) {
      if (!(error instanceof OllamaError)) throw error;
      problem = error.message;
    }
  }
  const installed = catalogue.models;
  const facts = getModelFacts();
  const isInstalled = (tag: string) => installed.some((m) => m.name === tag);

  return (
    <>
      <section aria-labelledby="host-title" className="mt-8 rounded-2xl border border-line bg-surface p-5">
        <h2 id="host-title" className="text-xl font-semibold">
          Ollama host
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          {isInstructor ? (
            <>
              <dt className="text-ink-muted">Address</dt>
              <dd className="font-mono">{status.host}</dd>
            </>
          ) : null}
          <dt className="text-ink-muted">Status</dt>
          <dd data-testid="ollama-status">
            {status.reachable ? (
              <span className="font-semibold text-success">Reachable</span>
            ) : (
              <span className="font-semibold text-danger">Not reachable</span>
            )}
          </dd>
          {status.reachable ? (
            <>
              <dt className="text-ink-muted">Version</dt>
              <dd>{status.version}</dd>
            </>
          ) : null}
        </dl>
        {!status.reachable ? (
          isInstructor ? (
            <Notice tone="warning" className="mt-4" title="Start Ollama to use the lab">
              <p>{status.error}</p>
              <p className="mt-1">
                On the machine that runs models: <code>ollama serve</code>. If it runs elsewhere, start Lesson Lab with{" "}
                <code>OLLAMA_HOST=http://that-machine:11434</code>.
              </p>
            </Notice>
          ) : (
            <Notice tone="warning" className="mt-4" title="The lab's model server is not answering">
              <p>
                The lab cannot run models until it is back. Tell your instructor; your lessons, quiz and earlier runs are all still here.
              </p>
            </Notice>
          )
        ) : null}
        {problem ? (
          <Notice tone="danger" className="mt-4">
            {problem}
          </Notice>
        ) : null}
        {status.reachable ? (
          <p className="mt-4 text-sm">
            <Link href="/settings/models?refresh=1">Refresh the model list</Link>
          </p>
        ) : null}
      </section>

      {status.reachable ? (
        <>
          <section aria-labelledby="installed-title" className="mt-10">
            <h2 id="installed-title" className="text-xl font-semibold">
              Installed models
            </h2>
            {installed.length === 0 ? (
              <p className="mt-2 text-ink-muted">No models yet. Pull one of the recommended pairs below.</p>
            ) : (
              <ScrollTable label="Table of installed models" className="mt-3 mb-0">
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

          <section aria-labelledby="loaded-title" className="mt-10">
            <h2 id="loaded-title" className="text-xl font-semibold">
              Loaded now
            </h2>
            {loaded.length === 0 ? (
              <p className="mt-2 text-ink-muted">No model is in memory. The first request to a model loads it (a cold start).</p>
            ) : (
              <ScrollTable label="Table of models loaded now" className="mt-3 mb-0">
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
        </>
      ) : null}

      <section aria-labelledby="pairs-title" className="mt-10">
        <h2 id="pairs-title" className="text-xl font-semibold">
          Recommended lesson pairs
        </h2>
        <ul className="mt-3 grid gap-3 md:grid-cols-2">
          {facts.recommendedPairs.map((pair) => (
            <li key={`${pair.text}-${pair.vision}`} className="rounded-xl border border-line bg-surface p-4" data-testid="pair">
              <p className="font-mono font-medium">
                {pair.text} + {pair.vision}
              </p>
              <p className="mt-1 text-sm text-ink-muted">{pair.why}</p>
              <ul className="mt-2 text-sm">
                {[pair.text, pair.vision].map((tag) => (
                  <li key={tag}>
                    <span className="font-mono">{tag}</span>:{" "}
                    {status.reachable && isInstalled(tag) ? (
                      <span className="font-semibold text-success">installed</span>
                    ) : (
                      <span>
                        not installed · <code>ollama pull {tag}</code>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>

      {isInstructor && status.reachable ? (
        <div className="mt-10">
          <PullForm suggestions={facts.models.map((m) => m.tag)} />
        </div>
      ) : null}
    </>
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
