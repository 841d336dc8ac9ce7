"use client";

import { LabCard } from "@/components/lesson/lab-card";
import { useReader } from "@/components/progress/progress-provider";

/** An account's lab work per lab lesson, on the catalogue (from /api/me/page). */
export function YourLab({ timeZone }: { timeZone: string }) {
  const labs = useReader().me?.catalogue?.labs ?? [];
  if (!labs.length) return null;
  return (
    <section aria-labelledby="your-lab-title" className="mt-10 max-w-3xl">
      <h2 id="your-lab-title" className="text-xl font-semibold tracking-tight">
        Your lab
      </h2>
      {labs.map((lab) => (
        <div key={lab.slug} className="mt-3">
          <p className="mb-2 text-sm text-ink-muted">{lab.title}</p>
          <LabCard lesson={lab.slug} isSignedIn progress={lab.progress} grade={lab.grade} timeZone={timeZone} className="bg-surface" />
        </div>
      ))}
    </section>
  );
}
