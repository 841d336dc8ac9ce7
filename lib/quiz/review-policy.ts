// What a graded attempt may show of the answer key (QUIZ_REVIEW_POLICY). Pure and dependency-free:
// the server decides with it what goes into a result, and the browser words the same rules.
//
// - after-submit: every question shows its right answer and every option's explanation.
// - answered (default): only the questions the student answered do; a blank attempt reveals nothing.
// - after-attempts:N: nothing of the key until the student has submitted N attempts of the quiz;
//   until then each question says only whether the student's own answer was right.

export type ReviewPolicy = { kind: "after-submit" } | { kind: "answered" } | { kind: "after-attempts"; attempts: number };

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = { kind: "answered" };

/** The env value ("after-submit", "answered", "after-attempts:N"); the env schema has already checked it. */
export function parseReviewPolicy(value: string | undefined): ReviewPolicy {
  if (value === "after-submit") return { kind: "after-submit" };
  const attempts = /^after-attempts:([1-9][0-9]?)$/.exec(value ?? "");
  if (attempts) return { kind: "after-attempts", attempts: Number(attempts[1]) };
  return DEFAULT_REVIEW_POLICY;
}

/**
 * Where one graded attempt stands under the policy. `attempt` is this attempt's number (1 for the
 * first); `submitted` how many attempts of the quiz the student has submitted so far, this one
 * included (more than `attempt` when an older attempt is opened again).
 */
export type ReviewStanding = { policy: ReviewPolicy; attempt: number; submitted: number };

/** Whether a question's right answer and explanations may be shown. */
export function revealsKey(standing: ReviewStanding, isAnswered: boolean): boolean {
  const { policy } = standing;
  if (policy.kind === "after-submit") return true;
  if (policy.kind === "answered") return isAnswered;
  return standing.submitted >= policy.attempts;
}

const attemptsText = (n: number) => (n === 1 ? "1 attempt" : `${n} attempts`);

/** The one sentence the quiz page shows about what the results will reveal. */
export function describeReviewPolicy(policy: ReviewPolicy, isSignedIn: boolean): string {
  if (policy.kind === "after-submit")
    return "After you submit, every question shows its right answer and why each option is right or wrong.";
  if (policy.kind === "answered")
    return "After you submit, each question you answered shows its right answer and why each option is right or wrong; a question left blank only points to the section to read.";
  return `Right answers and explanations appear once you have submitted ${attemptsText(policy.attempts)} of this quiz${
    isSignedIn ? "" : " in this browser"
  }; until then each question shows whether your answer was right and the section to read.`;
}

/** The line under the score: what this result shows and, when something is held back, why. */
export function describeResult(standing: ReviewStanding, counts: { unanswered: number; isPerfect: boolean }): string {
  const { policy } = standing;
  if (policy.kind === "after-attempts" && standing.submitted < policy.attempts)
    return `Right answers appear after ${attemptsText(policy.attempts)} (this was attempt ${standing.attempt}). Each question shows whether your answer was right and the section to read.`;
  if (counts.isPerfect) return "Every question right. The explanations below are still worth a read.";
  if (policy.kind === "answered" && counts.unanswered > 0)
    return "Each question you answered shows your answer, the right answer, and why each option is right or wrong. Unanswered questions keep their answer hidden: read their section and try them on a retake.";
  return "Each question below shows your answer, the right answer, and why each option is right or wrong.";
}
