"use client";

import { useEffect } from "react";
import { useProgress } from "@/components/progress/progress-provider";

/** Opening a lesson is what "continue where you left off" remembers. */
export function VisitRecorder({ lesson }: { lesson: string }) {
  const { recordVisit, isReady } = useProgress();
  useEffect(() => {
    if (isReady) recordVisit(lesson);
  }, [lesson, isReady, recordVisit]);
  return null;
}
