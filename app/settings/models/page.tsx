import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { requireUser } from "@/lib/auth/server/session";
import { hasRole } from "@/lib/auth/roles";
import { getModelFacts } from "@/lib/content/server/lessons";
import { env } from "@/lib/env";
import { Notice } from "@/components/ui/notice";
import { InstalledModels, LoadedModels } from "@/components/models/host-models";
import { PullForm } from "@/components/models/pull-form";
import { formatDateTime, formatSpan, plural } from "@/lib/format";
import { readHosts, type HostReport } from "./read-hosts";

export const metadata: Metadata = {
  title: "Models",
  description: "The Ollama hosts the lab uses: installed and loaded models, and pulls.",
};

/** getOllamaStatus ends its error with advice for a pool of one ("… or set OLLAMA_HOST."); a pool gets its own. */
const withoutAdvice = (error: string) => error.replace(/ Start it with .*$/, "");

/**
 * Students never see addresses: a host is "GPU host 2" to them. Not in the markup either: keys and
 * props travel in the page's payload, so they carry the host's number, never its URL.
 */
const hostLabel = (report: { number: number; url: string }, isInstructor: boolean) =>
  isInstructor ? `Host ${report.number}: ${report.url}` : `GPU host ${report.number}`;

export default async function ModelsPage({ searchParams }: PageProps<"/settings/models">) {
  const user = await requireUser("/settings/models");
  const isInstructor = hasRole(user, "INSTRUCTOR");
  const refresh = (await searchParams).refresh === "1";
  const hostCount = env.OLLAMA_HOSTS.length;
  return (
    <div className="py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Models</h1>
      <p className="mt-2 max-w-2xl text-ink-muted">
        {hostCount > 1
          ? `The lab runs models on the ${hostCount} Ollama hosts below, sending each model to a host that has it.`
          : "The lab runs models through the Ollama server below."}{" "}
        {isInstructor ? "Instructors can pull models here." : "Only instructors can pull models; you can see what is installed."}
      </p>
      {/* The shell goes out at once; the hosts may take a moment (or a timeout) to answer. */}
      <Suspense
        fallback={
          <p role="status" className="mt-8 text-ink-muted">
            {hostCount > 1
              ? `Asking the ${hostCount} Ollama hosts what they have installed and loaded…`
              : "Asking Ollama what it has installed and loaded…"}
          </p>
        }
      >
        <OllamaModels isInstructor={isInstructor} refresh={refresh} />
      </Suspense>
    </div>
  );
}

async function OllamaModels({ isInstructor, refresh }: { isInstructor: boolean; refresh: boolean }) {
  const hosts = await readHosts({ refresh });
  const facts = getModelFacts();
  const isPool = hosts.length > 1;
  const answering = hosts.filter((h) => h.status.reachable);
  const holders = (tag: string) => answering.filter((h) => h.catalogue.models.some((m) => m.name === tag)).length;

  return (
    <>
      {isPool ? (
        <PoolSummary hosts={hosts} isInstructor={isInstructor} />
      ) : hosts[0] ? (
        <>
          <HostCard report={hosts[0]} isInstructor={isInstructor} isPool={false} />
          {hosts[0].status.reachable ? (
            <>
              <InstalledModels catalogue={hosts[0].catalogue} idPrefix="" hostLabel={null} />
              <LoadedModels loaded={hosts[0].loaded} idPrefix="" hostLabel={null} />
            </>
          ) : null}
        </>
      ) : null}

      {isPool
        ? hosts.map((report) => {
            const label = hostLabel(report, isInstructor);
            const idPrefix = `host-${report.number}-`;
            return (
              <section
                key={report.number}
                id={`host-${report.number}`}
                aria-labelledby={`${idPrefix}title`}
                className="mt-10 border-t border-line pt-8"
              >
                <HostCard report={report} isInstructor={isInstructor} isPool />
                {report.status.reachable ? (
                  <>
                    <InstalledModels catalogue={report.catalogue} idPrefix={idPrefix} hostLabel={label} />
                    <LoadedModels loaded={report.loaded} idPrefix={idPrefix} hostLabel={label} />
                  </>
                ) : null}
              </section>
            );
          })
        : null}

      <section aria-labelledby="pairs-title" className="mt-10">
        <h2 id="pairs-title" className="text-xl font-semibold">
          Recommended lesson pairs
        </h2>
        <ul className="mt-3 grid gap-3 md:grid-cols-2">
          {facts.recommendedPairs.map((pair) => (
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
                        <span className={count >= answering.length ? "font-semibold text-success" : "font-semibold text-warning"}>
                          installed on {count} of {hosts.length} hosts
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

      {isInstructor && answering.length ? (
        <div className="mt-10">
          <PullForm
            suggestions={facts.models.map((m) => m.tag)}
            hosts={hosts.map((h) => ({ url: h.url, label: hostLabel(h, true), isAnswering: h.status.reachable }))}
          />
        </div>
      ) : null}
    </>
  );
}

/** With several hosts: how many answer, each host in a line that jumps to its section, one refresh for all. */
function PoolSummary({ hosts, isInstructor }: { hosts: HostReport[]; isInstructor: boolean }) {
  const answering = hosts.filter((h) => h.status.reachable).length;
  return (
    <div className="mt-8 rounded-2xl border border-line bg-surface p-5">
      <p className="text-lg font-semibold" data-testid="pool-summary">
        {hosts.length} hosts, {answering} answering
      </p>
      <ul className="mt-3 grid gap-1.5 text-sm">
        {hosts.map((h) => (
          <li key={h.number} className="flex flex-wrap gap-x-2">
            <a href={`#host-${h.number}`} className="[overflow-wrap:anywhere]">
              {hostLabel(h, isInstructor)}
            </a>
            <span className="text-ink-muted">
              {h.status.reachable ? (
                <>
                  <span className="font-semibold text-success">Reachable</span> · {h.catalogue.models.length}{" "}
                  {plural(h.catalogue.models.length, "model")} installed · {h.loaded.length} loaded
                </>
              ) : (
                <span className="font-semibold text-danger">Not reachable</span>
              )}
            </span>
          </li>
        ))}
      </ul>
      {answering === 0 && !isInstructor ? (
        <Notice tone="warning" className="mt-4" title="The lab's model servers are not answering">
          <p>The lab cannot run models until one is back. Tell your instructor; your lessons, quiz and earlier runs are all still here.</p>
        </Notice>
      ) : null}
      {answering ? (
        <p className="mt-4 text-sm">
          <Link href="/settings/models?refresh=1">Refresh the model list</Link>
        </p>
      ) : null}
    </div>
  );
}

/**
 * A host's address (instructors only), whether it answers now, its version, and what the pool's
 * health probes recorded when they marked it down. Alone it is the "Ollama host" card it always
 * was; in a pool its heading names the host and the enclosing section is labelled by it.
 */
function HostCard({ report, isInstructor, isPool }: { report: HostReport; isInstructor: boolean; isPool: boolean }) {
  const { status, state } = report;
  const titleId = isPool ? `host-${report.number}-title` : "host-title";
  const content = (
    <>
      {isPool ? (
        <h2 id={titleId} className="text-xl font-semibold [overflow-wrap:anywhere]">
          {isInstructor ? (
            <>
              Host {report.number}: <span className="font-mono text-lg">{report.url}</span>
            </>
          ) : (
            `GPU host ${report.number}`
          )}
        </h2>
      ) : (
        <h2 id={titleId} className="text-xl font-semibold">
          Ollama host
        </h2>
      )}
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {isInstructor && !isPool ? (
          <>
            <dt className="text-ink-muted">Address</dt>
            <dd className="font-mono [overflow-wrap:anywhere]">{report.url}</dd>
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
        ) : state.version ? (
          <>
            <dt className="text-ink-muted">Version</dt>
            <dd>{state.version} (when it last answered)</dd>
          </>
        ) : null}
        {!state.up ? (
          <>
            <dt className="text-ink-muted">Marked down</dt>
            <dd data-testid="marked-down">
              {state.downSince ? (
                <>
                  since <time dateTime={state.downSince.toISOString()}>{formatDateTime(state.downSince, env.TIME_ZONE)}</time> (
                  {formatSpan(report.downForMs ?? 0)} ago)
                </>
              ) : (
                "yes"
              )}
              {status.reachable ? "; it answers again, so the next health check brings it back" : null}
            </dd>
            {isInstructor && state.lastError ? (
              <>
                <dt className="text-ink-muted">Last error</dt>
                <dd className="[overflow-wrap:anywhere]">{isPool ? withoutAdvice(state.lastError) : state.lastError}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      {!status.reachable ? <DownNotice report={report} isInstructor={isInstructor} isPool={isPool} /> : null}
      {report.problem ? (
        <Notice tone="danger" className="mt-4">
          {report.problem}
        </Notice>
      ) : null}
      {status.reachable && !isPool ? (
        <p className="mt-4 text-sm">
          <Link href="/settings/models?refresh=1">Refresh the model list</Link>
        </p>
      ) : null}
    </>
  );
  return isPool ? (
    <div className="rounded-2xl border border-line bg-surface p-5">{content}</div>
  ) : (
    <section aria-labelledby={titleId} className="mt-8 rounded-2xl border border-line bg-surface p-5">
      {content}
    </section>
  );
}

function DownNotice({ report, isInstructor, isPool }: { report: HostReport; isInstructor: boolean; isPool: boolean }) {
  if (report.status.reachable) return null;
  if (!isInstructor) {
    return isPool ? (
      <Notice tone="warning" className="mt-4" title="This GPU host is not answering">
        <p>The lab runs models on the other hosts until it is back.</p>
      </Notice>
    ) : (
      <Notice tone="warning" className="mt-4" title="The lab's model server is not answering">
        <p>The lab cannot run models until it is back. Tell your instructor; your lessons, quiz and earlier runs are all still here.</p>
      </Notice>
    );
  }
  if (!isPool) {
    return (
      <Notice tone="warning" className="mt-4" title="Start Ollama to use the lab">
        <p>{report.status.error}</p>
        <p className="mt-1">
          On the machine that runs models: <code>ollama serve</code>. If it runs elsewhere, start Lesson Lab with{" "}
          <code>OLLAMA_HOST=http://that-machine:11434</code>.
        </p>
      </Notice>
    );
  }
  return (
    <Notice tone="warning" className="mt-4" title="Start Ollama on this host">
      {/* the health probes' last error is in the card already */}
      {report.state.lastError ? null : <p className="[overflow-wrap:anywhere]">{withoutAdvice(report.status.error)}</p>}
      <p className={report.state.lastError ? undefined : "mt-1"}>
        On that machine: <code>ollama serve</code>. Until it answers, the lab sends its models to the other hosts; to leave it out, remove
        it from <code>OLLAMA_HOSTS</code>.
      </p>
    </Notice>
  );
}
