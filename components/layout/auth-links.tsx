"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { buttonClasses } from "@/components/ui/button";

/** Sign in / Create account, bringing the reader back to the page they were on. */
export function AuthLinks() {
  const pathname = usePathname();
  const back = pathname && !["/", "/signin", "/signup"].includes(pathname) ? `?callbackUrl=${encodeURIComponent(pathname)}` : "";
  return (
    <>
      <Link href={`/signin${back}`} className={buttonClasses("ghost", "min-h-10 px-3")}>
        Sign in
      </Link>
      <Link href={`/signup${back}`} className={buttonClasses("primary", "min-h-10 px-3")}>
        Create account
      </Link>
    </>
  );
}
