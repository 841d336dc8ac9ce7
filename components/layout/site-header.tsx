import Link from "next/link";
import { signOutAction } from "@/app/actions";
import { getCurrentUser } from "@/lib/auth/session";
import { buttonClasses } from "@/components/ui/button";
import { NavLink } from "@/components/layout/nav-link";
import { AuthLinks } from "@/components/layout/auth-links";
import { countFeedbackWaiting } from "@/lib/submissions/store";

export async function SiteHeader() {
  const user = await getCurrentUser();
  const feedbackWaiting = user ? await countFeedbackWaiting(user.id) : 0;
  return (
    <header className="border-b border-line bg-surface/90">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight text-ink no-underline">
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-accent text-sm font-bold text-on-accent">
            LL
          </span>
          Lesson Lab
        </Link>
        <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
          <ul className="flex flex-wrap items-center gap-1 text-sm">
            <li>
              <NavLink href="/">Lessons</NavLink>
            </li>
            {user ? (
              <>
                <li>
                  <NavLink href="/submissions" label={feedbackWaiting ? `Submissions, ${feedbackWaiting} with new feedback` : undefined}>
                    Submissions
                    {feedbackWaiting ? (
                      <span
                        aria-hidden="true"
                        className="ml-1.5 rounded-full bg-warning-soft px-1.5 text-xs font-semibold text-warning"
                        data-testid="feedback-badge"
                      >
                        {feedbackWaiting} new
                      </span>
                    ) : null}
                  </NavLink>
                </li>
                <li>
                  <NavLink href="/settings/models">Models</NavLink>
                </li>
                <li>
                  <NavLink href="/account">Account</NavLink>
                </li>
              </>
            ) : null}
            {user?.role === "INSTRUCTOR" ? (
              <li>
                <NavLink href="/instructor">Instructor</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm sm:ml-0">
          {user ? (
            <>
              <span className="hidden text-ink-muted sm:inline">
                Signed in as <span className="font-medium text-ink">{user.name ?? user.email}</span>
                {user.role === "INSTRUCTOR" ? " (instructor)" : null}
              </span>
              <form action={signOutAction}>
                <button type="submit" className={buttonClasses("secondary", "min-h-10 px-3")}>
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <AuthLinks />
          )}
        </div>
      </div>
    </header>
  );
}
