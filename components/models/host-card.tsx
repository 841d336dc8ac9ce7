import Link from "next/link";
import type { HostReport } from "@/app/settings/models/read-hosts";
import { Notice } from "@/components/ui/notice";
import { withoutAdvice } from "@/components/models/host-label";
import { env } from "@/lib/env";
import { formatDateTime, formatSpan } from "@/lib/format";

/**
 * A host's address (instructors only), whether it answers now, its version, and what the pool's
 * health probes recorded when they marked it down. Alone it is the "Ollama host" card it always
 * was; in a pool its heading names the host and the enclosing section is labelled by it.
 */
export function HostCard({ report, isInstructor, isPool }: { report: HostReport; isInstructor: boolean; isPool: boolean }) {
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
