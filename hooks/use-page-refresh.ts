"use client";

import { createContext, useCallback, useContext } from "react";
import { useRouter } from "next/navigation";

/**
 * What "show the latest" means on a page whose data a client island loads itself (the lab page's
 * HTML is shared and its reader's parts come from `/api/me/lab`): that island provides its reload
 * here. Anywhere else the page is rendered again by the router.
 */
export const PageRefreshContext = createContext<(() => void) | null>(null);

export function usePageRefresh(): () => void {
  const reload = useContext(PageRefreshContext);
  const router = useRouter();
  const refresh = useCallback(() => router.refresh(), [router]);
  return reload ?? refresh;
}
