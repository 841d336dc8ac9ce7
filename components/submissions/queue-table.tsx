import Link from "next/link";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { isStaleClaim, timeAgo } from "@/lib/submissions/claim-age";
import type { QueueRow } from "@/lib/submissions/data/review";
import { anonymousName } from "@/lib/submissions/server/preferences";
import { StateBadge } from "@/components/submissions/state-badge";
import { ScrollTable } from "@/components/ui/scroll-table";
import { cn } from "@/lib/utils/cn";

/** One page of the review queue: who, which models, when submitted, and the state with who has claimed it and since when. */
export function QueueTable({
  rows,
  caption,
  instructorId,
  hideNames,
}: {
  rows: QueueRow[];
  caption: string;
  instructorId: string;
  hideNames: boolean;
}) {
  const now = new Date();
  return (
    <ScrollTable labelledBy="queue-caption" className="mt-6">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption id="queue-caption" className="sr-only">
          {caption}
        </caption>
        <thead className="bg-sunken text-xs text-ink-muted">
          <tr>
            <th scope="col" className="px-4 py-2 font-semibold">
              Student (open to review)
            </th>
            <th scope="col" className="px-4 py-2 font-semibold">
              Models
            </th>
            <th scope="col" className="px-4 py-2 font-semibold">
              Submitted
            </th>
            <th scope="col" className="px-4 py-2 font-semibold">
              State
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const name = hideNames ? anonymousName(row.id) : (row.student.name ?? row.student.email);
            // A claim a day old or more stands out: a review is a sitting's work, so it was likely forgotten.
            const isStale = row.claimedAt !== null && isStaleClaim(row.claimedAt, now);
            return (
              <tr key={row.id} className="border-t border-line">
                <th scope="row" className="px-4 py-2 font-medium">
                  <Link href={`/instructor/submissions/${row.id}`}>{name}</Link>
                  {row.version > 1 ? <span className="block text-xs font-normal text-ink-muted">version {row.version}</span> : null}
                </th>
                <td className="px-4 py-2 font-mono text-xs">
                  {row.textModel ?? "—"} vs {row.visionModel ?? "—"}
                </td>
                <td className="px-4 py-2">{row.submittedAt ? formatDateTime(row.submittedAt, env.TIME_ZONE) : "—"}</td>
                <td className="px-4 py-2">
                  <StateBadge state={row.state} />
                  {row.claimedBy ? (
                    <span
                      className={cn("block text-xs", isStale ? "font-semibold text-warning" : "text-ink-muted")}
                      data-testid="claim-age"
                    >
                      {row.claimedBy.id === instructorId ? "claimed by you" : `claimed by ${row.claimedBy.name ?? row.claimedBy.email}`}
                      {row.claimedAt ? ` ${timeAgo(row.claimedAt, now)}` : null}
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
}
