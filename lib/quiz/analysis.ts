import { formatPercent } from "@/lib/format";
import { gradeAnswers, type AnswerSheet } from "@/lib/quiz/grading";
import type { Quiz } from "@/lib/quiz/schema";
import { mean, median, standardDeviation } from "@/lib/stats";

// Classical item analysis of one quiz, on plain data: the quiz with its key and the attempts'
// canonical answers. Each attempt is graded again here with the same all-or-nothing rule the
// student saw (gradeAnswers), so an item's 0/1 and the total always agree with each other.

/** Below this many attempts no statistic is shown: with fewer, one student moves every figure. */
export const MIN_ATTEMPTS = 10;
/** Kelley's 27%: the upper and lower groups for the discrimination index. */
export const GROUP_SHARE = 0.27;

export const FLAG_RULES = { tooEasyAbove: 0.9, tooHardBelow: 0.3, weakDiscriminationBelow: 0.2 } as const;

export type AnalysedAttempt = { answers: AnswerSheet };

export type ItemFlagKind = "too-easy" | "too-hard" | "weak-discrimination" | "negative-discrimination" | "unpicked-distractor";
export type ItemFlag = { kind: ItemFlagKind; message: string };

export type OptionStats = {
  id: string;
  text: string;
  isRight: boolean;
  /** attempts that chose (single) or ticked (multiple) this option */
  count: number;
  /** count / attempts; null below the minimum */
  share: number | null;
  /** share among the upper and lower 27% (ranked by total score); null below the minimum */
  upperShare: number | null;
  lowerShare: number | null;
};

export type ItemStats = {
  questionId: string;
  number: number;
  kind: "single" | "multiple";
  prompt: string;
  attempts: number;
  /** attempts that chose at least one option */
  answered: number;
  /** attempts fully right */
  right: number;
  /** share of attempts fully right (a blank counts as wrong) */
  facility: number | null;
  /** proportion right in the upper group minus in the lower group */
  discrimination: number | null;
  /** item (0/1) against the rest-score (total minus this item); null when either does not vary */
  pointBiserial: number | null;
  options: OptionStats[];
  flags: ItemFlag[];
};

export type ScoreSummary = { mean: number; median: number; standardDeviation: number; kr20: number | null; outOf: number };

export type QuizAnalysis = {
  attempts: number;
  minimum: number;
  isEnough: boolean;
  /** attempts in each of the upper and lower groups (ties at the cut share the last places) */
  groupSize: number;
  summary: ScoreSummary | null;
  items: ItemStats[];
};

/** "Item statistics need at least 10 attempts to mean anything; 4 so far." */
export function belowMinimumMessage(attempts: number, minimum = MIN_ATTEMPTS): string {
  return `Item statistics need at least ${minimum} attempts to mean anything; ${attempts} so far.`;
}

/** Each attempt's items as 0/1, in the quiz's question order. */
export function scoreMatrix(quiz: Quiz, attempts: readonly AnalysedAttempt[]): number[][] {
  return attempts.map((a) => gradeAnswers(quiz, a.answers).questions.map((q) => (q.isCorrect ? 1 : 0)));
}

export function groupSizeFor(attempts: number): number {
  return attempts === 0 ? 0 : Math.max(1, Math.round(GROUP_SHARE * attempts));
}

/**
 * Membership weights of the upper and lower groups (k attempts each, ranked by total). Attempts
 * tied at the cut share the places left between them, so the result does not depend on the order
 * attempts happen to be listed in (Moodle-style sorting would put an arbitrary one of them in).
 */
export function extremeGroupWeights(totals: readonly number[], size = groupSizeFor(totals.length)): { upper: number[]; lower: number[] } {
  const weigh = (better: (a: number, b: number) => boolean) => {
    const sorted = [...totals].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    const cut = sorted[size - 1];
    if (cut === undefined) return totals.map(() => 0);
    const ahead = totals.filter((t) => better(t, cut)).length;
    const tied = totals.filter((t) => t === cut).length;
    return totals.map((t) => (better(t, cut) ? 1 : t === cut ? (size - ahead) / tied : 0));
  };
  return { upper: weigh((a, b) => a > b), lower: weigh((a, b) => a < b) };
}

function weightedShare(values: readonly number[], weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  return total === 0 ? NaN : values.reduce((sum, v, i) => sum + v * weights[i]!, 0) / total;
}

/** Upper-group proportion right minus lower-group proportion right. */
export function discriminationIndex(item: readonly number[], totals: readonly number[]): number {
  const { upper, lower } = extremeGroupWeights(totals);
  return weightedShare(item, upper) - weightedShare(item, lower);
}

/**
 * Point-biserial correlation of a 0/1 item with the rest-score (total minus the item), so the item
 * is not correlated with itself: (M1 - M0) / s * sqrt(p q), population SD. Null when the item or
 * the rest-score does not vary (everyone right, everyone wrong, or all rest-scores equal).
 */
export function pointBiserial(item: readonly number[], totals: readonly number[]): number | null {
  const rest = totals.map((t, i) => t - item[i]!);
  const right = rest.filter((_, i) => item[i] === 1);
  const wrong = rest.filter((_, i) => item[i] !== 1);
  const sd = standardDeviation(rest);
  if (!right.length || !wrong.length || !(sd > 0)) return null;
  const p = right.length / rest.length;
  return ((mean(right) - mean(wrong)) / sd) * Math.sqrt(p * (1 - p));
}

/** Kuder-Richardson 20, the internal consistency of 0/1 items (Cronbach's alpha for them). */
export function kr20(matrix: readonly number[][]): number | null {
  const k = matrix[0]?.length ?? 0;
  const totals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const variance = standardDeviation(totals) ** 2;
  if (k < 2 || !(variance > 0)) return null;
  let pq = 0;
  for (let j = 0; j < k; j++) {
    const p = mean(matrix.map((row) => row[j]!));
    pq += p * (1 - p);
  }
  return (k / (k - 1)) * (1 - pq / variance);
}

/** Two decimals with a real minus sign; three when two would round onto the threshold it is compared with. */
export function formatIndex(value: number, threshold?: number): string {
  let text = Math.abs(value).toFixed(2);
  if (threshold !== undefined && value !== threshold && Number(text) * Math.sign(value) === threshold) text = Math.abs(value).toFixed(3);
  return value < 0 && Number(text) !== 0 ? `−${text}` : text;
}

/** A share as a whole percentage, with one decimal when rounding would land on the threshold. */
function percentNear(value: number, threshold: number): string {
  return formatPercent(value, Math.round(value * 100) === Math.round(threshold * 100) && value !== threshold ? 1 : 0);
}

const clip = (text: string, length = 60) => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

/** The flags an item earns, each a sentence a person can act on. */
export function flagItem(item: Pick<ItemStats, "facility" | "discrimination" | "options">): ItemFlag[] {
  const flags: ItemFlag[] = [];
  const { facility, discrimination } = item;
  if (facility !== null && facility > FLAG_RULES.tooEasyAbove)
    flags.push({ kind: "too-easy", message: `Too easy: ${percentNear(facility, FLAG_RULES.tooEasyAbove)} right` });
  if (facility !== null && facility < FLAG_RULES.tooHardBelow)
    flags.push({ kind: "too-hard", message: `Too hard: ${percentNear(facility, FLAG_RULES.tooHardBelow)} right` });
  if (discrimination !== null && discrimination < 0)
    flags.push({
      kind: "negative-discrimination",
      message: `Negative discrimination: D = ${formatIndex(discrimination)}, the lowest-scoring attempts got it right more often than the highest-scoring`,
    });
  else if (discrimination !== null && discrimination < FLAG_RULES.weakDiscriminationBelow)
    flags.push({
      kind: "weak-discrimination",
      message: `Weak discrimination: D = ${formatIndex(discrimination, FLAG_RULES.weakDiscriminationBelow)} (below ${formatIndex(FLAG_RULES.weakDiscriminationBelow)})`,
    });
  const unpicked = item.options.filter((o) => !o.isRight && o.count === 0 && o.share !== null);
  const [only] = unpicked;
  if (only && unpicked.length === 1)
    flags.push({
      kind: "unpicked-distractor",
      message: `Distractor nobody picks: ${only.id.toUpperCase()}, “${clip(only.text)}” (0 choices)`,
    });
  else if (unpicked.length > 1)
    flags.push({
      kind: "unpicked-distractor",
      message: `Distractors nobody picks: ${unpicked.map((o) => o.id.toUpperCase()).join(", ")} (0 choices each)`,
    });
  return flags;
}

export function analyseQuiz(quiz: Quiz, attempts: readonly AnalysedAttempt[], minimum = MIN_ATTEMPTS): QuizAnalysis {
  const n = attempts.length;
  const isEnough = n >= minimum;
  const matrix = scoreMatrix(quiz, attempts);
  const totals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const groups = extremeGroupWeights(totals);
  const chosen = attempts.map((a) => quiz.questions.map((q) => new Set(a.answers[q.id] ?? [])));

  const items = quiz.questions.map((q, j): ItemStats => {
    const item = matrix.map((row) => row[j]!);
    const right = item.reduce((a, b) => a + b, 0);
    const options = q.options.map((o): OptionStats => {
      const picked = chosen.map((c) => (c[j]!.has(o.id) ? 1 : 0));
      const count = picked.reduce<number>((a, b) => a + b, 0);
      return {
        id: o.id,
        text: o.text,
        isRight: o.correct,
        count,
        share: isEnough ? count / n : null,
        upperShare: isEnough ? weightedShare(picked, groups.upper) : null,
        lowerShare: isEnough ? weightedShare(picked, groups.lower) : null,
      };
    });
    const stats = {
      questionId: q.id,
      number: j + 1,
      kind: q.kind,
      prompt: q.prompt,
      attempts: n,
      answered: chosen.filter((c) => q.options.some((o) => c[j]!.has(o.id))).length,
      right,
      facility: isEnough ? right / n : null,
      discrimination: isEnough ? discriminationIndex(item, totals) : null,
      pointBiserial: isEnough ? pointBiserial(item, totals) : null,
      options,
    };
    return { ...stats, flags: isEnough ? flagItem(stats) : [] };
  });

  return {
    attempts: n,
    minimum,
    isEnough,
    groupSize: groupSizeFor(n),
    summary: isEnough
      ? {
          mean: mean(totals),
          median: median(totals),
          standardDeviation: standardDeviation(totals),
          kr20: kr20(matrix),
          outOf: quiz.questions.length,
        }
      : null,
    items,
  };
}
