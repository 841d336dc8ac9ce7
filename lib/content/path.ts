// A lesson's learning path: sections of the page, and activities done elsewhere (the lab, its
// write-up, the quiz). Pure: the lesson map, the catalogue and the continue card use it in the
// browser as well.

export const ACTIVITY_KINDS = ["lab", "write-up", "quiz"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** A "## " section of the lesson; marked done by the reader. Its id is its anchor. */
export type SectionStep = { kind: "section"; id: string; title: string; anchor: string };
/** Done from what the reader did (a finished run, a submitted write-up, a graded quiz). Its id is its kind. */
export type ActivityStep = { kind: ActivityKind; id: ActivityKind; title: string };
export type PathStep = SectionStep | ActivityStep;

export function isSectionStep(step: Pick<PathStep, "kind">): step is SectionStep {
  return step.kind === "section";
}

export function sectionSteps(steps: readonly PathStep[]): SectionStep[] {
  return steps.filter(isSectionStep);
}

/** The lab and the write-up are stored with an account; a guest has to sign in for them. */
export function needsAccount(step: Pick<PathStep, "kind">): boolean {
  return step.kind === "lab" || step.kind === "write-up";
}

/** Where a step is done. The write-up is a section of the lab page (its id there is "write-up"). */
export function stepHref(lesson: string, step: Pick<PathStep, "kind" | "id">): string {
  switch (step.kind) {
    case "lab":
      return `/lessons/${lesson}/lab`;
    case "write-up":
      return `/lessons/${lesson}/lab#write-up`;
    case "quiz":
      return `/lessons/${lesson}/quiz`;
    default:
      return `/lessons/${lesson}#${step.id}`;
  }
}

export function labRunHref(lesson: string, runId: string): string {
  return `/lessons/${lesson}/lab?run=${encodeURIComponent(runId)}`;
}

/** A lesson's "## " heading: its id (the anchor) and its text. */
export type SectionHeading = { id: string; text: string };

/**
 * Why a lesson's path does not name its sections the way the page does, or [] when it does. Steps
 * are the page's own sections: each titled with its heading's exact text, in page order, and every
 * section that teaches (holds a key term or a check) is on the path, so "all steps done" means the
 * reader went through what the quiz asks about.
 */
export function pathProblems(steps: readonly PathStep[], headings: readonly SectionHeading[], teaching: Iterable<string>): string[] {
  const problems: string[] = [];
  const sections = sectionSteps(steps);
  const order = headings.map((h) => h.id);
  for (const step of sections) {
    const heading = headings.find((h) => h.id === step.anchor);
    if (heading && heading.text !== step.title)
      problems.push(`the step "${step.title}" must be titled as its section's heading: "${heading.text}"`);
  }
  const onPath = new Set(sections.map((s) => s.anchor));
  for (const id of new Set(teaching)) {
    const heading = headings.find((h) => h.id === id);
    if (heading && !onPath.has(id)) problems.push(`the section "${heading.text}" teaches (a key term or a check) but is not on the path`);
  }
  const positions = sections.map((s) => order.indexOf(s.anchor)).filter((i) => i >= 0);
  if (positions.some((p, i) => i > 0 && p < positions[i - 1]!)) problems.push("the sections on the path are not in the page's order");
  return problems;
}
