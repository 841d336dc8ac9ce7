import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { countLiveSessions } from "@/lib/auth/sessions";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { Button } from "@/components/ui/button";
import { changePasswordAction, signOutEverywhereAction, updateNameAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  const sessions = await countLiveSessions(user.id);
  return (
    <div className="mx-auto max-w-2xl py-10">
      <h1 className="text-3xl font-semibold tracking-tight">Account</h1>
      <p className="mt-2 text-ink-muted">
        Signed in as <span className="font-medium text-ink">{user.email}</span>
        {user.role === "INSTRUCTOR" ? " (instructor)" : ""}.
      </p>

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
    </div>
  );
}
