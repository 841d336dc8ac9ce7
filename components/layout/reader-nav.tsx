"use client";

import { NavLink } from "@/components/layout/nav-link";
import { useReader } from "@/components/progress/progress-provider";
import type { SignedInReaderPage } from "@/lib/reader/types";

// The header's parts that are the reader's own, from /api/me/page (the header itself is the same
// HTML for everyone; CSS shows its member or guest variant from `<html data-reader>`).

const badgeClass = "ml-1.5 rounded-full bg-warning-soft px-1.5 text-xs font-semibold text-warning";

function useHeaderCounts(): SignedInReaderPage["header"] {
  const { me } = useReader();
  return me?.header ?? { feedbackWaiting: 0, notices: 0 };
}

/** "1 new", "2 notices": what the closed phone menu says waits inside it. */
export function useMenuBadges(): string[] {
  const { feedbackWaiting, notices } = useHeaderCounts();
  return [...(feedbackWaiting ? [`${feedbackWaiting} new`] : []), ...(notices ? [`${notices} notice${notices === 1 ? "" : "s"}`] : [])];
}

export function SubmissionsNavLink() {
  const { feedbackWaiting } = useHeaderCounts();
  return (
    <NavLink href="/submissions" label={feedbackWaiting ? `Submissions, ${feedbackWaiting} with new feedback` : undefined}>
      Submissions
      {feedbackWaiting ? (
        <span aria-hidden="true" className={badgeClass} data-testid="feedback-badge">
          {feedbackWaiting} new
        </span>
      ) : null}
    </NavLink>
  );
}

export function AccountNavLink() {
  const { notices } = useHeaderCounts();
  return (
    <NavLink href="/account" label={notices ? `Account, ${notices} security notice${notices === 1 ? "" : "s"}` : undefined}>
      Account
      {notices ? (
        <span aria-hidden="true" className={badgeClass} data-testid="notice-badge">
          {notices} notice{notices === 1 ? "" : "s"}
        </span>
      ) : null}
    </NavLink>
  );
}

/** Last in the list, so adding it moves no other link. */
export function InstructorNavItem() {
  const { me } = useReader();
  if (me?.user.role !== "INSTRUCTOR") return null;
  return (
    <li>
      <NavLink href="/instructor">Instructor</NavLink>
    </li>
  );
}

/** "Signed in as NAME (instructor)": the words only where the header has room, screen readers always hear them. */
export function ReaderName() {
  const { me } = useReader();
  const name = me?.user.display ?? "";
  return (
    // A fixed box: the name arriving moves nothing beside it.
    <span className="inline-block w-32 truncate text-right text-ink-muted md:w-40 2xl:w-64" title={name || undefined}>
      <span className="sm:sr-only 2xl:not-sr-only">Signed in as </span>
      <span className="font-medium text-ink" data-testid="reader-name">
        {name}
      </span>
      {me?.user.role === "INSTRUCTOR" ? " (instructor)" : null}
    </span>
  );
}
