import Link from "next/link";
import { NavLink } from "@/components/layout/nav-link";
import { AuthLinks } from "@/components/layout/auth-links";
import { HeaderMenu } from "@/components/layout/header-menu";
import { ThemeSelect } from "@/components/layout/theme-select";
import { listTracks } from "@/lib/content/server/lessons";
import { stepHref } from "@/lib/content/path";
import { AccountNavLink, InstructorNavItem, ReaderName, SubmissionsNavLink } from "@/components/layout/reader-nav";
import { SignOutForm } from "@/components/layout/sign-out-form";

/**
 * The same HTML for every reader (it never reads the session): the member's links and the
 * guest's sign-in links are both here, and CSS shows one of them from `<html data-reader>`; the
 * reader's name and badges fill in from /api/me/page.
 */
export function SiteHeader() {
  // "Lab" opens the first lesson that has one (the flagship).
  const labLesson = listTracks()
    .flatMap((t) => t.lessons)
    .find((l) => l.lab);
  return (
    <header className="border-b border-line bg-surface/90">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:flex-nowrap sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight text-ink no-underline">
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-accent text-sm font-bold text-on-accent">
            LL
          </span>
          Lesson Lab
        </Link>
        <HeaderMenu>
          <nav aria-label="Main" className="sm:flex-1">
            <ul className="flex flex-col gap-1 text-sm sm:flex-row sm:flex-wrap sm:items-center">
              <li>
                <NavLink href="/">Lessons</NavLink>
              </li>
              {labLesson ? (
                <li className="reader-member">
                  <NavLink href={stepHref(labLesson.slug, { kind: "lab", id: "lab" })}>Lab</NavLink>
                </li>
              ) : null}
              <li className="reader-member">
                <SubmissionsNavLink />
              </li>
              <li className="reader-member">
                <NavLink href="/settings/models">Models</NavLink>
              </li>
              <li className="reader-member">
                <AccountNavLink />
              </li>
              <InstructorNavItem />
            </ul>
          </nav>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className="reader-member contents">
              <ReaderName />
              <SignOutForm />
            </span>
            <span className="reader-guest contents">
              <AuthLinks />
            </span>
            <ThemeSelect />
          </div>
        </HeaderMenu>
      </div>
    </header>
  );
}
