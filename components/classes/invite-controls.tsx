"use client";

import { useSyncExternalStore } from "react";
import { renewInviteAction, revokeInvitesAction } from "@/app/instructor/classes/actions";
import { CopyButton } from "@/components/lesson/copy-button";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/hooks/use-action";
import { formatClassCode, joinPath } from "@/lib/classes/codes";

const noSubscription = () => () => {};

/** The join link as a person pastes it: this site's address in the browser (the path while the server renders). */
function useJoinLink(code: string): string {
  const path = joinPath(code);
  return useSyncExternalStore(
    noSubscription,
    () => `${window.location.origin}${path}`,
    () => path,
  );
}

function JoinCode({ classId, code, expires }: { classId: string; code: string; expires: string }) {
  const link = useJoinLink(code);
  const shown = formatClassCode(code);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          id={`join-code-${classId}`}
          label="Join code"
          value={shown}
          readOnly
          className="w-44"
          controlClassName="font-mono text-lg tracking-wider"
          data-testid="join-code"
        />
        <CopyButton text={shown} label="Copy code" />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          id={`join-link-${classId}`}
          label="Join link"
          value={link}
          readOnly
          className="min-w-0 flex-1 basis-80"
          controlClassName="font-mono text-xs"
          data-testid="join-link"
        />
        <CopyButton text={link} label="Copy link" />
      </div>
      <p className="text-sm text-ink-muted">Works until {expires}, for anyone with an account who has the code or the link.</p>
    </div>
  );
}

/** A class's join code and link with their copy buttons, and "New code" / "Revoke code". */
export function InviteControls({
  classId,
  classTitle,
  invite,
}: {
  classId: string;
  /** the class's name, for the buttons' accessible names */
  classTitle: string;
  invite: { code: string; expires: string } | null;
}) {
  const renew = useAction(renewInviteAction);
  const revoke = useAction(revokeInvitesAction);
  const failure = renew.failure ?? revoke.failure;
  const busy = renew.isPending || revoke.isPending;
  return (
    <div className="flex flex-col gap-4">
      {invite ? (
        <JoinCode classId={classId} code={invite.code} expires={invite.expires} />
      ) : (
        <p className="text-sm text-ink-muted">No join code works now: students cannot join until you make a new one.</p>
      )}
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" disabled={busy} onClick={() => void renew.run(classId)} aria-label={`New code for ${classTitle}`}>
          New code
        </Button>
        {invite ? (
          <Button variant="ghost" disabled={busy} onClick={() => void revoke.run(classId)} aria-label={`Revoke code for ${classTitle}`}>
            Revoke code
          </Button>
        ) : null}
      </div>
      <div aria-live="polite">{failure ? <Notice tone="danger">{failure.message}</Notice> : null}</div>
    </div>
  );
}
