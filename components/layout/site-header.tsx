import Link from "next/link";
import { signOutAction } from "@/app/actions";
import { getCurrentUser } from "@/lib/auth/server/session";
import { buttonClasses } from "@/components/ui/button";
import { NavLink } from "@/components/layout/nav-link";
import { AuthLinks } from "@/components/layout/auth-links";
import { HeaderMenu } from "@/components/layout/header-menu";
import { ThemeSelect } from "@/components/layout/theme-select";
import { listTracks } from "@/lib/content/server/lessons";
import { stepHref } from "@/lib/content/path";
import { countFeedbackWaiting } from "@/lib/submissions/data/store";
import { countUnseenNotices } from "@/lib/auth/data/notices";

export async function SiteHeader() {
  const user = await getCurrentUser();
  const [feedbackWaiting, notices] = user ? await Promise.all([countFeedbackWaiting(user.id), countUnseenNotices(user.id)]) : [0, 0];
  // "Lab" opens the first lesson that has one (the flagship).
  const labLesson = listTracks()
    .flatMap((t) => t.lessons)
    .find((l) => l.lab);
  // The closed phone menu still says what waits inside it: the same words as the links' badges.
  const menuBadges = [
    ...(feedbackWaiting ? [`${feedbackWaiting} new`] : []),
    ...(notices ? [`${notices} notice${notices === 1 ? "" : "s"}`] : []),
  ];
  return (
    <header className="border-b border-line bg-surface/90">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:flex-nowrap sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight text-ink no-underline">
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-accent text-sm font-bold text-on-accent">
            LL
          </span>
          Lesson Lab
        </Link>
        <HeaderMenu badges={menuBadges}>
          <nav aria-label="Main" className="sm:flex-1">
            <ul className="flex flex-col gap-1 text-sm sm:flex-row sm:flex-wrap sm:items-center">
              <li>
                <NavLink href="/">Lessons</NavLink>
              </li>
              {user ? (
                <>
                  {labLesson ? (
                    <li>
                      <NavLink href={stepHref(labLesson.slug, { kind: "lab", id: "lab" })}>Lab</NavLink>
                    </li>
                  ) : null}
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
                    <NavLink href="/account" label={notices ? `Account, ${notices} security notice${notices === 1 ? "" : "s"}` : undefined}>
                      Account
                      {notices ? (
                        <span
                          aria-hidden="true"
                          className="ml-1.5 rounded-full bg-warning-soft px-1.5 text-xs font-semibold text-warning"
                          data-testid="notice-badge"
                        >
                          {notices} notice{notices === 1 ? "" : "s"}
                        </span>
                      ) : null}
                    </NavLink>
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
          <div className="flex flex-wrap items-center gap-3 text-sm">
            {user ? (
              <>
                {/* The words "Signed in as" only where the header has room: with the theme control beside
                    them they wrapped the nav at 1366 px; screen readers always hear them. */}
                <span className="max-w-[16rem] truncate text-ink-muted" title={user.name ?? user.email}>
                  <span className="sm:sr-only 2xl:not-sr-only">Signed in as </span>
                  <span className="font-medium text-ink">{user.name ?? user.email}</span>
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
            <ThemeSelect />
          </div>
        </HeaderMenu>
      </div>
    </header>
  );
}
