"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";
import type { ClassOption } from "@/lib/classes/types";
import { ClassPicker } from "@/components/instructor/class-picker";

const LINKS = [
  { href: "/instructor", label: "Class progress" },
  { href: "/instructor/classes", label: "Classes" },
  { href: "/instructor/submissions", label: "Review queue" },
  { href: "/instructor/quiz", label: "Quiz items" },
  { href: "/instructor/evidence", label: "What the class found" },
  { href: "/instructor/tutor", label: "What the class asks" },
  { href: "/instructor/exports", label: "Exports" },
  { href: "/instructor/password-reset", label: "Password reset links" },
  { href: "/instructor/lms", label: "Course sites" },
] as const;

/**
 * The instructor area's own navigation, on every instructor page; with `classes`, the "Class" picker
 * beside it (the pages whose lists it changes, and the by-id pages so it stays in sight).
 */
export function InstructorNav({ classes, selected = null }: { classes?: ClassOption[]; selected?: string | null }) {
  const pathname = usePathname();
  return (
    <div className="mt-6 flex flex-col gap-4">
      <nav aria-label="Instructor">
        {/* Wraps onto a second line on a phone rather than scrolling sideways out of sight. */}
        <ul className="flex flex-wrap gap-1 text-sm">
          {LINKS.map((link) => {
            const isActive =
              link.href === "/instructor"
                ? pathname === "/instructor" || pathname.startsWith("/instructor/students")
                : pathname.startsWith(link.href);
            return (
              <li key={link.href}>
                <Link
                  href={link.href}
                  aria-current={isActive ? "page" : undefined}
                  className={cn(
                    "inline-flex min-h-10 items-center rounded-md border border-transparent px-3 text-ink no-underline hover:bg-sunken",
                    isActive && "border-line bg-surface font-semibold",
                  )}
                >
                  {link.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {classes === undefined ? null : classes.length === 0 ? (
        <p className="text-sm text-ink-muted">
          You teach no class yet: create one on <Link href="/instructor/classes">Classes</Link>, then share its join code.
        </p>
      ) : (
        <ClassPicker classes={classes} selected={selected} />
      )}
    </div>
  );
}
