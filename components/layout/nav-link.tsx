"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export function NavLink({ href, children, label }: { href: string; children: ReactNode; label?: string }) {
  const pathname = usePathname();
  // Lessons covers every lesson page but the lab, which has its own entry.
  const isActive =
    href === "/"
      ? pathname === "/" || (pathname.startsWith("/lessons") && !/^\/lessons\/[^/]+\/lab(\/|$)/.test(pathname))
      : pathname.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={isActive ? "page" : undefined}
      aria-label={label}
      className={cn(
        "inline-flex min-h-10 items-center rounded-md px-3 text-ink no-underline hover:bg-sunken",
        isActive && "bg-sunken font-semibold",
      )}
    >
      {children}
    </Link>
  );
}
