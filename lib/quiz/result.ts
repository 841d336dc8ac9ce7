// A graded quiz attempt as progress keeps it, and how two are compared. Pure and dependency-free:
// it ships to the browser (guest progress), and lib/progress builds on it.

/** concept -> right answers out of questions */
export type ConceptScores = Record<string, { correct: number; total: number }>;

/** A graded attempt. A guest's result carries the server's signature so it can join an account. */
export type QuizResult = { score: number; total: number; at: string; concepts?: ConceptScores; sig?: string };

/** lesson -> best and latest result */
export type QuizProgress = Record<string, { best?: QuizResult; latest?: QuizResult }>;

/** Higher score wins; on a tie the earlier attempt (it got there first). */
export function betterResult(a: QuizResult | undefined, b: QuizResult | undefined): QuizResult | undefined {
  if (!a || !b) return a ?? b;
  const ra = a.score / a.total;
  const rb = b.score / b.total;
  if (ra !== rb) return ra > rb ? a : b;
  return Date.parse(a.at) <= Date.parse(b.at) ? a : b;
}

/** The more recent attempt; on a tie the better one, so the merge does not depend on argument order. */
export function newerResult(a: QuizResult | undefined, b: QuizResult | undefined): QuizResult | undefined {
  if (!a || !b) return a ?? b;
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  if (ta !== tb) return ta > tb ? a : b;
  return betterResult(a, b);
}
