"use client";

import { Suspense, use, useId, type ReactNode } from "react";
import { hasHydrated, isOpen, whenNear } from "@/components/lesson/hydration-gate";

/**
 * Below-the-fold interactive parts of a lesson (check cards, explorables, the tutor) hydrate when
 * they come near the viewport or on the first pointer, focus or key inside them, not all at page
 * load: a slow phone's main thread stays free while the top of the page becomes usable.
 *
 * The server HTML is there from the start (nothing changes visually): while `Gate` is suspended
 * during hydration React keeps the boundary's server-rendered DOM and hydrates it later (selective
 * hydration). What is inside must not read a React context that changes before it hydrates (the
 * reader's state is a module store for that reason: components/progress/reader-store.ts).
 * Rendered by a client navigation (no server HTML), the children render at once.
 */
export function HydrateWhenNear({ children }: { children: ReactNode }) {
  const id = useId();
  return (
    <div data-hydrate-when-near={id}>
      <Suspense fallback={null}>
        <Gate id={id} />
        {children}
      </Suspense>
    </div>
  );
}

function Gate({ id }: { id: string }) {
  // On the server there is nothing to wait for; after the first hydration nothing either.
  if (typeof window === "undefined" || hasHydrated() || isOpen(id)) return null;
  use(whenNear(id));
  return null;
}
