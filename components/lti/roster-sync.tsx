"use client";

import { useState } from "react";
import { syncRosterAction } from "@/app/instructor/lms/actions";
import { buttonClasses } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/hooks/use-action";
import type { RosterSyncResult } from "@/lib/lti/types";

/** "N added, M already here, K inactive", and what was left out when anything was. */
function rosterSummary(r: RosterSyncResult): string {
  const base = `${r.added} added, ${r.alreadyHere} already here, ${r.inactive} inactive`;
  return r.skipped ? `${base}, ${r.skipped} not a teacher or learner (left out)` : base;
}

/** "Sync roster for <class>": the course site's members into the class now; the outcome in a status region. */
export function RosterSync({ classId, className }: { classId: string; className: string }) {
  const sync = useAction(syncRosterAction, { kept: "nobody was removed" });
  const [done, setDone] = useState<RosterSyncResult | null>(null);
  async function run() {
    setDone(null);
    const result = await sync.run(classId);
    if (result.ok) setDone(result.value);
  }
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        className={buttonClasses("secondary", "self-start")}
        aria-label={`Sync roster for ${className}`}
        disabled={sync.isPending}
        onClick={() => void run()}
      >
        {sync.isPending ? "Syncing…" : "Sync roster"}
      </button>
      <div role="status" aria-live="polite" className="text-sm">
        {done ? <p>{rosterSummary(done)}</p> : null}
        {sync.failure ? <Notice tone="danger">{sync.failure.message}</Notice> : null}
      </div>
    </div>
  );
}
