import { formatScore, formatScoreWithPercent } from "@/lib/format/score";

// Where one quiz attempt stands among the student's: its number, the attempt before it and the best
// so far, in the words the quiz page and the results card use. Pure: the page and the submit action
// hand in the submitted attempts' scores, oldest first.

export type ScoreLine = { score: number; total: number };

export type AttemptStanding = ScoreLine & {
  /** 1 for the first submitted attempt */
  number: number;
  /** the attempt submitted just before this one */
  previous: ScoreLine | null;
  /** the best of every submitted attempt (the earliest on a tie), and its number */
  best: ScoreLine & { number: number };
};

type Scored = ScoreLine & { id: string };

const ratio = (s: ScoreLine) => (s.total > 0 ? s.score / s.total : 0);

/** The standing of attempt `id` (default: the latest) among `attempts`, oldest first; null when it is not there. */
export function standingOf(attempts: readonly Scored[], id?: string): AttemptStanding | null {
  const index = id === undefined ? attempts.length - 1 : attempts.findIndex((a) => a.id === id);
  const attempt = attempts[index];
  if (!attempt) return null;
  let best = { score: attempts[0]!.score, total: attempts[0]!.total, number: 1 };
  attempts.forEach((a, i) => {
    if (ratio(a) > ratio(best)) best = { score: a.score, total: a.total, number: i + 1 };
  });
  const previous = attempts[index - 1];
  return {
    number: index + 1,
    score: attempt.score,
    total: attempt.total,
    previous: previous ? { score: previous.score, total: previous.total } : null,
    best,
  };
}

/** "up from 9/15", "down from 12/15", "the same as the attempt before"; null for a first attempt. */
export function describeChange(standing: AttemptStanding): string | null {
  const { previous } = standing;
  if (!previous) return null;
  // Compared as written, so 11.96 and 12 (both "12/15") read as the same.
  const now = formatScore(standing.score, standing.total);
  const before = formatScore(previous.score, previous.total);
  if (now === before) return `the same as attempt ${standing.number - 1}`;
  return `${ratio(standing) > ratio(previous) ? "up" : "down"} from ${before}`;
}

/** "11/15 (73%) · best 12/15 · up from 9/15" */
export function describeStanding(standing: AttemptStanding): string {
  const parts = [formatScoreWithPercent(standing.score, standing.total), `best ${formatScore(standing.best.score, standing.best.total)}`];
  const change = describeChange(standing);
  if (change) parts.push(change);
  return parts.join(" · ");
}
