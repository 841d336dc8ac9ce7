import { RosterSync } from "@/components/lti/roster-sync";
import { formatDateTime } from "@/lib/format";
import type { LinkedClass } from "@/lib/lti/types";

/**
 * "Rosters from course sites": each class taught that a course site's launches made or joined, with
 * "Sync roster", which brings the course's teachers and learners in before they open anything.
 * Nobody is removed or demoted by a sync.
 */
export function LinkedClasses({ classes, timeZone }: { classes: LinkedClass[]; timeZone: string }) {
  return (
    <section aria-labelledby="linked-classes" className="mt-12 border-t border-line pt-8">
      <h2 id="linked-classes" className="text-xl font-semibold">
        Rosters from course sites
      </h2>
      <p className="mt-2 text-ink-muted">
        A class made by a course site gets its people as they open Lesson Lab from it. Sync its roster to add everyone now; people who left
        the course stay in the class.
      </p>
      {classes.length === 0 ? (
        <p className="mt-3 text-ink-muted">None of your classes came from a course site yet.</p>
      ) : (
        <ul className="mt-4 flex flex-col gap-4">
          {classes.map((c) => (
            <li key={c.classId} className="rounded-xl border border-line bg-surface p-4" data-testid="linked-class">
              <h3 className="font-semibold">{c.className}</h3>
              <p className="mt-1 text-sm text-ink-muted">
                From {c.platforms.join(", ")}.{" "}
                {c.rosterSyncedAt ? `Roster last synced ${formatDateTime(c.rosterSyncedAt, timeZone)}.` : "Roster never synced."}
              </p>
              <div className="mt-3">
                {c.hasRoster ? (
                  <RosterSync classId={c.classId} className={c.className} />
                ) : (
                  <p className="text-sm text-ink-muted">
                    The course site has not offered its roster: turn on sharing names and roles for the tool in the LMS, then open an
                    activity from the course once.
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
