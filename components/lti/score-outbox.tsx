import { StatCards } from "@/components/ui/stat-cards";
import { RetryScore } from "@/components/lti/retry-score";
import { ScrollTable } from "@/components/ui/scroll-table";
import { formatDateTime, formatNumber } from "@/lib/format";
import type { ScoreOutboxView, WaitingScore } from "@/lib/lti/types";

export const OUTBOX_HEADING_ID = "grades-to-course-sites";

const COLUMNS = ["Student", "Item", "Score", "Attempts", "Next try", "Last status", "What the course site said", ""] as const;

const score = (n: number) => formatNumber(n, Number.isInteger(n) ? 0 : 1);

function lastStatusOf(row: WaitingScore): string {
  if (row.lastStatus !== null) return String(row.lastStatus);
  return row.attempts > 0 ? "no answer" : "not tried yet";
}

/**
 * "Grades to course sites": how many scores of the classes taught are waiting, sent, replaced by a
 * newer one or failed, and each one not sent yet with what went wrong, until it lands. A failed one
 * waits for "Retry now"; a waiting one is tried again on its own.
 */
export function ScoreOutbox({ view, timeZone }: { view: ScoreOutboxView; timeZone: string }) {
  const { counts, waiting } = view;
  const cards: [string, number][] = [
    ["Waiting to be sent", counts.PENDING],
    ["Failed", counts.FAILED],
    ["Sent (last 30 days)", counts.SENT],
    ["Replaced by a newer score", counts.SUPERSEDED],
  ];
  return (
    <section aria-labelledby={OUTBOX_HEADING_ID} className="mt-12 border-t border-line pt-8">
      <h2 id={OUTBOX_HEADING_ID} tabIndex={-1} className="text-xl font-semibold">
        Grades to course sites
      </h2>
      <p className="mt-2 text-ink-muted">
        Quiz scores and completed write-up reviews of your classes go to the course site&apos;s gradebook when the activity was opened from
        it. A score that could not be sent is tried again after a minute, then less and less often for a week; one the course site refused
        waits here for you.
      </p>
      <StatCards cards={cards} className="mt-4 sm:grid-cols-4" testId="outbox-counts" />
      {waiting.length === 0 ? (
        <p className="mt-4 text-ink-muted">Every score has reached its course site.</p>
      ) : (
        <ScrollTable labelledBy="outbox-caption" className="mt-4 bg-surface">
          <table className="w-full min-w-[60rem] text-left text-sm">
            <caption id="outbox-caption" className="sr-only">
              Scores not yet in their course site&apos;s gradebook: student, item, score, attempts, next try, last status and what the
              course site said
            </caption>
            <thead className="bg-sunken text-xs text-ink-muted">
              <tr>
                {COLUMNS.map((column, i) => (
                  <th key={column || i} scope="col" className="px-3 py-2 font-semibold">
                    {column || <span className="sr-only">Action</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {waiting.map((row) => (
                <tr key={row.id} className="border-t border-line align-top" data-testid="outbox-row">
                  <td className="px-3 py-3 font-semibold">{row.student}</td>
                  <td className="px-3 py-3">
                    {row.item}
                    <span className="block text-xs text-ink-muted">{row.className}</span>
                  </td>
                  <td className="px-3 py-3 tabular-nums">
                    {score(row.scoreGiven)}/{score(row.scoreMaximum)}
                  </td>
                  <td className="px-3 py-3 tabular-nums">{row.attempts}</td>
                  <td className="px-3 py-3">{row.nextAttemptAt ? formatDateTime(row.nextAttemptAt, timeZone) : "Failed: waits for you"}</td>
                  <td className="px-3 py-3 tabular-nums">{lastStatusOf(row)}</td>
                  <td className="max-w-80 px-3 py-3 text-xs break-words">{row.lastError ?? "—"}</td>
                  <td className="px-3 py-3">
                    {row.state === "FAILED" ? (
                      <RetryScore id={row.id} who={`${row.student}, ${row.item}`} headingId={OUTBOX_HEADING_ID} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {view.more > 0 ? <p className="mt-2 text-sm text-ink-muted">And {view.more} more waiting, shown as these are sent.</p> : null}
    </section>
  );
}
