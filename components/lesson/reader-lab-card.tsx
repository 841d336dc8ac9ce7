"use client";

import { LabCard } from "@/components/lesson/lab-card";
import { useReader } from "@/components/progress/progress-provider";
import { cn } from "@/lib/utils/cn";

/**
 * The reader's lab card on a shared page: a guest's way in, or the account's latest run and
 * write-up from /api/me/page. Until the reader is known it keeps its place without showing a guess.
 */
export function ReaderLabCard({ lesson, timeZone, className }: { lesson: string; timeZone: string; className?: string }) {
  const { status, me } = useReader();
  const isKnown = status === "guest" || (status === "member" && me !== null);
  const progress = me?.lesson?.slug === lesson ? me.lesson.lab : null;
  return (
    <div className={cn(!isKnown && "invisible")} aria-hidden={isKnown ? undefined : true} aria-busy={isKnown ? undefined : true}>
      <LabCard lesson={lesson} isSignedIn={status === "member"} progress={progress} timeZone={timeZone} className={className} />
    </div>
  );
}
