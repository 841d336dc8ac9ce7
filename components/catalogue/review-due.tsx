"use client";

import Link from "next/link";
import { useReader } from "@/components/progress/progress-provider";
import { buttonClasses } from "@/components/ui/button";

/** Spaced reviews due now, on the catalogue (an account's, from /api/me/page). */
export function ReviewDue() {
  const reviews = useReader().me?.catalogue?.dueReviews ?? [];
  if (!reviews.length) return null;
  return (
    <section aria-labelledby="review-due-title" className="mt-8 rounded-2xl border border-accent/40 bg-accent-soft p-5 sm:p-6">
      <p className="text-sm font-semibold text-accent">Spaced review</p>
      <h2 id="review-due-title" className="text-xl font-semibold">
        {reviews.length === 1 ? "A review is due" : `${reviews.length} reviews are due`}
      </h2>
      <ul className="mt-3 flex flex-col gap-4">
        {reviews.map((r) => (
          <li key={r.lesson} className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between" data-testid="review-due">
            <div>
              <p className="font-semibold">{r.title}</p>
              <p className="text-sm text-ink-muted">
                {r.questions} question{r.questions === 1 ? "" : "s"} on what you last missed: {r.concepts.join(", ")}
              </p>
            </div>
            <Link href={`/lessons/${r.lesson}/review`} className={buttonClasses("primary", "shrink-0")}>
              {r.status === "open" ? "Finish the review" : "Start the review"}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
