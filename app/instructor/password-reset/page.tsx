import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/server/session";
import { listIssuedResetLinks, RESET_LINK_HOURS } from "@/lib/auth/data/password-reset";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { ResetLinkForm } from "@/components/auth/reset-link-form";
import { ScrollTable } from "@/components/ui/scroll-table";

export const metadata: Metadata = { title: "Password reset links" };

const STATE_LABELS = { open: "Not used yet", used: "Used or replaced", expired: "Expired" } as const;

export default async function PasswordResetPage() {
  const user = await requireRole("INSTRUCTOR", "/instructor/password-reset");
  const issued = await listIssuedResetLinks(user.id);
  return (
    <div className="mx-auto max-w-2xl py-10">
      <p className="text-sm">
        <Link href="/instructor">← Instructor</Link>
      </p>
      <h1 className="mt-4 text-3xl font-semibold tracking-tight">Password reset links</h1>
      <p className="mt-2 mb-8 text-ink-muted">
        Lesson Lab sends no email. When a student forgets their password, create a one-time link here and give it to them. A link works
        once, for {RESET_LINK_HOURS} hours, and stops working as soon as the password changes by any route. Links are for student accounts:
        an instructor&apos;s password is reset by whoever runs the site, from its command line.
      </p>
      <ResetLinkForm />
      {issued.length ? (
        <section aria-labelledby="issued-title" className="mt-12 border-t border-line pt-8">
          <h2 id="issued-title" className="text-xl font-semibold">
            Links you created
          </h2>
          <ScrollTable labelledBy="issued-caption" className="mt-3">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <caption id="issued-caption" className="sr-only">
                Reset links you created, newest first
              </caption>
              <thead className="bg-sunken text-xs text-ink-muted">
                <tr>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    Account
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    Created
                  </th>
                  <th scope="col" className="px-4 py-2 font-semibold">
                    State
                  </th>
                </tr>
              </thead>
              <tbody>
                {issued.map((link) => (
                  <tr key={link.id} className="border-t border-line">
                    <th scope="row" className="px-4 py-2 font-medium break-all">
                      {link.email}
                    </th>
                    <td className="px-4 py-2">{formatDateTime(link.createdAt, env.TIME_ZONE)}</td>
                    <td className="px-4 py-2">
                      {STATE_LABELS[link.state]}
                      {link.state === "open" ? (
                        <span className="block text-xs text-ink-muted">until {formatDateTime(link.expiresAt, env.TIME_ZONE)}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      ) : null}
    </div>
  );
}
