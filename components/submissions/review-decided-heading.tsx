"use client";

import { useRef } from "react";
import { useFocusAfterRefresh } from "@/hooks/use-focus-after-refresh";
import { DECIDED_FOCUS } from "@/components/submissions/review-form";

/** What became of the review, taking focus when the instructor has just decided it (the buttons are gone). */
export function ReviewDecidedHeading({ decision }: { decision: "RETURNED" | "COMPLETED" }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useFocusAfterRefresh(DECIDED_FOCUS, ref);
  return (
    <h3 ref={ref} tabIndex={-1} className="text-lg font-semibold">
      {decision === "COMPLETED" ? "Review completed" : "Returned for revision"}
    </h3>
  );
}
