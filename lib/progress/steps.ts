import type { ProgressDoc } from "@/lib/progress/model";

// A step ticked or unticked, and a lesson visited, as changes to a progress document. Pure: the
// browser applies them at once and the server stores the same change.

/** Ticking keeps the first time a step was done; unticking forgets it. */
export function withStep(doc: ProgressDoc, lesson: string, step: string, done: boolean, at: string): ProgressDoc {
  const steps = { ...(doc.steps[lesson] ?? {}) };
  if (done) steps[step] ??= at;
  else delete steps[step];
  return { ...doc, steps: { ...doc.steps, [lesson]: steps } };
}

export function withVisit(doc: ProgressDoc, lesson: string, at: string): ProgressDoc {
  return { ...doc, visits: { ...doc.visits, [lesson]: at } };
}
