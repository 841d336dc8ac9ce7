"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

const LINKS = [
  { href: "/instructor", label: "Class progress" },
  { href: "/instructor/classes", label: "Classes" },
  { href: "/instructor/submissions", label: "Review queue" },
  { href: "/instructor/quiz", label: "Quiz items" },
  { href: "/instructor/evidence", label: "What the class found" },
  { href: "/instructor/tutor", label: "What the class asks" },
  { href: "/instructor/exports", label: "Exports" },
  { href: "/instructor/password-reset", label: "Password reset links" },
] as const;

/** The instructor area's own navigation, on every instructor page. */
export function InstructorNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Instructor" className="mt-6">
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
  );
}
