import type { QuizLink } from "@/lib/lti/types";
import { ScorePolicyForm } from "@/components/lti/score-policy-form";

/**
 * "Quiz scores to course sites": for each quiz link of a course taught, which attempt its gradebook
 * gets. The choice applies to attempts submitted from then on; what was sent stays.
 */
export function QuizLinks({ links }: { links: QuizLink[] }) {
  return (
    <section aria-labelledby="quiz-links" className="mt-12 border-t border-line pt-8">
      <h2 id="quiz-links" className="text-xl font-semibold">
        Quiz scores to course sites
      </h2>
      <p className="mt-2 text-ink-muted">
        A quiz opened from a course site sends the student&apos;s score to its gradebook when they submit: their best attempt so far, or
        their latest. A change applies from the next attempt submitted.
      </p>
      {links.length === 0 ? (
        <p className="mt-3 text-ink-muted">No quiz has been opened from a course site of your classes yet.</p>
      ) : (
        <ul className="mt-4 flex flex-col gap-4">
          {links.map((link) => (
            <li key={link.id} className="rounded-xl border border-line bg-surface p-4" data-testid="quiz-link">
              <h3 className="font-semibold">{link.title}</h3>
              <p className="mt-1 text-sm text-ink-muted">
                {link.courseTitle} · class {link.className}
                {link.graded ? "" : " · no gradebook column yet: the course site has not given one"}
              </p>
              <ScorePolicyForm link={link} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
