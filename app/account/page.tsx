import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/server/session";
import { countLiveSessions } from "@/lib/auth/data/sessions";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { listAuditFor, type AuditEntry } from "@/lib/auth/data/audit";
import { listNotices } from "@/lib/auth/data/notices";
import { listMyClasses } from "@/lib/classes/data/classes";
import type { MyClass } from "@/lib/classes/types";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { changePasswordAction, dismissNoticesAction, signOutEverywhereAction, updateNameAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  const [sessions, notices, activity, classes] = await Promise.all([
    countLiveSessions(user.id),
    listNotices(user.id),
    listAuditFor(user.id, 10),
    listMyClasses(user),
  ]);
  const unseen = notices.filter((n) => !n.seen);
  return (
    <div className="mx-auto max-w-2xl py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Account</h1>
      <p className="mt-2 text-ink-muted">
        Signed in as <span className="font-medium text-ink">{user.email}</span>
        {user.role === "INSTRUCTOR" ? " (instructor)" : ""}.
      </p>

      {unseen.length ? (
        <section aria-labelledby="notices-title" className="mt-8">
          <h2 id="notices-title" className="sr-only">
            Security notices
          </h2>
          <Notice tone="warning" title="Security notice">
            {unseen.map((n) => (
              <p key={n.id}>
                Somebody tried to create a new account with your email address
                {n.count > 1
                  ? ` ${n.count} times, last on ${formatDateTime(n.lastAt, env.TIME_ZONE)}`
                  : ` on ${formatDateTime(n.lastAt, env.TIME_ZONE)}`}
                . Nothing about your account changed and nobody signed in with it. If it was you, there is nothing to do; if not, make sure
                your password is one you use nowhere else.
              </p>
            ))}
            <form action={dismissNoticesAction} className="mt-3">
              <Button type="submit" variant="secondary">
                Got it
              </Button>
            </form>
          </Notice>
        </section>
      ) : null}

      <ClassesSection classes={classes} />

      <section aria-labelledby="name-title" className="mt-10 rounded-2xl border border-line bg-surface p-6">
        <h2 id="name-title" className="text-xl font-semibold">
          Your name
        </h2>
        <p className="mt-1 mb-4 text-sm text-ink-muted">Shown to you in the header and to your instructors with your work.</p>
        <CredentialsForm
          action={updateNameAction}
          submitLabel="Save name"
          pendingLabel="Saving…"
          successMessage="Saved."
          fields={[{ name: "name", label: "Name", type: "text", autoComplete: "name", defaultValue: user.name ?? "" }]}
        />
      </section>

      <section aria-labelledby="password-title" className="mt-8 rounded-2xl border border-line bg-surface p-6">
        <h2 id="password-title" className="text-xl font-semibold">
          Change password
        </h2>
        <p className="mt-1 mb-4 text-sm text-ink-muted">Your other devices are signed out when it changes; this one stays signed in.</p>
        <CredentialsForm
          action={changePasswordAction}
          submitLabel="Change password"
          pendingLabel="Changing…"
          successMessage="Password changed. Your other sessions have ended."
          resetOnSuccess
          fields={[
            { name: "current", label: "Current password", type: "password", autoComplete: "current-password" },
            {
              name: "next",
              label: "New password",
              type: "password",
              autoComplete: "new-password",
              hint: `At least ${PASSWORD_MIN_LENGTH} characters.`,
            },
          ]}
        />
      </section>

      <section aria-labelledby="sessions-title" className="mt-8 rounded-2xl border border-line bg-surface p-6">
        <h2 id="sessions-title" className="text-xl font-semibold">
          Sessions
        </h2>
        <p className="mt-1 text-sm text-ink-muted" data-testid="session-count">
          You are signed in on {sessions} {sessions === 1 ? "browser" : "browsers"}. Lost a device, or signed in on a shared computer? End
          every session at once; you will need your password to sign in again.
        </p>
        <form action={signOutEverywhereAction} className="mt-4">
          <Button type="submit" variant="secondary">
            Sign out everywhere
          </Button>
        </form>
      </section>

      {activity.length ? (
        <section aria-labelledby="activity-title" className="mt-8 rounded-2xl border border-line bg-surface p-6">
          <h2 id="activity-title" className="text-xl font-semibold">
            Password activity
          </h2>
          <ul className="mt-3 flex flex-col gap-2 text-sm" data-testid="account-activity">
            {activity.map((entry) => (
              <li key={entry.id}>
                <span className="text-ink-muted">{formatDateTime(entry.at, env.TIME_ZONE)}</span> · {describeActivity(entry, user.email)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function describeActivity(entry: AuditEntry, ownEmail: string): string {
  const by =
    entry.actor.kind === "operator"
      ? "the site's operator"
      : entry.actor.email === ownEmail
        ? "you"
        : (entry.actor.email ?? "an account since deleted");
  const whose = entry.target.email === ownEmail ? "your account" : (entry.target.email ?? "an account since deleted");
  switch (entry.action) {
    case "PASSWORD_RESET_ISSUED":
      return `A password reset link for ${whose} was created by ${by}.`;
    case "PASSWORD_RESET_USED":
      return `The password of ${whose} was set through a reset link; every session ended.`;
    case "PASSWORD_CHANGED":
      return `The password of ${whose} was changed on the account page.`;
  }
}

/** The classes the account is in, and the way to join another. */
function ClassesSection({ classes }: { classes: MyClass[] }) {
  return (
    <section aria-labelledby="classes-title" className="mt-10 rounded-2xl border border-line bg-surface p-6">
      <h2 id="classes-title" className="text-xl font-semibold">
        Your classes
      </h2>
      <p className="mt-1 text-sm text-ink-muted">
        {classes.length ? classes.map((c) => c.name).join(", ") : "None yet."} <Link href="/join">Join a class</Link> with a code from your
        instructor.
      </p>
    </section>
  );
}
