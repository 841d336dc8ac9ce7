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
import { PullProvider } from "@/components/models/pull-context";
import { HostCard } from "@/components/models/host-card";
import { hostLabel } from "@/components/models/host-label";
import { RecommendedPairs } from "@/components/models/recommended-pairs";
import { plural } from "@/lib/format";
import { readHosts, type HostReport } from "./read-hosts";

export const metadata: Metadata = {
  title: "Models",
  description: "The Ollama hosts the lab uses: installed and loaded models, and pulls.",
};

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
  // Pull controls (and the hosts' addresses they need) only for instructors; the route checks again.
  const canPull = isInstructor && answering.length > 0;

  const page = (
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

      <RecommendedPairs
        pairs={facts.recommendedPairs}
        holders={holders}
        answering={answering.length}
        hostCount={hosts.length}
        canPull={canPull}
      />

      {canPull ? (
        <div className="mt-10">
          <PullForm suggestions={facts.models.map((m) => m.tag)} />
        </div>
      ) : null}
    </>
  );
  if (!canPull) return page;
  return (
    <PullProvider hosts={hosts.map((h) => ({ url: h.url, label: hostLabel(h, true), isAnswering: h.status.reachable }))}>
      {page}
    </PullProvider>
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
