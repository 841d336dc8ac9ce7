import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/server/session";
import { currentScope } from "@/lib/classes/server/class-choice";
import { hidesStudentNames } from "@/lib/submissions/server/preferences";
import { listReviewQueue, QUEUE_FILTERS, QUEUE_PAGE_SIZE, type QueueFilter } from "@/lib/submissions/data/review";
import { STATE_LABELS } from "@/lib/submissions/schemas";
import { InstructorNav } from "@/components/instructor/instructor-nav";
import { ReleaseMyClaims } from "@/components/submissions/release-my-claims";
import { QueueTable } from "@/components/submissions/queue-table";
import { HideNamesToggle } from "@/components/submissions/hide-names-toggle";
import { cn } from "@/lib/utils/cn";

export const metadata: Metadata = { title: "Review queue" };

const FILTER_LABELS: Record<QueueFilter, string> = {
  waiting: "Waiting",
  SUBMITTED: STATE_LABELS.SUBMITTED,
  IN_REVIEW: STATE_LABELS.IN_REVIEW,
  RETURNED: STATE_LABELS.RETURNED,
  COMPLETED: STATE_LABELS.COMPLETED,
  all: "All",
};

export default async function ReviewQueuePage({ searchParams }: PageProps<"/instructor/submissions">) {
  const instructor = await requireRole("INSTRUCTOR", "/instructor/submissions");
  const scope = await currentScope(instructor);
  const params = await searchParams;
  const filter: QueueFilter = QUEUE_FILTERS.find((f) => f === params.state) ?? "waiting";
  const requestedPage = Number(typeof params.page === "string" ? params.page : 1);
  const [{ rows, counts, total, page, pageCount, myClaims }, hideNames] = await Promise.all([
    listReviewQueue(scope, filter, { page: requestedPage }),
    hidesStudentNames(),
  ]);
  const pageHref = (n: number) => {
    const query = new URLSearchParams();
    if (filter !== "waiting") query.set("state", filter);
    if (n > 1) query.set("page", String(n));
    const text = query.toString();
    return `/instructor/submissions${text ? `?${text}` : ""}`;
  };
  const first = (page - 1) * QUEUE_PAGE_SIZE + 1;
  const countOf = (f: QueueFilter) =>
    f === "waiting" ? counts.SUBMITTED + counts.IN_REVIEW : f === "all" ? Object.values(counts).reduce((a, b) => a + b, 0) : counts[f];
  return (
    <div className="py-10">
      <InstructorNav classes={scope.classes} selected={scope.selectedId} />
      <div className="mt-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Review queue</h1>
          <p className="mt-2 max-w-2xl text-ink-muted">
            Lab write-ups, oldest submission first. Claim one to review it, so no one else grades it at the same time.
          </p>
        </div>
        <div className="flex flex-col items-start gap-2">
          <HideNamesToggle hidden={hideNames} />
          <ReleaseMyClaims count={myClaims} />
        </div>
      </div>
      <nav aria-label="Filter by state" className="mt-6">
        <ul className="flex flex-wrap gap-2 text-sm">
          {QUEUE_FILTERS.map((f) => (
            <li key={f}>
              <Link
                href={f === "waiting" ? "/instructor/submissions" : `/instructor/submissions?state=${f}`}
                aria-current={f === filter ? "page" : undefined}
                className={cn(
                  "inline-flex min-h-10 items-center gap-2 rounded-full border px-3 no-underline",
                  f === filter ? "border-accent bg-accent-soft font-semibold text-ink" : "border-line text-ink hover:bg-sunken",
                )}
              >
                {FILTER_LABELS[f]} <span className="rounded-full bg-surface px-1.5 text-xs">{countOf(f)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p className="mt-8 text-ink-muted">{filter === "waiting" ? "Nothing is waiting for review." : "No submissions in this state."}</p>
      ) : (
        <QueueTable
          rows={rows}
          caption={`${FILTER_LABELS[filter]} submissions, oldest first${pageCount > 1 ? `, page ${page} of ${pageCount}` : ""}`}
          instructorId={instructor.id}
          hideNames={hideNames}
        />
      )}
      {pageCount > 1 ? (
        <nav aria-label="Pages of the queue" className="mt-4 flex flex-wrap items-center gap-3 text-sm">
          <p className="text-ink-muted">{`${first}–${first + rows.length - 1} of ${total}`}</p>
          {page > 1 ? <Link href={pageHref(page - 1)}>← Previous {QUEUE_PAGE_SIZE}</Link> : null}
          {page < pageCount ? (
            <Link href={pageHref(page + 1)}>Next {Math.min(QUEUE_PAGE_SIZE, total - page * QUEUE_PAGE_SIZE)} →</Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
