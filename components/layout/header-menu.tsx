"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "@/lib/utils/cn";
import { useMenuBadges } from "@/components/layout/reader-nav";

/**
 * On a phone the header is one row: the logo and a "Menu" button that discloses the navigation and
 * the account links. From the sm breakpoint up everything shows in the row and the button is gone.
 * Escape closes it and returns focus to the button; following a link closes it. The reader's badges ("1 new",
 * "1 notice") show on the button too, so a closed menu still says something waits inside it.
 */
export function HeaderMenu({ children }: { children: ReactNode }) {
  const badges = useMenuBadges();
  const [isOpen, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();
  const [openedAt, setOpenedAt] = useState(pathname);
  if (isOpen && openedAt !== pathname) {
    setOpen(false);
    setOpenedAt(pathname);
  }

  useEffect(() => {
    if (!isOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [isOpen]);

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={isOpen}
        aria-controls="site-menu"
        aria-label={badges.length ? `Menu, ${badges.join(", ")}` : undefined}
        onClick={() => {
          setOpen((open) => !open);
          setOpenedAt(pathname);
        }}
        className="ml-auto inline-flex min-h-10 items-center gap-2 rounded-lg border border-line-strong px-3 text-sm font-medium text-ink sm:hidden"
      >
        {isOpen ? <X aria-hidden="true" className="size-4" /> : <Menu aria-hidden="true" className="size-4" />}
        Menu
        {badges.length ? (
          <span
            aria-hidden="true"
            className="rounded-full bg-warning-soft px-1.5 text-xs font-semibold text-warning"
            data-testid="menu-badge"
          >
            {badges.join(" · ")}
          </span>
        ) : null}
      </button>
      <div
        id="site-menu"
        className={cn(
          "w-full flex-col gap-3 border-t border-line pt-3 sm:flex sm:w-auto sm:flex-1 sm:flex-row sm:items-center sm:gap-6 sm:border-0 sm:pt-0",
          isOpen ? "flex" : "hidden",
        )}
      >
        {children}
      </div>
    </>
  );
}
